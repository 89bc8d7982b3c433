#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/time_phrase.hpp"
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
/// Also: "Monday week", "Monday fortnight", "a week on Monday", "Tuesday after next", "a week
/// today"; public holidays and their eves by name for the clinic's `country` (ISO 3166 code):
/// Christmas, Boxing Day, New Year's Day and Eve, Good Friday, Easter Saturday/Sunday/Monday,
/// Anzac Day, Australia Day, Waitangi Day, the King's Birthday, Thanksgiving, Independence Day,
/// Labor Day, Memorial Day, Canada Day, the UK's spring and summer bank holidays, "the day
/// before/after" any of them; and a part of the day after the date ("Thursday arvo", "Friday
/// morning", "tonight"), which only the date is read from here.
std::optional<date_request> parse_date_phrase(std::string_view phrase, calendar_date today,
                                              std::string_view country = "AU");

/// A part of the day said with the date ("Thursday arvo" -> "Thursday" and the afternoon);
/// the phrase as it is and nothing when it has none.
std::pair<std::string, std::optional<time_request>> day_part_of(std::string_view phrase);

}  // namespace frontdesk::domain
