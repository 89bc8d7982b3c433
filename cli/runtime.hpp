#pragma once

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <map>
#include <memory>
#include <string>

#include "actors/cliniko_gateway.hpp"
#include "actors/rate_limiter.hpp"
#include "config/settings.hpp"
#include "http/client.hpp"

// What the subcommands that talk to Cliniko share: the actor system, the HTTP client's I/O
// thread, and one rate limiter and gateway per Cliniko API key.
namespace frontdesk::cli {

struct actor_config : caf::actor_system_config {
  actor_config();
};

class cliniko_runtime {
 public:
  explicit cliniko_runtime(const config::settings& settings);
  ~cliniko_runtime();

  caf::actor_system& system() { return system_; }

  /// From now on, each key's rate limiter also takes its requests from this budget, shared by
  /// every node on the database.
  void share_budget(shared_budget_actor budget) { shared_ = std::move(budget); }
  const shared_budget_actor& shared_budget() const { return shared_; }

  /// The gateway of this key (made on first use), at the configured or the key's shard URL.
  cliniko_gateway_actor gateway_for(const std::string& api_key);
  /// The rate limiter of this key's gateway (made with it).
  rate_limiter_actor limiter_for(const std::string& api_key);
  /// The base URL requests for this key go to.
  std::string base_url_for(const std::string& api_key) const;

  /// Ends every actor and waits for them.
  void stop();

 private:
  const config::settings& settings_;
  actor_config config_;
  // Declared before the actor system so it outlives the gateways that use it.
  http::client_runtime http_;
  caf::actor_system system_{config_};
  std::map<std::string, std::pair<rate_limiter_actor, cliniko_gateway_actor>> by_key_;
  shared_budget_actor shared_;
  bool stopped_ = false;
};

/// One line that tells an operator what went wrong with a Cliniko call, and what to check.
std::string explain_cliniko_error(const caf::error& e, const std::string& base_url,
                                  const std::string& api_key);

}  // namespace frontdesk::cli
