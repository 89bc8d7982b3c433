#pragma once

#include <vector>

#include "domain/time_zone.hpp"
#include "messages/cliniko.hpp"
#include "messages/directory.hpp"
#include "messages/json_value.hpp"

// The answer to ElevenLabs' conversation-initiation webhook: what the agent knows as the phone
// rings (elevenlabs.md: every dynamic variable the agent defines must be present).
namespace frontdesk::tools {

/// {"type":"conversation_initiation_client_data","dynamic_variables":{...}} for a call to
/// `clinic` (null: a number no clinic answers; every variable is still there, empty) from a
/// caller whose number belongs to `callers` (the caller's first name only when exactly one).
json_value initiation_answer(const clinic_view* clinic, const std::vector<patient>& callers,
                             domain::instant now);

}  // namespace frontdesk::tools
