#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/reading.hpp"
#include "domain/time_phrase.hpp"
#include "domain/time_zone.hpp"

// The day a caller asks for, in the words they use, relative to the clinic's local today.
namespace frontdesk::domain {

struct token;

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

  friend bool operator==(const date_request&, const date_request&) = default;
};

/// What a date field says: a day, a time, or both ("Monday at 10", "Thursday arvo", "10am
/// tomorrow"). Either may be missing.
struct when_request {
  std::optional<date_request> day;
  std::optional<time_request> time;

  friend bool operator==(const when_request&, const when_request&) = default;
};

/// Reads a date field by a small grammar (`today` is the clinic location's local date; public
/// holidays are those of `country`, ISO 3166): ISO and numeric dates (day first, month first in
/// the US), today, tomorrow, tonight, weekdays ("Friday", "this coming Friday", "next Friday",
/// "Friday next week", "Friday week", "a week on Friday", "Friday after next"), dates in digits or
/// words with or without their weekday and year ("Monday the 14th", "the twenty-third of
/// December", "Jan 5 '27"), offsets ("in three days", "a fortnight", "in a week's time", "a week
/// tomorrow"), spans ("next week", "the weekend", "the week after next", "next month"), soonest,
/// public holidays, and alternatives ("Monday or Tuesday"); with a time before or after it, or in
/// its middle ("Tuesday morning next week"). Where two days are plausible ("next Friday" said
/// early in a week, "Wednesday" said on a Wednesday, "Friday the 10th" when the 10th is a
/// Thursday, "next weekend"), the verdict is ask, with both.
reading<when_request> read_when(std::string_view said, calendar_date today,
                                std::string_view country = "AU");

/// The day of a date field (read_when without its time); unknown when it names no day.
reading<date_request> read_date(std::string_view said, calendar_date today,
                                std::string_view country = "AU");

/// Every reading of the tokens as a day (empty: none).
std::vector<date_request> dates_in(const std::vector<token>& said, calendar_date today,
                                   std::string_view country);

}  // namespace frontdesk::domain
