#pragma once

#include <chrono>
#include <string>

#include "domain/clock.hpp"
#include "messages/availability.hpp"
#include "messages/cliniko_gateway.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"
#include "messages/sync.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct sync_config {
  clinic_id clinic = 0;
  /// Region for reading national phone numbers of patients ("AU").
  std::string region = "AU";
  /// How often an incremental sync runs by itself (0: only on request).
  std::chrono::seconds every{300};
  /// How old the directory may grow before a sync refreshes it.
  std::chrono::seconds directory_every{3600};
  /// How far back a full sync reaches for appointments.
  std::chrono::hours look_back{24};
  /// How far back the first sync reaches: whom each caller has seen, and for what.
  std::chrono::hours history{24 * 90};
  /// Whether this node leads the clinic's periodic sync before it is told (one node alone does).
  bool leading = true;
  /// Longest one sync may take.
  std::chrono::seconds deadline{300};
  /// Where the time comes from: when a sync started, whether the directory is due.
  domain::clock clock{};
};

/// Who is told what a sync changed, so they stop serving the old (either may be left unset):
/// the directory after a directory refresh, availability when appointments changed.
struct sync_listeners {
  directory_actor directory;
  availability_actor availability;
};

/// Spawns the sync of one clinic. Its Cliniko requests run at background priority.
sync_actor spawn_sync(caf::actor_system& system, sync_config config, cliniko_gateway_actor gateway,
                      local_copy_actor local_copy, sync_listeners listeners = {});

}  // namespace frontdesk
