#include "actors/budget.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <cmath>
#include <pqxx/transaction>

#include "storage/budget.hpp"
#include "storage/connection.hpp"

namespace frontdesk {
namespace {

struct budget_state {
  budget_state() = default;
  shared_budget_config config;
  std::unique_ptr<storage::database_link> link;
  std::int64_t takes = 0, granted = 0, empty = 0, pauses = 0;
  static inline const char* name = "shared_budget";
};

using budget_pointer = shared_budget_actor::stateful_pointer<budget_state>;

caf::result<std::int64_t, std::int64_t> take(budget_pointer self, const std::string& key,
                                             std::int64_t want, bool background) {
  auto& s = self->state;
  const auto limit = static_cast<std::int64_t>(s.config.requests);
  const auto reserve =
      background ? limit - static_cast<std::int64_t>(
                               std::floor(s.config.background_share * static_cast<double>(limit)))
                 : 0;
  auto got = s.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    const auto out = storage::take_budget(tx, key, want, limit, reserve);
    tx.commit();
    return out;
  });
  if (!got) return std::move(got.error());
  ++s.takes;
  s.granted += got->granted;
  if (got->granted == 0) ++s.empty;
  return {got->granted, got->not_before};
}

void pause(budget_pointer self, const std::string& key, std::int64_t until) {
  ++self->state.pauses;
  self->state.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    storage::pause_budget(tx, key, until);
    tx.commit();
    return true;
  });
}

shared_budget_actor::behavior_type budget(budget_pointer self, shared_budget_config config) {
  self->state.config = std::move(config);
  self->state.link = std::make_unique<storage::database_link>(self->state.config.database_url);
  return {
      [self](take_atom, const std::string& key, std::int64_t want, bool background) {
        return take(self, key, want, background);
      },
      [self](pause_atom, const std::string& key, std::int64_t until) { pause(self, key, until); },
      [self](stats_atom) {
        const auto& s = self->state;
        return actor_stats{"shared_budget",
                           {{"takes", s.takes},
                            {"granted", s.granted},
                            {"takes_empty", s.empty},
                            {"pauses", s.pauses}},
                           {}};
      },
  };
}

}  // namespace

shared_budget_actor spawn_shared_budget(caf::actor_system& system, shared_budget_config config) {
  return system.spawn<caf::detached>(budget, std::move(config));
}

}  // namespace frontdesk
