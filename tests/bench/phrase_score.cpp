// Scores the readings of what callers say on the corpora in tests/data/phrases: per kind, how
// many phrases are read right, how many are asked about with the right readings spoken back, how
// many are asked about wrongly or not understood, and how many are guesses (a reading taken as
// sure that is wrong, or taken where the caller must be asked). A guess costs a caller an
// appointment; a question costs them a turn.
//
//   phrase-score [--check] [FILE...]   prints each guess and miss, each question asked where a
//                                      reading was meant ("turn:"), and a table by kind per file
//                                      (default: every corpus in tests/data/phrases). --check
//                                      fails on any guess, or below 98% right or asked.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "phrase_reader.hpp"

namespace {

using namespace frontdesk::test_corpus;

struct tally {
  int phrases = 0, right = 0, asked = 0, missed = 0, not_understood = 0, guesses = 0;
  void add(const tally& t) {
    phrases += t.phrases, right += t.right, asked += t.asked, missed += t.missed;
    not_understood += t.not_understood, guesses += t.guesses;
  }
  double share() const { return phrases ? 100.0 * (right + asked) / phrases : 0.0; }
};

std::vector<std::string> split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::stringstream in{text};
  for (std::string field; std::getline(in, field, by);) out.push_back(field);
  return out;
}

enum class outcome { right, asked, missed, not_understood, guess };

// How a reading fares against what the corpus expects: a reading (sure), "ask:R1,R2" (asked with
// each of them spoken back), "ask" (asked, whatever the options), or "?" (no reading to make).
outcome judge(const reading& r, const std::string& expected) {
  const bool must_ask = expected == "ask" || expected.starts_with("ask:");
  const bool none = expected == "?";
  if (r.verdict == certainty::sure) {
    const bool same = !must_ask && !none && !r.readings.empty() && r.readings.front() == expected;
    return same ? outcome::right : outcome::guess;
  }
  if (r.verdict == certainty::unknown) return none ? outcome::right : outcome::not_understood;
  if (none) return outcome::missed;
  const auto spoken = [&](const std::string& x) {
    return std::find(r.readings.begin(), r.readings.end(), x) != r.readings.end();
  };
  if (expected == "ask") return outcome::asked;
  const auto meant = must_ask ? split(expected.substr(4), ',') : std::vector{expected};
  return std::all_of(meant.begin(), meant.end(), spoken) ? outcome::asked : outcome::missed;
}

std::string shown(const reading& r) {
  std::string out = r.verdict == certainty::sure ? "" : r.verdict == certainty::ask ? "ask:" : "?";
  for (std::size_t i = 0; i < r.readings.size(); ++i) out += (i ? "," : "") + r.readings[i];
  return out;
}

void row(const std::string& name, const tally& t) {
  std::printf("%-30s %7d %7d %7d %7d %7d %7d %8.1f%%\n", name.c_str(), t.phrases, t.right, t.asked,
              t.missed, t.not_understood, t.guesses, t.share());
}

corpus corpus_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  const auto name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  for (const auto& [file, kind] :
       std::vector<std::pair<std::string, corpus>>{{"dates.tsv", corpus::dates},
                                                   {"times.tsv", corpus::times},
                                                   {"when.tsv", corpus::when},
                                                   {"names.tsv", corpus::names},
                                                   {"places.tsv", corpus::places},
                                                   {"services.tsv", corpus::services}})
    if (name == file) return kind;
  throw std::runtime_error("no corpus is called " + name);
}

// Scores one corpus file: its guesses and misses, then its table by kind.
tally score(const std::string& path) {
  std::ifstream file{path};
  if (!file) throw std::runtime_error("cannot read " + path);
  const auto kind_of_file = corpus_of(path);
  std::map<std::string, tally> by_kind;
  tally all;
  for (std::string line; std::getline(file, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    if (f.size() != 3 && f.size() != 5) throw std::runtime_error("not 3 or 5 fields: " + line);
    const phrase p{f[1], f.size() == 5 ? f[2] : "", f.size() == 5 ? f[3] : "AU"};
    const auto r = read(kind_of_file, p);
    const auto result = judge(r, f.back());
    auto& t = by_kind[f[0]];
    ++t.phrases;
    int* counter[] = {&t.right, &t.asked, &t.missed, &t.not_understood, &t.guesses};
    ++*counter[static_cast<int>(result)];
    // A question where a reading was meant is no guess, but it costs the caller a turn.
    const bool extra_turn = result == outcome::asked && !f.back().starts_with("ask");
    if (extra_turn)
      std::printf("%-7s %-26s %-36s read %s, meant %s\n", "turn:", f[0].c_str(),
                  ("\"" + f[1] + "\"").c_str(), shown(r).c_str(), f.back().c_str());
    if (result == outcome::guess || result == outcome::missed || result == outcome::not_understood)
      std::printf("%-7s %-26s %-36s read %s, meant %s\n",
                  result == outcome::guess    ? "guess:"
                  : result == outcome::missed ? "miss:"
                                              : "unread:",
                  f[0].c_str(), ("\"" + f[1] + "\"").c_str(), shown(r).c_str(), f.back().c_str());
  }
  std::printf("\n%s\n%-30s %7s %7s %7s %7s %7s %7s %9s\n", path.c_str(), "kind", "phrases", "right",
              "asked", "missed", "unread", "guesses", "right %");
  for (const auto& [kind, t] : by_kind) {
    row(kind, t);
    all.add(t);
  }
  row("all", all);
  std::printf("\n");
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0)
      check = true;
    else
      files.emplace_back(argv[i]);
  }
  if (files.empty())
    for (const char* name :
         {"dates.tsv", "times.tsv", "when.tsv", "names.tsv", "places.tsv", "services.tsv"})
      files.push_back(std::string(FRONTDESK_PHRASES "/") + name);
  try {
    tally total;
    for (const auto& path : files) total.add(score(path));
    row("every corpus", total);
    if (check && (total.guesses > 0 || total.share() < 98.0)) {
      std::fprintf(stderr, "phrase-score: %d guesses, %.1f%% right or asked (at least 98%%)\n",
                   total.guesses, total.share());
      return 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "phrase-score: %s\n", e.what());
    return 2;
  }
  return 0;
}
