#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>

#include "messages/atoms.hpp"
#include "messages/call.hpp"
#include "messages/inspect.hpp"
#include "messages/stats.hpp"

// The RATE LIMITER: one per Cliniko API key, shared by everything that uses that key.
namespace frontdesk {

/// The RATE LIMITER actor interface. Its counters are `granted`, `refused`, `waiting`,
/// `in_window` (grants within the current window) and `waited_ms` (all callers' waits).
using rate_limiter_actor = caf::typed_actor<
    /// Wait for permission to send one request; answers with the milliseconds waited, or at
    /// once with error_code::cliniko_rate_limited when the deadline cannot be met.
    caf::replies_to<acquire_atom, call_options>::with<std::int64_t>,
    /// Cliniko answered 429: send nothing until this UNIX time (X-RateLimit-Reset).
    caf::reacts_to<pause_atom, std::int64_t>,
    /// Internal: a waiting caller may now be served.
    caf::reacts_to<tick_atom>>::extend_with<stats_actor>;

}  // namespace frontdesk
