#pragma once

#include <algorithm>
#include <vector>

// What was made of a caller's words: one reading taken as sure, a few to ask between, or none.
namespace frontdesk::domain {

enum class certainty {
  sure,     // one reading: go ahead
  ask,      // several are plausible: speak them back and ask ("Did you mean ...?")
  unknown,  // no reading: ask openly
};

template <class T>
struct reading {
  certainty verdict = certainty::unknown;
  /// Sure: the one reading. Ask: the readings to speak back, the likeliest first.
  std::vector<T> options;

  bool sure() const { return verdict == certainty::sure; }
  const T& best() const { return options.front(); }
};

/// The verdict the readings make: none unknown, one sure, several (once each) ask.
template <class T>
reading<T> reading_of(const std::vector<T>& readings) {
  reading<T> out;
  for (const auto& r : readings)
    if (std::find(out.options.begin(), out.options.end(), r) == out.options.end())
      out.options.push_back(r);
  out.verdict = out.options.empty()       ? certainty::unknown
                : out.options.size() == 1 ? certainty::sure
                                          : certainty::ask;
  return out;
}

}  // namespace frontdesk::domain
