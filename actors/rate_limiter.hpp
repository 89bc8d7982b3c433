#pragma once

#include <chrono>

#include "domain/clock.hpp"
#include "domain/defaults.hpp"
#include "messages/rate_limiter.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct rate_limit {
  /// Requests allowed in any window.
  int requests = domain::cliniko_requests_per_minute;
  std::chrono::milliseconds window{60'000};
  /// Added to the window: our clock starts when we send, Cliniko's when the request arrives, so
  /// a request must not go the very instant ours says an old one aged out.
  std::chrono::milliseconds margin{500};
  /// Where the time comes from: the window is steady time; Cliniko's reset time is wall time.
  domain::clock clock{};
};

/// Spawns the limiter of one API key.
rate_limiter_actor spawn_rate_limiter(caf::actor_system& system, const rate_limit& limit);

}  // namespace frontdesk
