#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "messages/atoms.hpp"
#include "messages/call_event.hpp"
#include "messages/cliniko.hpp"
#include "messages/inspect.hpp"
#include "messages/stats.hpp"

// The WEBHOOK actor: ElevenLabs' post-call events, verified by the front, kept durably (in
// PostgreSQL, or in the local spool while it is away) before they are acknowledged.
namespace frontdesk {

/// The WEBHOOK actor interface.
using webhook_actor = caf::typed_actor<
    /// Keep a verified event; answered once it is durable. An error: it could not be kept.
    caf::replies_to<webhook_delivery>::with<event_fate>,
    /// Move what waits in the spool into PostgreSQL: answers how many were moved.
    caf::replies_to<drain_atom>::with<std::int64_t>,
    /// Internal: time to drain the spool, or to prune what is past its retention.
    caf::reacts_to<tick_atom>>::extend_with<stats_actor>;

}  // namespace frontdesk

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::webhook_delivery)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::stored_event)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::served_call)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<frontdesk::served_call>)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::event_fate)
