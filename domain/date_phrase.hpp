#pragma once

#include <optional>
#include <string_view>

#include "domain/time_zone.hpp"

// The day a caller asks for, in the words they use, relative to the clinic's local today.
namespace frontdesk::domain {

struct date_request {
  enum class kind {
    day,      // one date: "tomorrow", "next Tuesday", "25th November"
    span,     // a run of dates: "next week", "this weekend"
    soonest,  // "as soon as possible", "next available"
  };
  kind what = kind::day;
  calendar_date first;
  /// The last day of a span; equals `first` for a day.
  calendar_date last;
};

/// Reads a date phrase. `today` is the clinic location's local date. Understood: ISO dates,
/// today, tomorrow, the day after tomorrow, weekday names ("Friday", "this Friday": the next one
/// from today on; "next Tuesday": the Tuesday of next week, weeks starting on Monday), month dates
/// ("25th November", "November 25", "the 3rd of December", "25/11", an optional year; a date
/// already past this year means next year), a bare day of the month ("the 3rd": the next one),
/// "in two weeks", "in 3 days", "a fortnight", "this week", "next week", "the weekend", and
/// soonest ("asap", "next available", "earliest", "first available", "whenever").
std::optional<date_request> parse_date_phrase(std::string_view phrase, calendar_date today);

}  // namespace frontdesk::domain
