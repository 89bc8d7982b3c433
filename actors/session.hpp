#pragma once

#include <chrono>

#include "messages/tools.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct session_config {
  /// A conversation silent this long is over (its context forgotten).
  std::chrono::seconds idle{1800};
};

/// Spawns the registry of call sessions: one session per sessionId, spawned on first sight, gone
/// after the idle time or on request; calls without a sessionId get a session of their own.
session_registry_actor spawn_session_registry(caf::actor_system& system, directory_actor directory,
                                              session_config config);

}  // namespace frontdesk
