#pragma once

#include "tools/tool.hpp"

// The tools that settle where: what the caller said against the clinic's locations.
namespace frontdesk::tools {

/// /location-resolver: the location the caller named in `locationQuery`, or the close ones to
/// choose from.
tool_step resolve_location(booking_context& context, const tool_request& r);

/// /confirm-location: the option the caller chose from those read out (`options`), by position
/// ("the second one") or by name.
tool_step confirm_location(booking_context& context, const tool_request& r);

/// /get-location-practitioners: who works at a location (`business_id`, `locationName`, or the
/// one the call settled).
tool_step location_practitioners(booking_context& context, const tool_request& r);

}  // namespace frontdesk::tools
