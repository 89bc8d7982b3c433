#pragma once

#include <date/date.h>

#include <optional>
#include <string_view>

#include "domain/time_zone.hpp"

// Public holidays callers name ("Boxing Day", "the day before Good Friday", "Anzac Day").
namespace frontdesk::domain {

/// The next day on or after `today` that the words name: a holiday the clinic's `country` keeps
/// (ISO 3166 code: AU, NZ, GB, US, CA) or one of the Christian calendar most clinics close for,
/// its eve ("Christmas Eve"), or "the day before/after" one. Nothing when the words name none.
std::optional<calendar_date> holiday_named(std::string_view words, calendar_date today,
                                           std::string_view country);

/// The next day on or after `from` that is weekday `wd` (0 = Sunday).
date::sys_days next_weekday(date::sys_days from, unsigned wd);

}  // namespace frontdesk::domain
