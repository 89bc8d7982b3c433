#pragma once

#include "tools/tool.hpp"

// The tools that find free times: each resolves who, what and where from the call and the
// context, then asks the availability actor and words its answer.
namespace frontdesk::tools {

/// /availability-checker: a practitioner's times on a day (or soonest), asking which location
/// or service when that is not settled.
tool_step check_availability(booking_context& context, const tool_request& r);

/// /get-available-practitioners: who at a location has time on a day, and from when.
tool_step available_practitioners(booking_context& context, const tool_request& r);

/// /find-next-available: the earliest time with a named practitioner, or with anyone offering a
/// service, within `maxDays`.
tool_step find_next_available(booking_context& context, const tool_request& r);

}  // namespace frontdesk::tools
