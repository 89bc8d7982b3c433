#include "cli/runtime.hpp"

#include <caf/send.hpp>

#include "cliniko/requests.hpp"
#include "domain/encoding.hpp"
#include "messages/error.hpp"

namespace frontdesk::cli {

actor_config::actor_config() {
  // One scheduler thread per core this process may run on (taskset, a container's CPU set).
  set("scheduler.max-threads", config::usable_cores());
  add_error_category(error_category, render_error);
}

cliniko_runtime::cliniko_runtime(const config::settings& settings) : settings_(settings) {}

cliniko_runtime::~cliniko_runtime() {
  stop();
}

std::string cliniko_runtime::base_url_for(const std::string& api_key) const {
  return settings_.cliniko_base_url.empty() ? cliniko::base_url_of(api_key)
                                            : settings_.cliniko_base_url;
}

cliniko_gateway_actor cliniko_runtime::gateway_for(const std::string& api_key) {
  auto it = by_key_.find(api_key);
  if (it != by_key_.end()) return it->second.second;
  rate_limit limit{settings_.cliniko_rate_limit};
  limit.shared = shared_;
  limit.key_hash = domain::sha256_hex(api_key);
  auto limiter = spawn_rate_limiter(system_, limit);
  auto gateway = spawn_cliniko_gateway(
      system_, http_,
      {api_key, base_url_for(api_key), settings_.cliniko_user_agent, settings_.cliniko_ca_file},
      limiter);
  by_key_.emplace(api_key, std::pair{limiter, gateway});
  return gateway;
}

rate_limiter_actor cliniko_runtime::limiter_for(const std::string& api_key) {
  gateway_for(api_key);
  return by_key_.at(api_key).first;
}

void cliniko_runtime::stop() {
  if (std::exchange(stopped_, true)) return;
  for (auto& [key, actors] : by_key_) {
    caf::anon_send_exit(actors.second, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(actors.first, caf::exit_reason::user_shutdown);
  }
  by_key_.clear();
  if (shared_) caf::anon_send_exit(shared_, caf::exit_reason::user_shutdown);
}

std::string explain_cliniko_error(const caf::error& e, const std::string& base_url,
                                  const std::string& api_key) {
  const auto why = context_of(e);
  switch (code_of(e).value_or(error_code::cliniko_unavailable)) {
    case error_code::cliniko_unauthorized:
      return "Cliniko at " + base_url +
             " did not accept this API key. Check the key, and that its suffix names "
             "the account's shard (this key points to " +
             cliniko::shard_of(api_key) + ").";
    case error_code::cliniko_rate_limited:
      return "Cliniko's request budget for this key is spent for now; try again in a minute.";
    case error_code::cliniko_timeout:
      return "Cliniko at " + base_url + " did not answer in time" +
             (why.empty() ? "." : ": " + why);
    default:
      return "Could not use Cliniko at " + base_url + (why.empty() ? "." : ": " + why);
  }
}

}  // namespace frontdesk::cli
