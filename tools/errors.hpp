#pragma once

#include "messages/session.hpp"

namespace caf {
class error;
}

// What a caller hears when something behind a tool failed. This is the only map from errors to
// words: tools, sessions and the front all answer through it.
namespace frontdesk::tools {

/// The answer for `e`: "hold on" (HTTP 200, `busy`, `retryAfterSeconds`) when Cliniko's budget is
/// spent, 503 with a spoken message when Cliniko or the database is down or the deadline passed,
/// `clinic_not_found` and `booking_rejected` as outcomes the agent can act on.
tool_answer error_answer(const caf::error& e);

}  // namespace frontdesk::tools
