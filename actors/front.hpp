#pragma once

#include <chrono>
#include <string>

#include "domain/clock.hpp"
#include "http/router.hpp"
#include "messages/availability.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"
#include "messages/front.hpp"
#include "messages/session.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

/// The routes the front serves; every other path is 404 until its feature exists.
http::router front_routes();

struct front_config {
  /// The longest a tool call may take before the front answers 503 for it.
  std::chrono::milliseconds tool_deadline{8000};
  /// Region for reading callers' national numbers.
  std::string region = "AU";
  /// Where the front reads the time: the local date and time the greeting gives, uptime.
  domain::clock clock{};
};

/// The actors the front asks.
struct front_peers {
  database_actor database;
  session_registry_actor sessions;
  /// Asked for their caches' counters (/cache-stats).
  directory_actor directory;
  availability_actor availability;
};

/// Spawns the front: it answers each routed request itself or by asking the actor that knows.
front_actor spawn_front(caf::actor_system& system, front_peers peers, front_config config = {});

}  // namespace frontdesk
