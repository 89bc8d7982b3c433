#pragma once

#include "tools/tool.hpp"

// The tools that change a calendar: they settle who, what, where and when from the call and the
// context (the time just offered, the location confirmed), ask the bookings actor, and read its
// outcome back in words.
namespace frontdesk::tools {

/// /appointment-handler: `action` book, reschedule, modify or cancel.
tool_step handle_appointment(booking_context& context, const tool_request& r);

/// /cancel-appointment: by `appointmentId`, or the caller's appointment found by phone and date.
tool_step cancel_appointment(booking_context& context, const tool_request& r);

}  // namespace frontdesk::tools
