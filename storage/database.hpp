#pragma once

#include <chrono>
#include <string>

#include "messages/database.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk::storage {

struct database_options {
  std::string url;
  int pool_size = 4;
  /// How long a worker waits before reconnecting after the database went away.
  std::chrono::milliseconds reconnect_backoff{500};
  /// This node's name, written on the intents it makes.
  std::string node;
};

/// Spawns the pool: `pool_size` workers on their own threads, each owning one connection, behind
/// one handle that hands each request to the next worker.
database_actor spawn_database(caf::actor_system& system, const database_options& options);

}  // namespace frontdesk::storage
