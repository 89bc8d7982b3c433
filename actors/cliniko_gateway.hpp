#pragma once

#include <string>

#include "domain/clock.hpp"
#include "http/client.hpp"
#include "messages/cliniko_gateway.hpp"
#include "messages/rate_limiter.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct gateway_config {
  std::string api_key;
  /// Full base URL, "https://api.au2.cliniko.com/v1"; from the key's shard unless overridden
  /// (CLINIKO_BASE_URL: the simulator, tests).
  std::string base_url;
  std::string user_agent;
  /// Extra certificate authorities to trust (tests).
  std::string ca_file;
  /// Attempts of a read that fails in a way worth repeating (5xx, lost connection, 429).
  int read_attempts = 3;
  /// Where the time comes from: how long to pause when Cliniko's 429 names no reset time.
  domain::clock clock{};
};

/// Spawns the gateway of one API key; every request it makes first takes a grant from `limiter`.
/// Fails (an exception) only when the base URL is malformed.
cliniko_gateway_actor spawn_cliniko_gateway(caf::actor_system& system,
                                            http::client_runtime& runtime, gateway_config config,
                                            rate_limiter_actor limiter);

}  // namespace frontdesk
