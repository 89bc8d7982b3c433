#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>

#include "messages/atoms.hpp"
#include "messages/call.hpp"

// The RATE LIMITER: one per Cliniko API key, shared by everything that uses that key.
namespace frontdesk {

struct rate_limiter_stats {
  std::int64_t granted = 0;
  std::int64_t refused = 0;
  std::int64_t waiting = 0;
  /// Grants within the current window.
  std::int64_t in_window = 0;
  /// Total time callers waited for a grant, in milliseconds.
  std::int64_t waited_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, rate_limiter_stats& x) {
  return f(caf::meta::type_name("rate_limiter_stats"), x.granted, x.refused, x.waiting, x.in_window,
           x.waited_ms);
}

/// The RATE LIMITER actor interface.
using rate_limiter_actor = caf::typed_actor<
    /// Wait for permission to send one request; answers with the milliseconds waited, or at
    /// once with error_code::cliniko_rate_limited when the deadline cannot be met.
    caf::replies_to<acquire_atom, call_options>::with<std::int64_t>,
    /// Cliniko answered 429: send nothing until this UNIX time (X-RateLimit-Reset).
    caf::reacts_to<pause_atom, std::int64_t>,
    /// Counters for /metrics.
    caf::replies_to<stats_atom>::with<rate_limiter_stats>,
    /// Internal: a waiting caller may now be served.
    caf::reacts_to<tick_atom>>;

}  // namespace frontdesk
