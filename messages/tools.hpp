#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "domain/availability.hpp"
#include "domain/directory.hpp"
#include "http/json.hpp"
#include "messages/atoms.hpp"
#include "messages/availability.hpp"
#include "messages/database.hpp"

// The agent's tool calls as they travel between the front, the session registry and sessions,
// and the directory sessions answer from.
namespace frontdesk {

/// What every tool call carries besides its own fields.
struct call_context {
  std::string session_id;
  std::string dialed_number;
  std::string caller_phone;
  /// steady_clock nanoseconds by which the answer must be on its way (0: the default deadline).
  std::int64_t deadline_ns = 0;
};

/// One tool call: the tool (its path without the slash) and its fields as the agent sent them.
struct tool_call {
  std::string tool;
  call_context call;
  http::json_value input;
};

/// The answer to a tool call: an HTTP status and the JSON object to send.
struct tool_answer {
  unsigned status = 200;
  http::json_value body;
};

/// A time read out to the caller, and whose it is.
struct offered_time {
  unix_seconds start = 0;
  domain::slot_source source;
};

/// What a conversation has settled so far; later calls lean on it.
struct booking_context {
  std::string location_id;
  std::string practitioner_id;
  std::string service_id;
  /// The times last read out (at most three), for the caller to choose from.
  std::vector<offered_time> offered;
  /// The appointment this call last booked or moved ("cancel it" needs no reference).
  std::string appointment_id;
};

/// The clinic a call is for, with its directory as the local copy last held it.
struct clinic_view {
  clinic_id id = 0;
  std::string name;
  std::string time_zone;
  directory_ptr directory;
};

/// The DIRECTORY actor interface: clinics by dialed number, with their directories, cached.
using directory_actor = caf::typed_actor<
    /// The active clinic a number belongs to (any common format); error_code::unknown_clinic if
    /// none.
    caf::replies_to<clinic_atom, std::string>::with<clinic_view>,
    /// The active clinic an ElevenLabs agent answers for; error_code::unknown_clinic if none.
    caf::replies_to<agent_atom, std::string>::with<clinic_view>,
    /// Forget what is cached of a clinic (after a sync changed it).
    caf::reacts_to<invalidate_atom, clinic_id>,
    /// The cache's counters.
    caf::replies_to<stats_atom>::with<cache_stats>>;

/// The SESSION interface, one per conversation; the SESSION REGISTRY answers the same calls by
/// handing each to the session of its sessionId.
using session_actor = caf::typed_actor<
    /// Answer a tool call in the conversation's booking context.
    caf::replies_to<tool_call>::with<tool_answer>,
    /// Internal: the session may have been idle long enough to end.
    caf::reacts_to<tick_atom, std::uint64_t>>;

using session_registry_actor = caf::typed_actor<
    /// Route a tool call to its conversation's session (a one-shot session without a sessionId).
    caf::replies_to<tool_call>::with<tool_answer>,
    /// How many conversations are live.
    caf::replies_to<stats_atom>::with<std::int64_t>,
    /// End a conversation's session (the post-call webhook).
    caf::reacts_to<end_atom, std::string>>;

}  // namespace frontdesk

// Local only: JSON trees and a shared, immutable directory snapshot.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::tool_call)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::tool_answer)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::clinic_view)
