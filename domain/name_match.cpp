#include "domain/name_match.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <numeric>
#include <set>

#include "domain/phonetic.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

// Words that carry no name: titles, articles, and what callers wrap names in.
bool is_filler(std::string_view w) {
  static const std::set<std::string_view> fillers{
      "dr", "doctor", "mr",   "mrs",  "ms",          "miss",     "mx",     "prof",   "the",
      "a",  "an",     "with", "see",  "one",         "at",       "in",     "to",     "please",
      "i",  "want",   "like", "book", "clinic",      "location", "branch", "office", "um",
      "uh", "er",     "near", "me",   "appointment", "session"};
  return fillers.count(w) > 0;
}

}  // namespace

std::string folded_word(std::string w) {
  if (w == "saint" || w == "street") return "st";  // "St Kilda", "George St"
  if (w == "road") return "rd";
  if (w == "avenue") return "ave";
  if (w == "mount") return "mt";
  if (w.size() >= 5 && w.ends_with("our")) w.replace(w.size() - 3, 3, "or");
  if (w.size() >= 5 && w.ends_with("tre")) w.replace(w.size() - 3, 3, "ter");
  return w;
}

namespace {

// "chiropractor" and "chiropractic", "physiotherapist" and "physiotherapy" share a stem.
std::string stem(std::string w) {
  for (std::string_view suffix : {"ist", "ic", "or", "y", "e", "s"})
    if (w.size() >= suffix.size() + 5 && w.ends_with(suffix)) {
      w.resize(w.size() - suffix.size());
      break;
    }
  return w;
}

// How alike a spoken word is to a name's word: the same (or a shortening of it), sounding the
// same (Double Metaphone's primary keys, a spelling speech-to-text writes, a typo), sounding the
// same by an alternate key only ("city" and "south"), or roughly alike.
enum tier { none = 0, loose = 1, alternate = 2, heard = 3, exact = 4 };

// Short words sound alike too easily ("city" and "St"): a word of two letters is compared by
// sound only with another short one ("Li" and "Lee").
bool comparable(std::string_view a, std::string_view b) {
  return std::min(a.size(), b.size()) >= 3 || std::max(a.size(), b.size()) <= 3;
}

bool same_sound(std::string_view a, std::string_view b) {
  if (!comparable(a, b)) return false;
  const auto x = double_metaphone(a).primary;
  return !x.empty() && x == double_metaphone(b).primary;
}

bool keys_one_apart(std::string_view a, std::string_view b) {
  const auto x = double_metaphone(a).primary, y = double_metaphone(b).primary;
  // Keys of two sounds are one apart from too much ("John" and "Chen").
  if (x.size() < 3 || y.size() < 3) return false;
  if (x.size() == y.size())
    return std::inner_product(x.begin(), x.end(), y.begin(), 0, std::plus<>(),
                              std::not_equal_to<>()) <= 1;
  const auto& shorter = x.size() < y.size() ? x : y;
  const auto& longer = x.size() < y.size() ? y : x;
  if (longer.size() != shorter.size() + 1) return false;
  for (std::size_t skip = 0; skip < longer.size(); ++skip)
    if (longer.substr(0, skip) + longer.substr(skip + 1) == shorter) return true;
  return false;
}

// How alike one spoken word is to one word of a name.
// `joined`: `s` is two spoken words run together, which may be a name's one word ("parra
// matta") but is never a shortening of one, nor a longer word like it ("sarahgp" for "sarah").
tier word_tier(const std::string& s, const std::string& n, bool joined) {
  if (s == n) return exact;
  // An initial ("Sarah W") is the word it begins.
  if (s.size() == 1 && !joined) return n.starts_with(s) ? exact : none;
  const auto apart = s.size() > n.size() ? s.size() - n.size() : n.size() - s.size();
  if (joined) {
    if (same_sound(s, n)) return heard;
    return apart <= 1 && similarity(s, n) >= 0.8 ? loose : none;
  }
  // "Junc", "physio": a shortening, not a respelling ("Sara" is not "Sarah" shortened).
  if (s.size() >= 4 && n.size() >= s.size() + 2 && n.starts_with(s)) return exact;
  if (s.size() >= 5 && n.size() >= 5 && stem(s) == stem(n)) return exact;
  if (same_sound(s, n)) return heard;
  if (s.size() >= 5 && n.size() >= s.size() + 2 && same_sound(s, n.substr(0, s.size())))
    return heard;  // "fizzio" for "physiotherapy"
  // Jaro-Winkler only between words of about one length.
  const double alike = s.size() >= 4 && apart <= 2 ? similarity(s, n) : 0;
  if (alike >= 0.9) return heard;
  if (comparable(s, n) && sound_alike(s, n)) return alternate;
  if (alike >= 0.8 || (apart <= 2 && keys_one_apart(s, n))) return loose;
  return none;
}

struct vocabulary {
  std::vector<std::string> words;
  /// Runs of a name's words joined: matched whole, never as a prefix.
  std::vector<std::string> runs;
  std::set<std::string> heard;
};

// Every word of every name, and runs of them joined ("bondijunction", "stkilda").
vocabulary vocabulary_of(const name_candidate& c) {
  vocabulary v;
  for (const auto& name : c.names) {
    const auto w = name_words(name);
    v.words.insert(v.words.end(), w.begin(), w.end());
    for (std::size_t i = 0; i < w.size(); ++i) {
      std::string run = w[i];
      for (std::size_t j = i + 1; j < w.size(); ++j) v.runs.push_back(run += w[j]);
    }
  }
  for (const auto& h : c.heard_as) v.heard.insert(normalize(without_accents(h)));
  return v;
}

tier best_tier(const std::string& s, const vocabulary& v, bool joined) {
  tier best = v.heard.count(s) ? heard : none;
  for (const auto& n : v.words) best = std::max(best, word_tier(s, n, joined));
  for (const auto& n : v.runs)
    best = std::max(best, s == n ? exact : same_sound(s, n) ? heard : none);
  return best;
}

struct fit {
  tier overall = none;  // exact, heard, loose (all words), or none
  int matched = 0;      // words matching at least as heard
  double score = 0;
};

fit fit_of(const std::vector<std::string>& said, std::size_t joined, const vocabulary& v,
           bool allow_loose) {
  fit f;
  tier worst = exact;
  double total = 0;
  for (std::size_t i = 0; i < said.size(); ++i) {
    const auto& s = said[i];
    auto t = best_tier(s, v, i == joined);
    if (t == loose && !allow_loose) t = none;
    worst = std::min(worst, t);
    if (t >= heard) ++f.matched;
    // A spelling speech-to-text is known to write ranks above a likeness of sound.
    const bool known = t == heard && v.heard.count(s);
    total += t == exact       ? 1.0
             : known          ? 0.9
             : t == heard     ? 0.85
             : t == alternate ? 0.8
             : t == loose     ? 0.7
                              : 0.0;
  }
  f.overall = worst;
  f.score = said.empty() ? 0 : total / static_cast<double>(said.size());
  return f;
}

bool better(const fit& a, const fit& b) {
  if (a.overall != b.overall) return a.overall > b.overall;
  if (a.matched != b.matched) return a.matched > b.matched;
  return a.score > b.score;
}

// The spoken words, and the same with neighbours run together ("parra matta", "shiv on").
struct hearing {
  std::vector<std::string> words;
  std::size_t joined = std::string::npos;  // the place of the run-together word
};

std::vector<hearing> ways_of_hearing(const std::vector<std::string>& said) {
  std::vector<hearing> out{{said}};
  for (std::size_t i = 0; i + 1 < said.size(); ++i) {
    auto merged = said;
    merged[i] += merged[i + 1];
    merged.erase(merged.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    out.push_back({std::move(merged), i});
  }
  if (said.size() > 2) {
    std::string all;
    for (const auto& w : said) all += w;
    out.push_back({{all}, 0});
  }
  return out;
}

}  // namespace

std::vector<std::string> name_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : words_of(without_accents(text)))
    if (!is_filler(w)) out.push_back(folded_word(std::move(w)));
  return out;
}

double similarity(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a == b ? 1.0 : 0.0;
  const auto window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::vector<bool> a_hit(a.size()), b_hit(b.size());
  double matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lo = i > window ? i - window : 0;
    const auto hi = std::min(b.size(), i + window + 1);
    for (std::size_t j = lo; j < hi; ++j)
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = true;
        ++matches;
        break;
      }
  }
  if (matches == 0) return 0;
  double transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double jaro =
      (matches / static_cast<double>(a.size()) + matches / static_cast<double>(b.size()) +
       (matches - transpositions / 2) / matches) /
      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1 - jaro);
}

name_matches match_names(std::string_view spoken, const std::vector<name_candidate>& candidates,
                         bool partial) {
  name_matches out;
  const auto said = name_words(spoken);
  if (said.empty()) return out;
  const bool allow_loose = said.size() >= 2;
  std::vector<std::pair<fit, const name_candidate*>> fits;
  for (const auto& c : candidates) {
    const auto v = vocabulary_of(c);
    fit best;
    for (const auto& h : ways_of_hearing(said)) {
      const auto f = fit_of(h.words, h.joined, v, allow_loose);
      if (better(f, best)) best = f;
    }
    fits.emplace_back(best, &c);
  }
  std::stable_sort(fits.begin(), fits.end(),
                   [](const auto& a, const auto& b) { return better(a.first, b.first); });
  if (fits.empty()) return out;
  const auto& top = fits.front().first;
  const bool some = top.overall >= loose || (partial && top.matched > 0);
  if (!some) return out;
  // Names that sound alike are asked between, whichever one speech-to-text happened to spell.
  for (const auto& [f, c] : fits)
    if ((f.overall == top.overall && (top.overall >= loose || f.matched == top.matched)) ||
        (top.overall == exact && f.overall == heard))
      out.ranked.push_back({c->id, f.score});
  out.verdict = top.overall == exact && out.ranked.size() == 1 ? certainty::sure : certainty::ask;
  out.clear = out.verdict == certainty::sure;
  out.exact = top.overall == exact;
  return out;
}

std::optional<std::size_t> ordinal_choice(std::string_view spoken, std::size_t count) {
  const auto said = words_of(spoken);
  for (std::size_t i = 0; i < said.size(); ++i) {
    const auto& w = said[i];
    std::optional<int> n = ordinal_word(w);
    // A bare number counts alone or after "number"/"option": "the city one" names no position.
    const bool counted =
        said.size() == 1 || (i > 0 && (said[i - 1] == "number" || said[i - 1] == "option"));
    if (!n && counted && w != "a" && w != "an") n = number_word(w);
    if (w == "last" || w == "latter") n = static_cast<int>(count);
    if (w == "former") n = 1;
    if (n && *n >= 1 && static_cast<std::size_t>(*n) <= count)
      return static_cast<std::size_t>(*n - 1);
  }
  return std::nullopt;
}

}  // namespace frontdesk::domain
