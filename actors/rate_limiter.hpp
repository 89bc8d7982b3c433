#pragma once

#include <chrono>
#include <string>

#include "domain/clock.hpp"
#include "domain/defaults.hpp"
#include "messages/budget.hpp"
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
  /// The budget every node shares (none: this process is alone with the key), and the key's
  /// name there (its SHA-256). Each request then also needs a grant from it, taken a few at a
  /// time; while it cannot be reached, this node's own window alone decides.
  shared_budget_actor shared{};
  std::string key_hash;
};

/// Spawns the limiter of one API key.
rate_limiter_actor spawn_rate_limiter(caf::actor_system& system, const rate_limit& limit);

}  // namespace frontdesk
