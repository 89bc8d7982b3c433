#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>

#include "messages/atoms.hpp"
#include "messages/fields.hpp"
#include "messages/inspect.hpp"
#include "messages/json_value.hpp"
#include "messages/stats.hpp"

// The agent's tool calls as they travel from the front through the session registry to the
// session of their conversation.
namespace frontdesk {

/// What every tool call carries besides its own fields.
struct call_context {
  std::string session_id;
  std::string dialed_number;
  std::string caller_phone;
  /// steady_clock nanoseconds by which the answer must be on its way (0: the default deadline).
  std::int64_t deadline_ns = 0;
};

constexpr auto fields(const call_context*) {
  return record_fields{"call_context", field{"session_id", &call_context::session_id},
                       field{"dialed_number", &call_context::dialed_number},
                       field{"caller_phone", &call_context::caller_phone},
                       field{"deadline_ns", &call_context::deadline_ns, not_recorded}};
}

/// One tool call: the tool (its path without the slash) and its fields as the agent sent them.
struct tool_call {
  std::string tool;
  call_context call;
  json_value input;
};

constexpr auto fields(const tool_call*) {
  return record_fields{"tool_call", field{"tool", &tool_call::tool},
                       field{"call", &tool_call::call}, field{"input", &tool_call::input}};
}

/// The answer to a tool call: an HTTP status and the JSON object to send.
struct tool_answer {
  unsigned status = 200;
  json_value body;
};

constexpr auto fields(const tool_answer*) {
  return record_fields{"tool_answer", field{"status", &tool_answer::status},
                       field{"body", &tool_answer::body}};
}

/// The SESSION interface, one per conversation.
using session_actor = caf::typed_actor<
    /// Answer a tool call in the conversation's booking context.
    caf::replies_to<tool_call>::with<tool_answer>,
    /// Internal: the session may have been idle long enough to end.
    caf::reacts_to<tick_atom, std::uint64_t>,
    /// The call is over (its post-call event came): the session ends, its context released.
    caf::reacts_to<end_atom>>;

/// The SESSION REGISTRY interface: hands each call to the session of its sessionId.
using session_registry_actor = caf::typed_actor<
    /// Route a tool call to its conversation's session (a one-shot session without a sessionId).
    caf::replies_to<tool_call>::with<tool_answer>,
    /// End a conversation's session (the post-call webhook).
    caf::reacts_to<end_atom, std::string>>::extend_with<stats_actor>;

}  // namespace frontdesk

// Local only: JSON trees.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::tool_call)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::tool_answer)
