#pragma once

#include <string>
#include <string_view>
#include <vector>

// The words of a date or time phrase as the grammars read them: numbers and ordinals whether
// written in digits or words ("twenty-third", "forty five"), weekdays and months in full or short,
// clock times ("9:30", "2.15pm", "1430"), dates in digits ("14/12/26", "2026-12-14"), years
// ("2027", "'27") and am or pm, with the filler speech carries ("um", "please", "the") left out.
namespace frontdesk::domain {

struct token {
  enum class kind {
    number,        // "3", "three", "twenty one", "a" (one)
    ordinal,       // "3rd", "third", "twenty-third"
    clock,         // "9:30", "9.30", "930", "9am", "2:15pm"
    meridiem,      // "am", "pm", "a.m."
    weekday,       // "monday", "tues"
    month,         // "december", "dec", "sept"
    year,          // "2027", "'27"
    numeric_date,  // "14/12", "14/12/26", "14.12.26", "2026-12-14"
    word,          // anything else, as written
  };
  kind what = kind::word;
  std::string text;
  /// number, ordinal, year; the hour of a clock; weekday 0 (Sunday) to 6; month 1 to 12.
  int value = 0;
  /// A clock's minutes; -1 when none were said ("9am").
  int minute = -1;
  /// How many digits the number or clock was written with (0: in words). "0930" is a 24-hour clock.
  int digits = 0;
  /// A clock's am (1) or pm (2) said with it; 0 when none.
  int meridiem = 0;
  /// A numeric date's parts in the order written (the year 0 when not written, or as written).
  int parts[3] = {0, 0, 0};
  int part_count = 0;
  /// A hyphen or dash came right before this token ("2-4").
  bool after_dash = false;

  bool is(std::string_view word) const { return what == kind::word && text == word; }
};

std::vector<token> tokens_of(std::string_view said);

}  // namespace frontdesk::domain

namespace frontdesk::domain {

/// Whether the tokens are exactly `pattern`, a list of items separated by spaces:
///   - a word, or alternatives "a|b";
///   - an optional item in brackets, "[a]" or "[a|b]";
///   - a placeholder taking one token: "<wd>" (weekday), "<month>", "<day>" (an ordinal, or a
///     number 1-31), "<n>" (number), "<year>" ("2027", "'27", two digits), "<date>" (digits).
/// The tokens each placeholder took are appended to `took`, in order.
bool matches(const std::vector<token>& said, std::string_view pattern,
             std::vector<const token*>* took = nullptr);

/// Tokens `from` to `to` (exclusive) of `said`.
std::vector<token> slice(const std::vector<token>& said, std::size_t from, std::size_t to);

/// The words of the tokens as written, joined by spaces.
std::string text_of(const std::vector<token>& said);

}  // namespace frontdesk::domain
