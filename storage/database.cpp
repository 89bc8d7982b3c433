#include "storage/database.hpp"

#include <caf/actor_system.hpp>
#include <caf/spawn_options.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <vector>

#include "domain/sync_policy.hpp"
#include "messages/error.hpp"
#include "storage/bookings.hpp"
#include "storage/calls.hpp"
#include "storage/changes.hpp"
#include "storage/connection.hpp"
#include "storage/directory.hpp"
#include "storage/local_copy.hpp"

namespace frontdesk::storage {
namespace {

struct worker_state {
  worker_state() = default;
  std::unique_ptr<database_link> link;
  std::shared_ptr<database_meter> meter;
  static inline const char* name = "database_worker";
};

struct pool_state {
  pool_state() = default;
  std::vector<database_actor> workers;
  std::shared_ptr<database_meter> meter = std::make_shared<database_meter>();
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

using worker_pointer = database_actor::stateful_pointer<worker_state>;

// Runs `work(transaction)` in one transaction on the worker's connection and commits it.
template <class Work>
auto transact(worker_pointer self, Work work) {
  return self->state.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    auto result = work(tx);
    tx.commit();
    return result;
  });
}

// Workers block on PostgreSQL; they run detached, on threads of their own, so no scheduler
// thread ever waits for the database.
// The pool's figures, whichever worker counted them.
actor_stats stats_of(const database_meter& m) {
  return {"database",
          {{"queries", m.queries.load()},
           {"rejected", m.rejected.load()},
           {"unavailable", m.unavailable.load()},
           {"busy_ms", m.busy_ns.load() / 1'000'000}},
          {}};
}

database_actor::behavior_type worker(worker_pointer self, const database_options& options,
                                     std::shared_ptr<database_meter> meter) {
  self->state.meter = meter;
  self->state.link =
      std::make_unique<database_link>(options.url, options.reconnect_backoff, std::move(meter));
  return {
      [self](ping_atom) -> caf::result<database_status> { return self->state.link->run(ping); },
      [self](clinics_atom) -> caf::result<std::vector<clinic_record>> {
        return transact(self, [](auto& tx) { return active_clinics(tx); });
      },
      [self, node = options.node](save_directory_atom, clinic_id clinic,
                                  const directory_snapshot& snapshot) -> caf::result<local_counts> {
        return transact(self, [&](auto& tx) {
          save_directory(tx, clinic, snapshot);
          notify(tx, {change::kind::directory, node, clinic, {}});
          return count_local_copy(tx, clinic);
        });
      },
      [self, node = options.node](save_appointments_atom, clinic_id clinic,
                                  const std::vector<appointment>& appointments,
                                  unix_seconds complete_from) -> caf::result<std::int64_t> {
        return transact(self, [&](auto& tx) {
          save_appointments(tx, clinic, appointments);
          if (complete_from > 0)
            archive_missing_appointments(tx, clinic, complete_from, appointments);
          release_stale_claims(tx, clinic);
          if (complete_from > 0 || !appointments.empty())
            notify(tx, {change::kind::times, node, clinic,
                        complete_from > 0 ? std::vector<std::string>{}
                                          : domain::practitioners_of(appointments)});
          return static_cast<std::int64_t>(appointments.size());
        });
      },
      [self](save_patients_atom, clinic_id clinic, const std::vector<patient>& patients,
             const std::string& region) -> caf::result<std::int64_t> {
        return transact(self,
                        [&](auto& tx) { return save_patients(tx, clinic, patients, region); });
      },
      [self](sync_state_atom, clinic_id clinic) -> caf::result<sync_state> {
        return transact(self, [&](auto& tx) { return read_sync_state(tx, clinic); });
      },
      [self](record_sync_atom, clinic_id clinic, const sync_state& state) -> caf::result<bool> {
        return transact(self, [&](auto& tx) {
          write_sync_state(tx, clinic, state);
          return true;
        });
      },
      [self](counts_atom, clinic_id clinic) -> caf::result<local_counts> {
        return transact(self, [&](auto& tx) { return count_local_copy(tx, clinic); });
      },
      [self](clinic_atom, const std::string& e164) -> caf::result<clinic_record> {
        auto found = transact(self, [&](auto& tx) { return clinic_by_number(tx, e164); });
        if (!found) return std::move(found.error());
        if (!*found)
          return make_error(error_code::unknown_clinic, "no active clinic answers " + e164);
        return std::move(**found);
      },
      [self](agent_atom, const std::string& agent) -> caf::result<clinic_record> {
        auto found = transact(self, [&](auto& tx) { return clinic_by_agent(tx, agent); });
        if (!found) return std::move(found.error());
        if (!*found) return make_error(error_code::unknown_clinic, "no active clinic has agent");
        return std::move(**found);
      },
      [self](directory_atom, clinic_id clinic) -> caf::result<directory_ptr> {
        auto loaded = transact(self, [&](auto& tx) { return load_directory(tx, clinic); });
        if (!loaded) return std::move(loaded.error());
        return directory_ptr{std::make_shared<const domain::clinic_directory>(std::move(*loaded))};
      },
      [self](phone_lookup_atom, clinic_id clinic,
             const std::string& e164) -> caf::result<std::vector<patient>> {
        return transact(self, [&](auto& tx) { return patients_by_phone(tx, clinic, e164); });
      },
      [self](patient_atom, clinic_id clinic,
             const std::string& id) -> caf::result<std::vector<patient>> {
        return transact(self, [&](auto& tx) { return patient_by_id(tx, clinic, id); });
      },
      [self, node = options.node](claim_atom,
                                  const booking_intent& intent) -> caf::result<claim_outcome> {
        return transact(self, [&](auto& tx) { return claim(tx, intent, node); });
      },
      [self, node = options.node](complete_atom, clinic_id clinic, std::int64_t id,
                                  const appointment& a) -> caf::result<bool> {
        return transact(self, [&](auto& tx) {
          complete_intent(tx, clinic, id, a);
          notify(tx, {change::kind::times, node, clinic, {a.practitioner_id}});
          return true;
        });
      },
      [self](fail_intent_atom, std::int64_t id, const std::string& why) -> caf::result<bool> {
        return transact(self, [&](auto& tx) {
          fail_intent(tx, id, why);
          return true;
        });
      },
      [self](pending_atom, std::int64_t seconds) -> caf::result<std::vector<booking_intent>> {
        return transact(self, [&](auto& tx) { return pending_intents(tx, seconds); });
      },
      [self](held_atom, clinic_id clinic, const std::string& practitioner, unix_seconds from,
             unix_seconds to) -> caf::result<std::vector<appointment>> {
        return transact(self,
                        [&](auto& tx) { return held_claims(tx, clinic, practitioner, from, to); });
      },
      [self](upcoming_atom, clinic_id clinic, const std::string& e164,
             unix_seconds from) -> caf::result<std::vector<appointment>> {
        return transact(self, [&](auto& tx) { return upcoming_by_phone(tx, clinic, e164, from); });
      },
      [self](history_atom, clinic_id clinic, const std::string& e164,
             unix_seconds before) -> caf::result<std::vector<appointment>> {
        return transact(self, [&](auto& tx) { return history_by_phone(tx, clinic, e164, before); });
      },
      [self](store_event_atom, const stored_event& e) -> caf::result<event_fate> {
        return transact(self, [&](auto& tx) { return store_event(tx, e); });
      },
      [self](served_atom, const std::vector<served_call>& calls) -> caf::result<bool> {
        return transact(self, [&](auto& tx) {
          record_served(tx, calls);
          return true;
        });
      },
      [self](prune_atom, unix_seconds now) -> caf::result<std::int64_t> {
        return transact(self, [&](auto& tx) { return prune_calls(tx, now); });
      },
      [self](stats_atom) { return stats_of(*self->state.meter); },
  };
}

database_actor::behavior_type pool(database_actor::stateful_pointer<pool_state> self,
                                   database_options options) {
  for (int i = 0; i < options.pool_size; ++i)
    self->state.workers.push_back(
        self->spawn<caf::detached + caf::linked>(worker, options, self->state.meter));
  // Each request goes to the next worker, which answers the requester directly.
  return {
      [self](ping_atom a) { return self->delegate(self->state.pick(), a); },
      [self](clinics_atom a) { return self->delegate(self->state.pick(), a); },
      [self](save_directory_atom a, clinic_id c, directory_snapshot& s) {
        return self->delegate(self->state.pick(), a, c, std::move(s));
      },
      [self](save_appointments_atom a, clinic_id c, std::vector<appointment>& xs,
             unix_seconds from) {
        return self->delegate(self->state.pick(), a, c, std::move(xs), from);
      },
      [self](save_patients_atom a, clinic_id c, std::vector<patient>& xs, std::string& region) {
        return self->delegate(self->state.pick(), a, c, std::move(xs), std::move(region));
      },
      [self](sync_state_atom a, clinic_id c) { return self->delegate(self->state.pick(), a, c); },
      [self](record_sync_atom a, clinic_id c, sync_state& s) {
        return self->delegate(self->state.pick(), a, c, std::move(s));
      },
      [self](counts_atom a, clinic_id c) { return self->delegate(self->state.pick(), a, c); },
      [self](clinic_atom a, std::string& e164) {
        return self->delegate(self->state.pick(), a, std::move(e164));
      },
      [self](agent_atom a, std::string& agent) {
        return self->delegate(self->state.pick(), a, std::move(agent));
      },
      [self](directory_atom a, clinic_id c) { return self->delegate(self->state.pick(), a, c); },
      [self](phone_lookup_atom a, clinic_id c, std::string& e164) {
        return self->delegate(self->state.pick(), a, c, std::move(e164));
      },
      [self](patient_atom a, clinic_id c, std::string& id) {
        return self->delegate(self->state.pick(), a, c, std::move(id));
      },
      [self](claim_atom a, booking_intent& i) {
        return self->delegate(self->state.pick(), a, std::move(i));
      },
      [self](complete_atom atom, clinic_id c, std::int64_t id, appointment& a) {
        return self->delegate(self->state.pick(), atom, c, id, std::move(a));
      },
      [self](fail_intent_atom a, std::int64_t id, std::string& why) {
        return self->delegate(self->state.pick(), a, id, std::move(why));
      },
      [self](pending_atom a, std::int64_t seconds) {
        return self->delegate(self->state.pick(), a, seconds);
      },
      [self](held_atom a, clinic_id c, std::string& practitioner, unix_seconds from,
             unix_seconds to) {
        return self->delegate(self->state.pick(), a, c, std::move(practitioner), from, to);
      },
      [self](upcoming_atom a, clinic_id c, std::string& e164, unix_seconds from) {
        return self->delegate(self->state.pick(), a, c, std::move(e164), from);
      },
      [self](history_atom a, clinic_id c, std::string& e164, unix_seconds before) {
        return self->delegate(self->state.pick(), a, c, std::move(e164), before);
      },
      [self](store_event_atom a, stored_event& e) {
        return self->delegate(self->state.pick(), a, std::move(e));
      },
      [self](served_atom a, std::vector<served_call>& calls) {
        return self->delegate(self->state.pick(), a, std::move(calls));
      },
      [self](prune_atom a, unix_seconds now) { return self->delegate(self->state.pick(), a, now); },
      [self](stats_atom) { return stats_of(*self->state.meter); },
  };
}

}  // namespace

database_actor spawn_database(caf::actor_system& system, const database_options& options) {
  return system.spawn(pool, options);
}

}  // namespace frontdesk::storage
