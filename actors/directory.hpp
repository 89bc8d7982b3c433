#pragma once

#include <chrono>
#include <string>

#include "domain/clock.hpp"
#include "messages/availability.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct directory_config {
  /// Region for reading dialed numbers written nationally.
  std::string region = "AU";
  /// How long a clinic's directory is served from memory before it is read again (in the
  /// background: callers are answered from what is in memory meanwhile).
  std::chrono::seconds fresh_for{30};
  /// Where the time comes from: how long a directory has been served from memory.
  domain::clock clock{};
  /// Told each clinic's offerings as they are loaded, to keep their free times warm (optional).
  availability_actor availability{};
};

/// Spawns the directory: clinics by dialed number, with their directories from the local copy.
directory_actor spawn_directory(caf::actor_system& system, local_copy_actor local_copy,
                                directory_config config);

}  // namespace frontdesk
