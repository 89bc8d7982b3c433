#pragma once

#include <chrono>
#include <map>

#include "domain/availability.hpp"
#include "domain/clock.hpp"
#include "domain/defaults.hpp"
#include "messages/availability.hpp"
#include "messages/cliniko_gateway.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

/// Free times kept warm in the background, with the rate budget live calls leave: the most asked
/// sources' next `days`, nearest weeks first, each window fetched again once older than
/// `refresh_after` (or forgotten because the calendar changed), at most `share` of the key's
/// `rate_limit` a minute. Checked every `every`, and at once when calendars change.
struct warming {
  std::chrono::seconds every{0};  // 0: nothing is kept warm
  double share = domain::warm_percent_of_budget / 100.0;
  int rate_limit = domain::cliniko_requests_per_minute;
  int days = 28;
  std::chrono::seconds refresh_after{100};
  std::chrono::seconds half_life{3600};
  /// Warm only the clinics this node leads (several nodes): one node's requests, not one each.
  bool only_led = false;
};

struct availability_config {
  /// How long fetched free times are trusted, and how long a failed time is not offered.
  domain::slot_cache::settings cache;
  /// Each clinic's gateway (free times of a clinic not listed fail with unknown_clinic).
  std::map<clinic_id, cliniko_gateway_actor> gateways;
  /// Where the time comes from: how long a fact has been cached.
  domain::clock clock{};
  /// Requests a search for the earliest time sends in one round: the connections a gateway keeps
  /// open to Cliniko, so that a round costs one round trip.
  std::size_t connections = 6;
  warming warm{};
};

/// Spawns the availability actor: free times from its cache, else fetched in whole 7-day windows
/// of the account's dates through the clinic's gateway; fetches asked for twice at once are made
/// once.
availability_actor spawn_availability(caf::actor_system& system, availability_config config);

}  // namespace frontdesk
