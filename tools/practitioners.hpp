#pragma once

#include "tools/tool.hpp"

// The tools that answer about a practitioner from the clinic's directory.
namespace frontdesk::tools {

/// /get-practitioner-services: what a practitioner offers, at a location when one is known.
tool_step practitioner_services(booking_context& context, const tool_request& r);

/// /get-practitioner-info: what a practitioner offers and where they work.
tool_step practitioner_info(booking_context& context, const tool_request& r);

}  // namespace frontdesk::tools
