#include "actors/directory.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <functional>
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
  /// A read of it is under way: one at a time.
  bool reading = false;
};

struct directory_state {
  directory_state() = default;
  local_copy_actor local_copy;
  directory_config config;
  std::map<std::string, clinic_id> by_number;
  std::map<std::string, clinic_id> by_agent;
  std::map<clinic_id, cached> clinics;
  /// Bumped when a clinic's directory changes: a read begun before is not kept.
  std::map<clinic_id, std::uint64_t> generations;
  domain::cache_counters counters;
  static inline const char* name = "directory";
};

using directory_pointer = directory_actor::stateful_pointer<directory_state>;

// Where a clinic is looked up from: its numbers, or its agents.
using lookup_index = std::map<std::string, clinic_id> directory_state::*;
using view_handler = std::function<void(caf::expected<clinic_view>)>;

cached* known(directory_pointer self, lookup_index index, const std::string& key) {
  const auto& keys = self->state.*index;
  const auto found = keys.find(key);
  if (found == keys.end()) return nullptr;
  const auto entry = self->state.clinics.find(found->second);
  return entry == self->state.clinics.end() ? nullptr : &entry->second;
}

bool is_fresh(directory_pointer self, const cached& entry) {
  return self->state.config.clock.steady() - entry.loaded <= self->state.config.fresh_for;
}

// Reads a clinic's directory from the local copy and keeps it.
void read_directory(directory_pointer self, const clinic_record& clinic, const view_handler& then) {
  const auto generation = self->state.generations[clinic.id];
  self->request(self->state.local_copy, 5s, directory_atom::value, clinic.id)
      .then(
          [self, clinic, generation, then](directory_ptr& directory) {
            clinic_view view{clinic.id, clinic.name, clinic.time_zone, std::move(directory)};
            if (const auto& warm = self->state.config.availability)
              self->send(warm, offerings_atom::value, clinic.id, view.directory->offerings);
            if (self->state.generations[clinic.id] == generation)
              self->state.clinics[clinic.id] = {view, self->state.config.clock.steady()};
            then(std::move(view));
          },
          [self, id = clinic.id, then](caf::error& e) {
            if (auto it = self->state.clinics.find(id); it != self->state.clinics.end())
              it->second.reading = false;
            then(std::move(e));
          });
}

// Reads the clinic behind the key (`Atom` says which kind), then its directory unless a fresh one
// is in memory. A key that no longer names an active clinic is forgotten.
template <class Atom>
void read_clinic(directory_pointer self, Atom lookup, lookup_index index, const std::string& key,
                 const view_handler& then) {
  self->request(self->state.local_copy, 5s, lookup, key)
      .then(
          [self, index, key, then](clinic_record& clinic) {
            (self->state.*index)[key] = clinic.id;
            const auto entry = self->state.clinics.find(clinic.id);
            if (entry != self->state.clinics.end() && !entry->second.reading &&
                is_fresh(self, entry->second))
              return then(entry->second.view);
            read_directory(self, clinic, then);
          },
          [self, index, key, then](caf::error& e) {
            if (code_of(e) == error_code::unknown_clinic) (self->state.*index).erase(key);
            then(std::move(e));
          });
}

// The clinic behind the key. What is in memory is answered at once; when it has grown old it is
// read again in the background, and the next caller has the new one.
template <class Atom>
caf::result<clinic_view> clinic_by(directory_pointer self, Atom lookup, lookup_index index,
                                   const std::string& key) {
  auto& s = self->state;
  if (auto* entry = known(self, index, key)) {
    ++s.counters.hits;
    if (!is_fresh(self, *entry) && !entry->reading) {
      entry->reading = true;
      read_clinic(self, lookup, index, key,
                  [self, index, key](const caf::expected<clinic_view>& v) {
                    if (auto* failed = v ? nullptr : known(self, index, key))
                      failed->reading = false;
                  });
    }
    return entry->view;
  }
  ++s.counters.misses;
  auto rp = self->make_response_promise<clinic_view>();
  read_clinic(self, lookup, index, key, [rp](caf::expected<clinic_view> view) mutable {
    if (view)
      rp.deliver(std::move(*view));
    else
      rp.deliver(std::move(view.error()));
  });
  return rp;
}

// A clinic's directory changed: it is read again at once, and no caller is given the old one.
void forget(directory_pointer self, clinic_id id) {
  ++self->state.generations[id];
  const auto entry = self->state.clinics.find(id);
  if (entry == self->state.clinics.end()) return;
  const auto& view = entry->second.view;
  const clinic_record clinic{view.id, view.name, view.time_zone, {}, {}, true};
  self->state.clinics.erase(entry);
  read_directory(self, clinic, [](const caf::expected<clinic_view>&) {});
}

caf::result<clinic_view> clinic_for(directory_pointer self, const std::string& dialed) {
  const auto e164 = domain::to_e164(dialed, self->state.config.region);
  if (!e164) return make_error(error_code::unknown_clinic, "not a phone number");
  return clinic_by(self, clinic_atom::value, &directory_state::by_number, *e164);
}

directory_actor::behavior_type directory(directory_pointer self, local_copy_actor local_copy,
                                         directory_config config) {
  self->state.local_copy = std::move(local_copy);
  self->state.config = std::move(config);
  return {
      [self](clinic_atom, const std::string& dialed) { return clinic_for(self, dialed); },
      [self](agent_atom, const std::string& agent) -> caf::result<clinic_view> {
        if (agent.empty()) return make_error(error_code::unknown_clinic, "no agent id");
        return clinic_by(self, agent_atom::value, &directory_state::by_agent, agent);
      },
      [self](invalidate_atom, clinic_id clinic) { forget(self, clinic); },
      [self](load_atom, const clinic_record& clinic) {
        read_directory(self, clinic, [](const caf::expected<clinic_view>&) {});
      },
      [self](stats_atom) {
        auto counters = self->state.counters;
        counters.size = static_cast<std::int64_t>(self->state.clinics.size());
        return actor_stats{"directory", {}, {{"directory", counters}}};
      },
  };
}

}  // namespace

directory_actor spawn_directory(caf::actor_system& system, local_copy_actor local_copy,
                                directory_config config) {
  return system.spawn(directory, std::move(local_copy), std::move(config));
}

}  // namespace frontdesk
