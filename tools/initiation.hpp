#pragma once

#include <vector>

#include "domain/time_zone.hpp"
#include "messages/cliniko.hpp"
#include "messages/directory.hpp"
#include "messages/json_value.hpp"

// The answer to ElevenLabs' conversation-initiation webhook: what the agent knows as the phone
// rings (elevenlabs.md: every dynamic variable the agent defines must be present).
namespace frontdesk::tools {

/// Who the caller is, as far as is known: the patients on their number, or that it could not be
/// looked up (the database is down). An unknown caller is never called new.
struct caller_lookup {
  bool answered = true;
  std::vector<patient> patients;
};

/// {"type":"conversation_initiation_client_data","dynamic_variables":{...}} for a call to
/// `clinic` (null: a number no clinic answers; every variable is still there, empty). The
/// caller's first name is given only when exactly one patient has the number; `caller_status`
/// says "known", "new", or "unknown" when the number could not be looked up, and `caller_known`
/// is true only for "known".
json_value initiation_answer(const clinic_view* clinic, const caller_lookup& caller,
                             domain::instant now);

}  // namespace frontdesk::tools
