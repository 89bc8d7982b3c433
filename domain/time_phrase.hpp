#pragma once

#include <chrono>
#include <optional>
#include <string_view>

// The time of day a caller asks for, in the words they use.
namespace frontdesk::domain {

struct time_request {
  enum class kind {
    at,       // one time: "2:30pm", "half past two"
    between,  // a part of the day: "morning", "after 3"
  };
  kind what = kind::at;
  /// Minutes since local midnight; `to` equals `from` for `at`, and is exclusive for `between`.
  std::chrono::minutes from{0};
  std::chrono::minutes to{0};
};

/// Reads a time phrase: "2:30pm", "2.30 PM", "14:30", "9am", "9 o'clock", "noon", "midday",
/// "half past two", "quarter to ten", "ten past three", "two thirty", "morning", "early
/// afternoon", "lunchtime", "evening", "after 3pm", "before 10", "any time". An hour said without
/// am or pm is read as clinics keep hours: 7 to 11 in the morning, 12 to 6 in the afternoon.
std::optional<time_request> parse_time_phrase(std::string_view phrase);

}  // namespace frontdesk::domain
