#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "messages/atoms.hpp"
#include "messages/inspect.hpp"
#include "messages/json_value.hpp"
#include "messages/local_copy.hpp"
#include "messages/recording_header.hpp"
#include "messages/stats.hpp"

// The RECORDER: every session's tool calls, clock readings, questions with their answers, and
// replies, kept in PostgreSQL for replay and for rebuilding a session after a restart.
namespace frontdesk {

/// The RECORDER interface. A session's answer waits for its steps to be committed, in group
/// commits of every session's steps that arrived meanwhile.
using recorder_actor = caf::typed_actor<
    /// Append these entries to the session's recording.
    caf::replies_to<record_atom, session_steps>::with<write_outcome>,
    /// Answers once everything recorded before is stored, with the entries still waiting
    /// (0 unless the database is away).
    caf::replies_to<flush_atom>::with<std::int64_t>,
    /// Internal: write what waits; drop recordings past their retention.
    caf::reacts_to<tick_atom>, caf::reacts_to<prune_atom>>::extend_with<stats_actor>;

/// The RECORDINGS interface: conversations read back, on a connection of their own so that a
/// read never waits behind the recorder's writes.
using recordings_actor = caf::typed_actor<
    /// The conversation's recording, when it holds other than the given number of tool calls
    /// and was written to within the idle time given in seconds (entries empty otherwise: the
    /// session's own context is current). A session asks before each call, so that a call
    /// taken up by any node continues from what the conversation settled on every other.
    caf::replies_to<load_atom, std::string, std::int64_t, std::int64_t>::with<session_recording>>;

}  // namespace frontdesk

// Local only: JSON trees.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::session_recording)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::session_steps)
