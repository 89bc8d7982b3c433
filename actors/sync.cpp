#include "actors/sync.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <memory>

#include "actors/background.hpp"
#include "actors/fan_in.hpp"
#include "domain/sync_policy.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

/// One sync pass, from start to report.
struct sync_run {
  sync_kind kind = sync_kind::incremental;
  call_options call;
  clock::time_point started;
  unix_seconds started_wall = 0;
  sync_state before;
  sync_state after;
  directory_snapshot directory;
  std::int64_t requests_before = 0;
  sync_report report;
};
using run_ptr = std::shared_ptr<sync_run>;

struct waiter {
  sync_kind kind;
  caf::typed_response_promise<sync_report> promise;
};

struct sync_state_data {
  sync_state_data() = default;
  sync_config config;
  sync_listeners listeners;
  cliniko_gateway_actor gateway;
  local_copy_actor local_copy;
  run_ptr running;
  std::vector<waiter> waiting;
  sync_state last;
  background_failures failures;
  static inline const char* name = "sync";
};

using sync_pointer = sync_actor::stateful_pointer<sync_state_data>;

unix_seconds now_of(sync_pointer self) {
  return domain::seconds_of(self->state.config.clock.now());
}

void start(sync_pointer self, sync_kind kind);

// Hands the outcome to those who asked for it; a full sync still owed starts next.
void finish(sync_pointer self, const run_ptr& run, const caf::error& failure) {
  auto& s = self->state;
  s.running.reset();
  std::vector<waiter> still_waiting;
  for (auto& w : s.waiting) {
    if (!failure && w.kind == sync_kind::full && run->kind != sync_kind::full) {
      still_waiting.push_back(std::move(w));
      continue;
    }
    if (failure)
      w.promise.deliver(failure);
    else
      w.promise.deliver(run->report);
  }
  s.waiting = std::move(still_waiting);
  if (!s.waiting.empty()) start(self, sync_kind::full);
}

void fail(sync_pointer self, const run_ptr& run, const caf::error& e) {
  const auto why = context_of(e).empty()
                       ? to_string(code_of(e).value_or(error_code::cliniko_unavailable))
                       : context_of(e);
  spdlog::warn("sync of clinic {} failed: {}", self->state.config.clinic, why);
  auto state = run->before;
  state.last_error = why;
  self->state.last = state;
  // Those who asked hear of the failure once it is on record (clinic list shows it).
  self->request(self->state.local_copy, 10s, record_sync_atom::value, self->state.config.clinic,
                state)
      .then([self, run, e](bool) { finish(self, run, e); },
            [self, run, e](caf::error&) { finish(self, run, e); });
}

// Runs `next` once every request of the fan-out has answered; the first failure ends the run.
void fetch_links(sync_pointer self, const run_ptr& run, const std::function<void()>& next) {
  auto& d = run->directory;
  auto failed = std::make_shared<bool>(false);
  auto gather = make_fan_in([failed, next] {
    if (!*failed) next();
  });
  const auto one_done = [gather]() { gather->release(); };
  const auto one_failed = [self, run, failed, gather](caf::error& e) {
    if (!std::exchange(*failed, true)) fail(self, run, e);
    gather->release();
  };
  gather->add(d.businesses.size() + d.practitioners.size());
  for (const auto& b : d.businesses)
    self->request(self->state.gateway, run->call.time_left(), roster_atom::value, b.id, run->call)
        .then(
            [run, one_done](business_roster& r) {
              run->directory.rosters.push_back(std::move(r));
              one_done();
            },
            one_failed);
  for (const auto& p : d.practitioners)
    self->request(self->state.gateway, run->call.time_left(), services_atom::value, p.id, run->call)
        .then(
            [run, one_done](practitioner_services& r) {
              run->directory.services.push_back(std::move(r));
              one_done();
            },
            one_failed);
  gather->release();
}

void save_directory(sync_pointer self, const run_ptr& run, const std::function<void()>& next) {
  self->request(self->state.local_copy, 60s, save_directory_atom::value, self->state.config.clinic,
                run->directory)
      .then(
          [self, run, next](local_counts& counts) {
            spdlog::info(
                "clinic {}: directory saved: {} locations, {} practitioners, {} services, {} "
                "offerings",
                self->state.config.clinic, counts.locations, counts.practitioners, counts.services,
                counts.offerings);
            run->report.directory_refreshed = true;
            run->after.directory_synced_at = run->started_wall;
            if (const auto& directory = self->state.listeners.directory)
              self->send(directory, invalidate_atom::value, self->state.config.clinic);
            next();
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

// Fetches one of the directory's lists into the run's snapshot, then `next`.
template <class T, class Atom>
void fetch_list(sync_pointer self, const run_ptr& run, Atom atom,
                std::vector<T> directory_snapshot::*into, const std::function<void()>& next) {
  self->request(self->state.gateway, run->call.time_left(), atom, run->call)
      .then(
          [run, into, next](std::vector<T>& records) {
            run->directory.*into = std::move(records);
            next();
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

// The account's settings and the three lists of the directory, in turn, then who works where
// and what each offers.
void sync_directory(sync_pointer self, const run_ptr& run, const std::function<void()>& next) {
  const auto save = [self, run, next] { save_directory(self, run, next); };
  const auto links = [self, run, save] { fetch_links(self, run, save); };
  const auto types = [self, run, links] {
    fetch_list(self, run, appointment_types_atom::value, &directory_snapshot::appointment_types,
               links);
  };
  const auto practitioners = [self, run, types] {
    fetch_list(self, run, practitioners_atom::value, &directory_snapshot::practitioners, types);
  };
  const auto businesses = [self, run, practitioners] {
    fetch_list(self, run, businesses_atom::value, &directory_snapshot::businesses, practitioners);
  };
  self->request(self->state.gateway, run->call.time_left(), settings_atom::value, run->call)
      .then(
          [run, businesses](account_settings& s) {
            run->directory.settings = std::move(s);
            businesses();
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

// Their calendars changed: free times known of them are stale (none given: everyone's).
void forget_times(sync_pointer self, const std::vector<std::string>& practitioners) {
  if (const auto& availability = self->state.listeners.availability)
    self->send(availability, invalidate_atom::value, self->state.config.clinic, practitioners);
}

void save_appointments(sync_pointer self, const run_ptr& run, bool whole,
                       const appointment_query& query, std::vector<appointment> found,
                       const std::function<void()>& next) {
  run->report.appointments_fetched = static_cast<std::int64_t>(found.size());
  spdlog::info("clinic {}: {} appointment(s) fetched", self->state.config.clinic, found.size());
  run->after.appointments_watermark =
      domain::next_watermark(found, whole, run->before.appointments_watermark, run->started_wall);
  // After a whole pass every practitioner's times are stale; after changes, those they touch.
  const auto changed = whole ? std::vector<std::string>{} : domain::practitioners_of(found);
  self->request(self->state.local_copy, 60s, save_appointments_atom::value,
                self->state.config.clinic, std::move(found),
                whole ? query.starts_from : unix_seconds{0})
      .then(
          [self, next, whole, changed](std::int64_t) {
            if (whole || !changed.empty()) forget_times(self, changed);
            next();
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

void sync_appointments(sync_pointer self, const run_ptr& run, const std::function<void()>& next) {
  const bool whole = domain::whole_appointment_pass(run->kind == sync_kind::full,
                                                    run->report.directory_refreshed, run->before);
  const auto query = domain::appointments_to_fetch(
      whole, run->before, run->started_wall,
      std::chrono::duration_cast<std::chrono::seconds>(self->state.config.look_back),
      std::chrono::duration_cast<std::chrono::seconds>(self->state.config.history));
  self->request(self->state.gateway, run->call.time_left(), appointments_atom::value, query,
                run->call)
      .then(
          [self, run, next, whole, query](std::vector<appointment>& found) {
            save_appointments(self, run, whole, query, std::move(found), next);
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

void sync_patients(sync_pointer self, const run_ptr& run, const std::function<void()>& next) {
  const auto since = domain::patients_since(run->kind == sync_kind::full, run->before);
  self->request(self->state.gateway, run->call.time_left(), patients_atom::value, since, run->call)
      .then(
          [self, run, next, since](std::vector<patient>& found) {
            run->report.patients_fetched = static_cast<std::int64_t>(found.size());
            spdlog::info("clinic {}: {} patient(s) fetched", self->state.config.clinic,
                         found.size());
            run->after.patients_watermark =
                domain::next_watermark(found, since == 0, since, run->started_wall);
            self->request(self->state.local_copy, 60s, save_patients_atom::value,
                          self->state.config.clinic, std::move(found), self->state.config.region)
                .then(
                    [run, next](std::int64_t unreadable) {
                      run->report.unreadable_numbers = unreadable;
                      next();
                    },
                    [self, run](caf::error& e) { fail(self, run, e); });
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

// The report is complete: those who asked hear of it.
void report(sync_pointer self, const run_ptr& run, const local_counts& counts,
            const actor_stats& gateway) {
  run->report.counts = counts;
  run->report.cliniko_requests = gateway.value("requests") - run->requests_before;
  run->report.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                self->state.config.clock.steady() - run->started)
                                .count();
  spdlog::info("clinic {}: {} sync done in {} ms with {} Cliniko requests",
               self->state.config.clinic, run->kind == sync_kind::full ? "full" : "incremental",
               run->report.duration_ms, run->report.cliniko_requests);
  finish(self, run, caf::error{});
}

// What the local copy holds now, and how many requests the gateway has sent.
void count(sync_pointer self, const run_ptr& run) {
  const auto on_error = [self, run](caf::error& e) { fail(self, run, e); };
  self->request(self->state.local_copy, 10s, counts_atom::value, self->state.config.clinic)
      .then(
          [self, run, on_error](local_counts& counts) {
            self->request(self->state.gateway, 10s, stats_atom::value)
                .then([self, run, counts](actor_stats& stats) { report(self, run, counts, stats); },
                      on_error);
          },
          on_error);
}

// Records where the sync now stands and reports what the local copy holds.
void conclude(sync_pointer self, const run_ptr& run) {
  run->after.last_success_at = run->started_wall;
  run->after.last_error.clear();
  self->state.last = run->after;
  self->request(self->state.local_copy, 10s, record_sync_atom::value, self->state.config.clinic,
                run->after)
      .then([self, run](bool) { count(self, run); },
            [self, run](caf::error& e) { fail(self, run, e); });
}

void run_steps(sync_pointer self, const run_ptr& run) {
  const auto due = domain::directory_due(
      run->kind == sync_kind::full, run->before, run->started_wall,
      std::chrono::duration_cast<std::chrono::seconds>(self->state.config.directory_every));
  const auto rest = [self, run] {
    sync_appointments(
        self, run, [self, run] { sync_patients(self, run, [self, run] { conclude(self, run); }); });
  };
  if (due) return sync_directory(self, run, rest);
  rest();
}

void start(sync_pointer self, sync_kind kind) {
  auto run = std::make_shared<sync_run>();
  run->kind = kind;
  run->report.kind = kind;
  run->call = call_options::within(self->state.config.deadline, priority::background);
  run->started = self->state.config.clock.steady();
  run->started_wall = now_of(self);
  self->state.running = run;
  self->request(self->state.gateway, 10s, stats_atom::value)
      .then([run](actor_stats& stats) { run->requests_before = stats.value("requests"); },
            self->state.failures.on_error("reading the gateway's requests before a sync"));
  self->request(self->state.local_copy, 10s, sync_state_atom::value, self->state.config.clinic)
      .then(
          [self, run](sync_state& before) {
            run->before = before;
            run->after = before;
            run_steps(self, run);
          },
          [self, run](caf::error& e) { fail(self, run, e); });
}

caf::result<sync_report> sync_now(sync_pointer self, sync_kind kind) {
  auto promise = self->make_response_promise<sync_report>();
  self->state.waiting.push_back({kind, promise});
  if (!self->state.running) start(self, kind);
  return promise;
}

void sync_if_stale(sync_pointer self, std::int64_t max_age_seconds) {
  if (self->state.running || !self->state.config.leading) return;
  if (!domain::is_stale(self->state.last.last_success_at, now_of(self), max_age_seconds)) return;
  start(self, sync_kind::incremental);
}

void tick(sync_pointer self) {
  if (!self->state.running && self->state.config.leading) start(self, sync_kind::incremental);
  self->delayed_send(self, self->state.config.every, tick_atom::value);
}

sync_actor::behavior_type sync(sync_pointer self, sync_config config, cliniko_gateway_actor gateway,
                               local_copy_actor local_copy, sync_listeners listeners) {
  auto& s = self->state;
  s.config = std::move(config);
  s.listeners = std::move(listeners);
  s.gateway = std::move(gateway);
  s.local_copy = std::move(local_copy);
  if (s.config.every.count() > 0) self->delayed_send(self, s.config.every, tick_atom::value);
  return {
      [self](sync_atom, sync_kind kind) { return sync_now(self, kind); },
      [self](sync_if_stale_atom, std::int64_t max_age_seconds) {
        sync_if_stale(self, max_age_seconds);
      },
      [self](stats_atom) {
        const auto& last = self->state.last;
        return actor_stats{"sync",
                           {{"last_success_at", last.last_success_at, stat_kind::gauge},
                            {"directory_synced_at", last.directory_synced_at, stat_kind::gauge},
                            {"failing", last.last_error.empty() ? 0 : 1, stat_kind::gauge},
                            {"leading", self->state.config.leading ? 1 : 0, stat_kind::gauge}},
                           {},
                           self->state.failures.metrics("sync")};
      },
      [self](lead_atom, bool leading) {
        self->state.config.leading = leading;
        // The last leader may have stopped mid-way: catch up unless a sync is recent.
        if (leading) sync_if_stale(self, self->state.config.every.count());
      },
      [self](tick_atom) { tick(self); },
  };
}

}  // namespace

sync_actor spawn_sync(caf::actor_system& system, sync_config config, cliniko_gateway_actor gateway,
                      local_copy_actor local_copy, sync_listeners listeners) {
  return system.spawn(sync, std::move(config), std::move(gateway), std::move(local_copy),
                      std::move(listeners));
}

}  // namespace frontdesk
