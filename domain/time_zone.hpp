#pragma once

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Instants, dates and the time zones of clinic locations. Instants are UTC seconds; dates are
// calendar dates in some location's zone.
namespace frontdesk::domain {

using instant = std::chrono::sys_seconds;
using calendar_date = date::year_month_day;

/// The instant `unix_seconds` after the UNIX epoch, and back: Cliniko's records keep UNIX seconds.
inline instant at(std::int64_t unix_seconds) {
  return instant{std::chrono::seconds{unix_seconds}};
}
inline std::int64_t seconds_of(instant t) {
  return t.time_since_epoch().count();
}

/// The date `days` after `d` (before, when negative).
inline calendar_date plus_days(calendar_date d, int days) {
  return calendar_date{date::sys_days{d} + date::days{days}};
}

/// Whether `name` is an IANA time zone known to the system's tz database ("Australia/Sydney").
bool is_known_time_zone(std::string_view name);

/// The IANA zone of a Cliniko account's `time_zone`, which is a Rails zone label ("Sydney",
/// "Eastern Time (US & Canada)", "Chatham Is."); an IANA name is taken as it is. Nothing when
/// the label names no zone known here.
std::optional<std::string> zone_of_account_label(std::string_view label);

/// "2026-11-25T22:30:00Z".
std::string format_utc(instant t);

/// Reads "2026-11-25T22:30:00Z", "2026-11-25T22:30:00.000Z" or "2026-11-26T09:30:00+11:00".
std::optional<instant> parse_instant(std::string_view text);

/// "2026-11-25".
std::string format_date(calendar_date d);
std::optional<calendar_date> parse_date(std::string_view text);

/// The calendar date at `t` in `zone`.
calendar_date local_date(instant t, std::string_view zone);

/// The instant at which the wall clock in `zone` shows `d` plus `since_midnight`. In the hour a
/// DST change repeats, the earlier one; in the hour it skips, the wall time after the gap.
instant at_local_time(calendar_date d, std::chrono::minutes since_midnight, std::string_view zone);

/// "2026-11-26T09:30:00+11:00": the instant as the wall clock in `zone` shows it.
std::string format_local(instant t, std::string_view zone);

/// The wall-clock time of `t` in `zone` as minutes since midnight (on a DST day these differ
/// from the minutes elapsed since midnight).
std::chrono::minutes local_minutes(instant t, std::string_view zone);

}  // namespace frontdesk::domain
