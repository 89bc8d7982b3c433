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
#include "messages/tool_call.hpp"

// The agent's tool calls as they travel from the front through the session registry to the
// session of their conversation.
namespace frontdesk {

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
