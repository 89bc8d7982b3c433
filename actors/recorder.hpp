#pragma once

#include <array>
#include <chrono>
#include <string>

#include "domain/clock.hpp"
#include "domain/defaults.hpp"
#include "messages/recorder.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct recorder_config {
  std::string database_url;
  /// Seals the entries at rest (they hold what callers said).
  std::array<unsigned char, 32> master_key{};
  std::chrono::hours retention{24 * domain::recording_retention_days};
  std::chrono::seconds prune_every{3600};
  /// How long to wait before writing again while the database is away.
  std::chrono::milliseconds retry_after{1000};
  /// Entries held while the database is away; beyond it whole batches are dropped (counted).
  std::size_t max_waiting = 200'000;
  domain::clock clock{};
};

/// Spawns the recorder on its own thread, with its own connection: whatever arrived while it
/// wrote goes in the next batch, one transaction for all sessions.
recorder_actor spawn_recorder(caf::actor_system& system, recorder_config config);

/// Spawns the readers of recordings, each on a thread and connection of its own, `connections`
/// of them taking reads in turn: each session asks before each tool call whether the
/// conversation went on elsewhere (one indexed lookup).
recordings_actor spawn_recordings(caf::actor_system& system, recorder_config config,
                                  std::size_t connections = 1);

}  // namespace frontdesk
