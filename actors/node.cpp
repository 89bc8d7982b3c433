#include "actors/node.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <pqxx/transaction>
#include <set>

#include "storage/cluster.hpp"
#include "storage/connection.hpp"

namespace frontdesk {
namespace {

using clock = std::chrono::steady_clock;

struct node_state {
  node_state() = default;
  node_config config;
  std::unique_ptr<storage::database_link> link;
  std::set<clinic_id> leading;
  /// When the leases last renewed run out, by this node's own clock and with a margin.
  clock::time_point leading_until{};
  bool draining = false;
  std::int64_t beats = 0, missed = 0, taken = 0, lost = 0;
  static inline const char* name = "node";
};

using node_pointer = node_actor::stateful_pointer<node_state>;

void set_leading(node_pointer self, const std::set<clinic_id>& now) {
  auto& s = self->state;
  for (const auto c : now)
    if (s.leading.count(c) == 0) {
      ++s.taken;
      spdlog::info("node {}: leads clinic {}'s background work", s.config.name, c);
      if (s.config.on_lead) s.config.on_lead(c, true);
    }
  for (const auto c : s.leading)
    if (now.count(c) == 0) {
      ++s.lost;
      spdlog::info("node {}: no longer leads clinic {}'s background work", s.config.name, c);
      if (s.config.on_lead) s.config.on_lead(c, false);
    }
  s.leading = now;
}

void beat(node_pointer self) {
  auto& s = self->state;
  const auto started = clock::now();
  const auto led = s.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    storage::beat(tx, s.config.name, s.config.address, static_cast<int>(::getpid()), s.draining,
                  s.beats == 0);
    auto out = s.draining ? std::vector<clinic_id>{}
                          : storage::lead(tx, s.config.name, s.config.clinics, "background",
                                          s.config.lease);
    tx.commit();
    return out;
  });
  if (led) {
    ++s.beats;
    s.leading_until = started + s.config.lease / 3;
    set_leading(self, {led->begin(), led->end()});
  } else {
    ++s.missed;
    // Cut off from the database: another node may take the leases once this one looks gone,
    // so this one stops first.
    if (clock::now() >= s.leading_until && !s.leading.empty()) {
      spdlog::warn("node {}: cannot reach PostgreSQL to renew its leases; stops leading",
                   s.config.name);
      set_leading(self, {});
    }
  }
}

bool leave(node_pointer self) {
  auto& s = self->state;
  set_leading(self, {});
  const auto left = s.link->run([&](pqxx::connection& conn) {
    pqxx::work tx{conn};
    storage::leave(tx, s.config.name);
    tx.commit();
    return true;
  });
  return left && *left;
}

node_actor::behavior_type node(node_pointer self, node_config config) {
  auto& s = self->state;
  s.config = std::move(config);
  s.link = std::make_unique<storage::database_link>(s.config.database_url);
  self->send(self, tick_atom::value);
  return {
      [self](tick_atom) {
        beat(self);
        self->delayed_send(self, self->state.config.beat_every, tick_atom::value);
      },
      [self](drain_atom) {
        self->state.draining = true;
        beat(self);
      },
      [self](leave_atom) { return leave(self); },
      [self](stats_atom) {
        const auto& s = self->state;
        return actor_stats{
            "node",
            {{"beats", s.beats},
             {"beats_missed", s.missed},
             {"leases_taken", s.taken},
             {"leases_lost", s.lost},
             {"leading", static_cast<std::int64_t>(s.leading.size()), stat_kind::gauge}},
            {}};
      },
  };
}

}  // namespace

node_actor spawn_node(caf::actor_system& system, node_config config) {
  return system.spawn<caf::detached>(node, std::move(config));
}

std::string default_node_name(unsigned port) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) std::snprintf(host, sizeof host, "node");
  return std::string(host) + "-" + std::to_string(port != 0 ? port : ::getpid());
}

}  // namespace frontdesk
