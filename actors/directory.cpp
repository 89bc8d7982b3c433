#include "actors/directory.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>

#include "domain/phone.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

struct cached {
  clinic_view view;
  clock::time_point loaded;
};

struct directory_state {
  directory_state() = default;
  database_actor database;
  directory_config config;
  std::map<std::string, clinic_id> by_number;
  std::map<std::string, clinic_id> by_agent;
  std::map<clinic_id, cached> clinics;
  domain::cache_counters counters;
  static inline const char* name = "directory";
};

using directory_pointer = directory_actor::stateful_pointer<directory_state>;

// Where a clinic is looked up from: its numbers, or its agents.
using lookup_index = std::map<std::string, clinic_id> directory_state::*;

const clinic_view* fresh(directory_pointer self, lookup_index index, const std::string& key) {
  const auto& known = self->state.*index;
  auto found = known.find(key);
  if (found == known.end()) return nullptr;
  auto entry = self->state.clinics.find(found->second);
  if (entry == self->state.clinics.end() ||
      self->state.config.clock.steady() - entry->second.loaded > self->state.config.fresh_for)
    return nullptr;
  return &entry->second.view;
}

// Reads the clinic behind the key (`Atom` says which kind), then its directory, and keeps both
// for a while.
template <class Atom>
caf::result<clinic_view> clinic_by(directory_pointer self, Atom lookup, lookup_index index,
                                   const std::string& key) {
  auto& s = self->state;
  if (const auto* view = fresh(self, index, key)) {
    ++s.counters.hits;
    return *view;
  }
  ++s.counters.misses;
  auto rp = self->make_response_promise<clinic_view>();
  auto& db = s.database;
  self->request(db, 5s, lookup, key)
      .then(
          [self, index, key, rp, db](clinic_record& clinic) mutable {
            self->request(db, 5s, directory_atom::value, clinic.id)
                .then(
                    [self, index, key, rp, clinic](directory_ptr& directory) mutable {
                      clinic_view view{clinic.id, clinic.name, clinic.time_zone,
                                       std::move(directory)};
                      (self->state.*index)[key] = clinic.id;
                      if (const auto& warm = self->state.config.availability)
                        self->send(warm, offerings_atom::value, clinic.id,
                                   view.directory->offerings);
                      self->state.clinics[clinic.id] = {view, self->state.config.clock.steady()};
                      rp.deliver(std::move(view));
                    },
                    [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
          },
          [rp](caf::error& e) mutable { rp.deliver(std::move(e)); });
  return rp;
}

caf::result<clinic_view> clinic_for(directory_pointer self, const std::string& dialed) {
  const auto e164 = domain::to_e164(dialed, self->state.config.region);
  if (!e164) return make_error(error_code::unknown_clinic, "not a phone number");
  return clinic_by(self, clinic_atom::value, &directory_state::by_number, *e164);
}

directory_actor::behavior_type directory(directory_pointer self, database_actor database,
                                         directory_config config) {
  self->state.database = std::move(database);
  self->state.config = std::move(config);
  return {
      [self](clinic_atom, const std::string& dialed) { return clinic_for(self, dialed); },
      [self](agent_atom, const std::string& agent) -> caf::result<clinic_view> {
        if (agent.empty()) return make_error(error_code::unknown_clinic, "no agent id");
        return clinic_by(self, agent_atom::value, &directory_state::by_agent, agent);
      },
      [self](invalidate_atom, clinic_id clinic) { self->state.clinics.erase(clinic); },
      [self](stats_atom) {
        auto counters = self->state.counters;
        counters.size = static_cast<std::int64_t>(self->state.clinics.size());
        return actor_stats{"directory", {}, {{"directory", counters}}};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, database_actor database,
                                directory_config config) {
  return system.spawn(directory, std::move(database), std::move(config));
}

}  // namespace frontdesk
