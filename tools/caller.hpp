#pragma once

#include <string>

#include "tools/tool.hpp"

// Who is calling, as far as the phone system and the clinic's own records tell.
namespace frontdesk::tools {

/// The caller's own number, as the phone system gives it (E.164; "" when withheld).
std::string own_number(const tool_request& r);

/// Runs `tool`, having first read the caller's past appointments into the context when the call
/// may need them (a practitioner named without a service: domain::usual_service) and this
/// conversation has not read them yet.
tool_step knowing_the_caller(booking_context& context, const tool_request& r, tool_fn tool);

/// `tool`, knowing the caller: a catalogue entry.
template <tool_fn tool>
tool_step knowing_the_caller(booking_context& context, const tool_request& r) {
  return knowing_the_caller(context, r, tool);
}

}  // namespace frontdesk::tools
