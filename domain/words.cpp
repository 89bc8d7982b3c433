#include "domain/words.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace frontdesk::domain {
namespace {

constexpr std::array<std::string_view, 21> small_numbers{
    "zero",     "one",     "two",     "three",     "four",     "five",     "six",
    "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};

constexpr std::array<std::string_view, 21> small_ordinals{
    "zeroth",     "first",     "second",    "third",       "fourth",     "fifth",      "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",    "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};

std::optional<int> digits(std::string_view s) {
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return n;
}

}  // namespace

std::string normalize(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == ':' || c == '/' || c >= 0x80) {
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(std::tolower(c));
    } else if (c == '\'' || c == 0x60) {
      continue;  // "o'brien" is one word
    } else if (c == '.' && !out.empty() && std::isdigit(static_cast<unsigned char>(out.back()))) {
      out += ':';  // "2.30" is a time
    } else {
      space = true;
    }
  }
  if (!out.empty() && out.back() == ':') out.pop_back();
  return out;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  const auto normal = normalize(text);
  std::size_t start = 0;
  while (start < normal.size()) {
    auto end = normal.find(' ', start);
    if (end == std::string::npos) end = normal.size();
    words.push_back(normal.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

std::optional<int> number_word(std::string_view word) {
  if (auto n = digits(word)) return n;
  if (word == "a" || word == "an") return 1;
  for (std::size_t i = 0; i < small_numbers.size(); ++i)
    if (word == small_numbers[i]) return static_cast<int>(i);
  for (const auto& [tens, n] :
       {std::pair{"thirty", 30}, std::pair{"forty", 40}, std::pair{"fifty", 50},
        std::pair{"sixty", 60}, std::pair{"ninety", 90}})
    if (word == tens) return n;
  return std::nullopt;
}

std::optional<int> ordinal_word(std::string_view word) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"})
    if (word.size() > suffix.size() && word.ends_with(suffix))
      if (auto n = digits(word.substr(0, word.size() - suffix.size()))) return n;
  for (std::size_t i = 1; i < small_ordinals.size(); ++i)
    if (word == small_ordinals[i]) return static_cast<int>(i);
  if (word == "thirtieth") return 30;
  for (std::string_view tens : {"twenty", "thirty"}) {
    if (!word.starts_with(tens)) continue;
    auto rest = word.substr(tens.size());
    if (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) rest.remove_prefix(1);
    for (std::size_t i = 1; i < 10; ++i)
      if (rest == small_ordinals[i]) return (tens == "twenty" ? 20 : 30) + static_cast<int>(i);
  }
  return std::nullopt;
}

namespace {

// Cliniko's reason codes and the words a caller uses for each, the first of them the plainest.
const std::vector<std::pair<int, std::vector<std::string>>>& reasons() {
  static const std::vector<std::pair<int, std::vector<std::string>>> table{
      {10, {"feeling better", "better", "recovered", "fine now", "no longer need"}},
      {20, {"condition worse", "worse"}},
      {30, {"sick", "ill", "unwell", "flu", "cold", "covid", "hospital"}},
      {40, {"away", "holiday", "travel", "trip", "out of town", "vacation"}},
      {60, {"work", "job", "meeting", "shift"}},
  };
  return table;
}

}  // namespace

int cancellation_code(std::string_view said) {
  // Whole words only: "unwell" is not "well". Built with += (GCC 12 warns on " " + string).
  std::string text = " ";
  text += normalize(said);
  for (const auto& [code, words] : reasons())
    for (const auto& w : words) {
      std::string word = " ";
      word += w;
      if (text.find(word) != std::string::npos) return code;
    }
  return 50;
}

std::string cancellation_words(int code) {
  for (const auto& [known, words] : reasons())
    if (known == code) return words.front();
  return "another reason";
}

bool has_signed_number(std::string_view text) {
  const auto digit = [&](std::size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]));
  };
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((text[i] == '-' || text[i] == '+') && digit(i + 1) && !(i > 0 && digit(i - 1))) return true;
  return false;
}

}  // namespace frontdesk::domain
