#include "domain/phrase_tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>

#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

// What speech carries that names no day or time.
bool filler(std::string_view w) {
  static const std::set<std::string_view> words{"um",       "uh",       "er",
                                                "erm",      "ah",       "hmm",
                                                "please",   "like",     "maybe",
                                                "i",        "guess",    "think",
                                                "ok",       "okay",     "so",
                                                "well",     "the",      "of",
                                                "on",       "sometime", "sometimes",
                                                "ish",      "just",     "thanks",
                                                "yeah",     "yes",      "possibly",
                                                "probably", "perhaps",  "about",
                                                "around",   "roughly",  "approximately",
                                                "say",      "would",    "be",
                                                "that",     "works",    "for",
                                                "me",       "thank",    "you",
                                                "if",       "could",    "we",
                                                "do",       "can",      "have",
                                                "something"};
  return words.count(w) > 0;
}

std::optional<int> digits_of(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

std::optional<int> weekday_of(std::string_view w) {
  static const std::array<std::array<std::string_view, 5>, 7> names{
      {{"sunday", "sun", "sundays", "", ""},
       {"monday", "mon", "mondays", "", ""},
       {"tuesday", "tue", "tues", "tuesdays", ""},
       {"wednesday", "wed", "weds", "wednesdays", "wednes"},
       {"thursday", "thu", "thur", "thurs", "thursdays"},
       {"friday", "fri", "fridays", "", ""},
       {"saturday", "sat", "saturdays", "", ""}}};
  for (int i = 0; i < 7; ++i)
    for (auto n : names[i])
      if (!n.empty() && n == w) return i;
  return std::nullopt;
}

std::optional<int> month_of(std::string_view w) {
  static const std::array<std::string_view, 12> names{
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i)
    if (w == names[i] || (w.size() == 3 && names[i].starts_with(w))) return i + 1;
  if (w == "sept") return 9;
  return std::nullopt;
}

// Splits into raw words: digits keep ':', '.', '/' between them and '-' in an ISO date; an
// apostrophe before two digits marks a year ("'27"), elsewhere it joins ("o'clock").
std::vector<std::pair<std::string, bool>> raw_words(std::string_view said) {
  std::vector<std::pair<std::string, bool>> out;
  std::string word;
  bool dash = false;
  const auto digit = [&](std::size_t i) {
    return i < said.size() && std::isdigit(static_cast<unsigned char>(said[i]));
  };
  // The nearest character that is not a space, `step` away, is a digit.
  const auto near_digit = [&](std::size_t i, int step) {
    for (auto k = static_cast<std::ptrdiff_t>(i) + step;
         k >= 0 && k < static_cast<std::ptrdiff_t>(said.size()); k += step)
      if (said[static_cast<std::size_t>(k)] != ' ')
        return std::isdigit(static_cast<unsigned char>(said[static_cast<std::size_t>(k)])) != 0;
    return false;
  };
  // A run of digits and dashes around `i` with two dashes in it: a date ("21-12-2026"), not a
  // range ("2-4").
  const auto dated_run = [&](std::size_t i) {
    auto from = i, to = i;
    while (from > 0 && (digit(from - 1) || said[from - 1] == '-')) --from;
    while (to + 1 < said.size() && (digit(to + 1) || said[to + 1] == '-')) ++to;
    const auto run = said.substr(from, to - from + 1);
    return std::count(run.begin(), run.end(), '-') == 2;
  };
  const auto flush = [&] {
    if (!word.empty()) out.emplace_back(std::move(word), dash), dash = false;
    word.clear();
  };
  for (std::size_t i = 0; i < said.size(); ++i) {
    const auto c = static_cast<unsigned char>(said[i]);
    const bool between_digits = i > 0 && digit(i - 1) && digit(i + 1);
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else if ((c == ':' || c == '.' || c == '/') && between_digits) {
      word += static_cast<char>(c);
    } else if (c == '-' && between_digits && (word.size() >= 4 || dated_run(i))) {
      word += '-';  // 2026-12-14, 21-12-2026
    } else if (c == '\'' && word.empty() && digit(i + 1) && digit(i + 2) && !digit(i + 3)) {
      word += '\'';
    } else if (c == '\'' || c == 0x60) {
      continue;
    } else {
      flush();
      if (c == '-' && near_digit(i, -1) && near_digit(i, 1)) dash = true;  // "2-4", "2 - 4"
    }
  }
  flush();
  return out;
}

token word_token(std::string text) {
  token t;
  t.text = std::move(text);
  return t;
}

// A clock written as digits: "930", "1430", "9" (with am or pm after it), "9:30", "9.30".
std::optional<token> clock_of(std::string_view w, int meridiem) {
  token t;
  t.what = token::kind::clock;
  t.meridiem = meridiem;
  t.text = std::string(w);
  const auto sep = w.find_first_of(":.");
  if (sep != std::string_view::npos) {
    const auto h = digits_of(w.substr(0, sep));
    const auto m = digits_of(w.substr(sep + 1));
    if (!h || !m || w.size() - sep - 1 != 2 || sep > 2) return std::nullopt;
    t.value = *h, t.minute = *m, t.digits = static_cast<int>(sep);
  } else {
    const auto n = digits_of(w);
    if (!n) return std::nullopt;
    t.digits = static_cast<int>(w.size());
    if (w.size() >= 3)
      t.value = *n / 100, t.minute = *n % 100;
    else
      t.value = *n;
  }
  if (t.value > 23 || t.minute > 59) return std::nullopt;
  return t;
}

token numeric_date_of(std::string_view w, char sep) {
  token t;
  t.what = token::kind::numeric_date;
  t.text = std::string(w);
  std::size_t start = 0;
  while (t.part_count < 3) {
    const auto end = w.find(sep, start);
    const auto part =
        digits_of(w.substr(start, end == std::string_view::npos ? w.npos : end - start));
    if (!part) return word_token(std::string(w));
    t.parts[t.part_count++] = *part;
    if (end == std::string_view::npos) return t;
    start = end + 1;
  }
  return word_token(std::string(w));
}

token classify(std::string w) {
  // "9ish": about 9.
  if (w.size() > 3 && w.ends_with("ish") && std::isdigit(static_cast<unsigned char>(w[0])))
    w.resize(w.size() - 3);
  token t;
  t.text = w;
  if (w.size() == 3 && w[0] == '\'') {
    t.what = token::kind::year, t.value = 2000 + *digits_of(w.substr(1));
    return t;
  }
  if (w.find('/') != std::string::npos) return numeric_date_of(w, '/');
  if (w.find('-') != std::string::npos) return numeric_date_of(w, '-');
  if (std::count(w.begin(), w.end(), '.') == 2) return numeric_date_of(w, '.');
  for (std::string_view m : {"am", "pm"})
    if (w.size() > 2 && w.ends_with(m) && std::isdigit(static_cast<unsigned char>(w[0])))
      if (auto c = clock_of(std::string_view(w).substr(0, w.size() - 2), m == "am" ? 1 : 2))
        return *c;
  if (w.find_first_of(":.") != std::string::npos) {
    if (auto c = clock_of(w, 0)) return *c;
    return t;
  }
  if (auto n = digits_of(w)) {
    t.what = token::kind::number, t.value = *n, t.digits = static_cast<int>(w.size());
    return t;
  }
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (w.size() > 2 && w.ends_with(suffix))
      if (auto n = digits_of(std::string_view(w).substr(0, w.size() - 2))) {
        t.what = token::kind::ordinal, t.value = *n, t.digits = static_cast<int>(w.size() - 2);
        return t;
      }
  if (auto n = number_word(w)) t.what = token::kind::number, t.value = *n;    // "three", "a"
  if (auto n = ordinal_word(w)) t.what = token::kind::ordinal, t.value = *n;  // "third"
  if (w == "am" || w == "pm") t.what = token::kind::meridiem, t.value = w == "am" ? 1 : 2;
  if (auto d = weekday_of(w)) t.what = token::kind::weekday, t.value = *d;
  if (auto m = month_of(w)) t.what = token::kind::month, t.value = *m;
  return t;
}

bool small_word(const token& t, token::kind k) {
  return t.what == k && t.digits == 0 && t.value >= 1 && t.value <= 9 && t.text != "a" &&
         t.text != "an";
}

bool tens_word(const token& t) {
  return t.what == token::kind::number && t.digits == 0 && t.value >= 20 && t.value % 10 == 0;
}

// Joins what was said in two words: "twenty one", "twenty-third", "a m", "9 am", "nine o'clock".
std::vector<token> joined(std::vector<token> in) {
  std::vector<token> out;
  for (auto& t : in) {
    if (!out.empty()) {
      auto& last = out.back();
      const bool ones = small_word(t, token::kind::number) || small_word(t, token::kind::ordinal);
      if (tens_word(last) && ones && !t.after_dash) {
        last.what = t.what, last.value += t.value, last.text += " " + t.text;
        continue;
      }
      if (t.is("m") && (last.is("a") || last.is("p") ||
                        (last.what == token::kind::number && last.text == "a"))) {
        last = classify(last.text == "p" ? "pm" : "am");
        continue;
      }
      if (t.is("couple") && last.what == token::kind::number && last.text == "a") {
        last.value = 2, last.text = "a couple";
        continue;
      }
      if (t.what == token::kind::meridiem && last.what == token::kind::number && last.value >= 0) {
        if (auto c = clock_of(last.text, t.value)) {
          if (last.digits == 0) c->value = last.value, c->minute = -1, c->digits = 0;
          c->after_dash = last.after_dash;
          last = *c;
          continue;
        }
        if (last.digits == 0 && last.value >= 1 && last.value <= 12) {
          last.what = token::kind::clock, last.meridiem = t.value, last.minute = -1;
          continue;
        }
      }
      if (t.what == token::kind::meridiem && last.what == token::kind::clock && !last.meridiem) {
        last.meridiem = t.value;
        continue;
      }
      if ((t.is("oclock") || t.is("oclocks")) && last.what == token::kind::number &&
          last.value >= 0 && last.value <= 24) {
        last.what = token::kind::clock, last.minute = -1;
        continue;
      }
      if (t.is("clock") && last.is("o")) {
        last = word_token("oclock");
        if (out.size() >= 2 && out[out.size() - 2].what == token::kind::number) {
          out.pop_back();
          out.back().what = token::kind::clock, out.back().minute = -1;
        }
        continue;
      }
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace

std::vector<token> tokens_of(std::string_view said) {
  std::vector<token> tokens;
  for (auto& [w, dash] : raw_words(said)) {
    auto t = classify(std::move(w));
    t.after_dash = dash;
    tokens.push_back(std::move(t));
  }
  // Twice: "9 a m" joins "a m" first, then "9 am".
  tokens = joined(joined(std::move(tokens)));
  std::vector<token> out;
  for (auto& t : tokens)
    if (t.what != token::kind::word || !filler(t.text)) out.push_back(std::move(t));
  return out;
}

}  // namespace frontdesk::domain

namespace frontdesk::domain {
namespace {

std::vector<std::string_view> items_of(std::string_view pattern) {
  std::vector<std::string_view> out;
  while (!pattern.empty()) {
    const auto space = pattern.find(' ');
    out.push_back(pattern.substr(0, space));
    if (space == std::string_view::npos) break;
    pattern.remove_prefix(space + 1);
  }
  return out;
}

bool one_of(std::string_view choices, std::string_view word) {
  while (true) {
    const auto bar = choices.find('|');
    if (choices.substr(0, bar) == word) return true;
    if (bar == std::string_view::npos) return false;
    choices.remove_prefix(bar + 1);
  }
}

bool takes(std::string_view item, const token& t) {
  using k = token::kind;
  const bool counted = t.what == k::number && t.text != "a" && t.text != "an";
  if (item == "<wd>") return t.what == k::weekday;
  if (item == "<month>") return t.what == k::month;
  if (item == "<n>") return t.what == k::number;
  if (item == "<date>") return t.what == k::numeric_date;
  if (item == "<day>")
    return (t.what == k::ordinal || (counted && t.digits <= 2)) && t.value >= 1 && t.value <= 31;
  if (item == "<year>")
    return t.what == k::year ||
           (counted && ((t.digits == 4 && t.value >= 2000 && t.value <= 2100) || t.digits == 2));
  return t.what != k::weekday && t.what != k::month && one_of(item, t.text);
}

bool match_from(const std::vector<token>& said, std::size_t at,
                const std::vector<std::string_view>& items, std::size_t item,
                std::vector<const token*>* took) {
  if (item == items.size()) return at == said.size();
  auto it = items[item];
  const bool optional = it.size() > 2 && it.front() == '[' && it.back() == ']';
  if (optional) it = it.substr(1, it.size() - 2);
  const auto before = took ? took->size() : 0;
  if (at < said.size() && takes(it, said[at])) {
    if (took && it.front() == '<') took->push_back(&said[at]);
    if (match_from(said, at + 1, items, item + 1, took)) return true;
    if (took) took->resize(before);
  }
  return optional && match_from(said, at, items, item + 1, took);
}

}  // namespace

bool matches(const std::vector<token>& said, std::string_view pattern,
             std::vector<const token*>* took) {
  return match_from(said, 0, items_of(pattern), 0, took);
}

std::vector<token> slice(const std::vector<token>& said, std::size_t from, std::size_t to) {
  const auto at = [&](std::size_t i) {
    return said.begin() + static_cast<std::ptrdiff_t>(std::min(i, said.size()));
  };
  return {at(from), at(to)};
}

std::string text_of(const std::vector<token>& said) {
  std::string out;
  for (const auto& t : said) out += (out.empty() ? "" : " ") + t.text;
  return out;
}

}  // namespace frontdesk::domain
