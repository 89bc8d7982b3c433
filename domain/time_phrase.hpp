#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "domain/reading.hpp"

// The time of day a caller asks for, in the words they use.
namespace frontdesk::domain {

struct token;

struct time_request {
  enum class kind {
    at,       // one time: "2:30pm", "half past two"
    between,  // a part of the day or a bound: "morning", "after 3", "between 2 and 4"
  };
  kind what = kind::at;
  /// Minutes since local midnight; `to` equals `from` for `at`, and is exclusive for `between`.
  std::chrono::minutes from{0};
  std::chrono::minutes to{0};

  friend bool operator==(const time_request&, const time_request&) = default;
};

/// Reads a time phrase by a small grammar: clock times in digits or words ("2:30pm", "2.30",
/// "1430", "nine oh five", "two thirty in the afternoon"), "half past two", "quarter to ten", the
/// British "half ten" (10:30), noon; parts of the day ("morning", "arvo", "lunchtime", "first
/// thing", "the end of the day"); bounds and ranges ("after 3", "not before 10", "no later than
/// 4", "between 2 and 4pm", "2-4", "10 onwards"); alternatives ("5 or 6"). An hour said without am
/// or pm is read as clinics keep hours (9 to 11 the morning, 12 to 5 the afternoon); 6, 7 and 8
/// could be either, and are asked about. Sure, ask (the readings to speak back) or unknown.
reading<time_request> read_time(std::string_view said);

/// Every reading of the tokens as a time (empty: none); for the date field's grammar.
std::vector<time_request> times_in(const std::vector<token>& said);

/// Whether the tokens are a part of the day alone ("tonight", "the arvo"): a date field's words
/// may end with one.
bool is_part_of_day(const std::vector<token>& said);

}  // namespace frontdesk::domain
