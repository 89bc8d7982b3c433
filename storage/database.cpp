#include "storage/database.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/nontransaction>
#include <vector>

#include "storage/connection.hpp"

namespace frontdesk::storage {
namespace {

struct worker_state {
  worker_state() = default;
  std::unique_ptr<database_link> link;
  static inline const char* name = "database_worker";
};

struct pool_state {
  pool_state() = default;
  std::vector<database_actor> workers;
  std::size_t next = 0;
  static inline const char* name = "database";

  const database_actor& pick() { return workers[next++ % workers.size()]; }
};

database_status ping(pqxx::connection& conn) {
  const auto started = std::chrono::steady_clock::now();
  pqxx::nontransaction tx{conn};
  const auto row = tx.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  return {row[0].as<std::int32_t>(),
          std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()};
}

// Workers block on PostgreSQL; they run detached, on threads of their own, so no scheduler
// thread ever waits for the database.
database_actor::behavior_type worker(database_actor::stateful_pointer<worker_state> self,
                                     const database_options& options) {
  self->state.link = std::make_unique<database_link>(options.url, options.reconnect_backoff);
  return {
      [self](ping_atom) -> caf::result<database_status> { return self->state.link->run(ping); },
  };
}

database_actor::behavior_type pool(database_actor::stateful_pointer<pool_state> self,
                                   database_options options) {
  for (int i = 0; i < options.pool_size; ++i)
    self->state.workers.push_back(self->spawn<caf::detached + caf::linked>(worker, options));
  return {
      [self](ping_atom ping) { return self->delegate(self->state.pick(), ping); },
  };
}

}  // namespace

database_actor spawn_database(caf::actor_system& system, const database_options& options) {
  return system.spawn(pool, options);
}

}  // namespace frontdesk::storage
