#include "domain/name_match.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

// Words that carry no name: titles, articles, and what callers wrap names in.
bool is_filler(std::string_view w) {
  static const std::array<std::string_view, 22> fillers{
      "dr",      "doctor", "mr",   "mrs", "ms",   "miss",   "the",    "a",
      "an",      "with",   "see",  "one", "at",   "clinic", "please", "appointment",
      "session", "i",      "want", "to",  "like", "book"};
  return std::find(fillers.begin(), fillers.end(), w) != fillers.end();
}

std::vector<std::string> name_words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : words_of(text))
    if (!is_filler(w)) out.push_back(std::move(w));
  return out;
}

bool vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// How alike one spoken word is to one name word.
double word_score(const std::string& spoken, const std::string& name) {
  if (spoken == name) return 1.0;
  double score = similarity(spoken, name);
  if (spoken.size() >= 3 && sound_key(spoken) == sound_key(name)) score = std::max(score, 0.92);
  // "consult" for "consultation", "physio" for "physiotherapy"
  if (spoken.size() >= 4 && name.starts_with(spoken)) score = std::max(score, 0.93);
  // "massages", "consults"
  if (spoken.size() >= 4 && spoken.back() == 's' &&
      name.starts_with(spoken.substr(0, spoken.size() - 1)))
    score = std::max(score, 0.93);
  return score;
}

// How well the spoken words name one of a candidate's names: each spoken word finds its best
// partner; words the caller left out of a longer name cost a little ("Sarah" for "Sarah Chen").
double phrase_score(const std::vector<std::string>& spoken, const std::vector<std::string>& name) {
  if (spoken.empty() || name.empty()) return 0;
  double total = 0;
  for (const auto& s : spoken) {
    double best = 0;
    for (const auto& n : name) best = std::max(best, word_score(s, n));
    total += best;
  }
  const double mean = total / static_cast<double>(spoken.size());
  const double unnamed =
      static_cast<double>(name.size() > spoken.size() ? name.size() - spoken.size() : 0);
  return mean - 0.02 * unnamed;
}

// Speech-to-text splits and joins words ("Rich Mond", "Meilin", "O Brien"): the spoken words run
// together that spell a run of the name's words run together. Only exact spellings count, so
// that "Mia Nguyen" never becomes "Noah Nguyen".
double joined_score(const std::vector<std::string>& spoken, const std::vector<std::string>& name) {
  std::string said;
  for (const auto& w : spoken) said += w;
  if (said.size() < 4) return 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    std::string run;
    for (std::size_t j = i; j < name.size() && run.size() < said.size(); ++j) {
      run += name[j];
      const auto covered = j - i + 1;
      if (run == said && (covered > 1 || spoken.size() > 1))
        return 0.97 - 0.02 * static_cast<double>(name.size() - covered);
    }
  }
  return 0;
}

}  // namespace

std::string sound_key(std::string_view word) {
  const std::string w = normalize(word);
  std::string key;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const char c = w[i];
    const char next = i + 1 < w.size() ? w[i + 1] : '\0';
    char code = c;
    if (c == 'c' && next == 'h') {
      code = 'x';
      ++i;
    } else if (c == 's' && next == 'h') {
      code = 's';  // "Sean" sounds as "Shawn"
      ++i;
    } else if (c == 'p' && next == 'h') {
      code = 'f';
      ++i;
    } else if (c == 't' && next == 'h') {
      code = '0';
      ++i;
    } else if (c == 'c' || c == 'q') {
      // A soft c ("Cecilia") sounds as s.
      code = c == 'c' && (next == 'e' || next == 'i' || next == 'y') ? 's' : 'k';
    } else if (i == 0 && ((c == 'k' && next == 'n') || (c == 'w' && next == 'r'))) {
      continue;  // silent: "Knight", "Wright"
    } else if (c == 'g' && next == 'h') {
      ++i;
      continue;
    } else if (c == 'v') {
      code = 'f';
    } else if (c == 'z') {
      code = 's';
    } else if (c == 'h') {
      continue;
    } else if (vowel(c) || c == 'w') {
      if (i != 0) continue;
      code = 'a';  // any leading vowel
    }
    if (key.empty() || key.back() != code) key += code;
  }
  return key;
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
                         double floor) {
  name_matches out;
  const auto said = name_words(spoken);
  if (said.empty()) return out;
  for (const auto& c : candidates) {
    double best = 0;
    for (const auto& name : c.names) {
      const auto words = name_words(name);
      best = std::max({best, phrase_score(said, words), joined_score(said, words)});
    }
    if (best >= floor) out.ranked.push_back({c.id, std::min(best, 1.0)});
  }
  std::stable_sort(
      out.ranked.begin(), out.ranked.end(),
      [](const name_match& a, const name_match& b) { return a.confidence > b.confidence; });
  out.clear =
      !out.ranked.empty() && out.ranked[0].confidence >= 0.85 &&
      (out.ranked.size() == 1 || out.ranked[0].confidence - out.ranked[1].confidence >= 0.06);
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
