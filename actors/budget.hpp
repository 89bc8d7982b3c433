#pragma once

#include <string>

#include "domain/defaults.hpp"
#include "messages/budget.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct shared_budget_config {
  std::string database_url;
  /// Requests per rolling minute per key, across every node.
  int requests = domain::cliniko_requests_per_minute;
  /// The share of the minute background work may use: the rest waits for live calls.
  double background_share = 0.75;
};

/// Spawns the shared budget on its own thread and connection.
shared_budget_actor spawn_shared_budget(caf::actor_system& system, shared_budget_config config);

}  // namespace frontdesk
