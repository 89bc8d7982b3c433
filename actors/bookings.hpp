#pragma once

#include <chrono>
#include <map>
#include <string>

#include "domain/clock.hpp"
#include "messages/availability.hpp"
#include "messages/bookings.hpp"
#include "messages/cliniko_gateway.hpp"
#include "messages/database.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct bookings_config {
  /// Each clinic's gateway.
  std::map<clinic_id, cliniko_gateway_actor> gateways;
  /// Region for reading patients' national numbers into the phone index.
  std::string region = "AU";
  /// An intent pending this long was left by a crash (no call lasts as long): it is settled
  /// against Cliniko.
  std::chrono::seconds settle_after{15};
  /// How often pending intents are looked for (0: only when asked).
  std::chrono::seconds settle_every{30};
  /// Where "now" comes from: what is past, when a cancellation was made.
  domain::clock clock{};
};

/// Spawns the bookings actor: books, moves and cancels through the clinic's gateway, guarded by
/// claims in PostgreSQL and recorded as intents, and tells `availability` what changed.
bookings_actor spawn_bookings(caf::actor_system& system, intents_actor intents,
                              local_copy_actor local_copy, availability_actor availability,
                              bookings_config config);

}  // namespace frontdesk
