#include "actors/availability.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <functional>
#include <memory>
#include <set>

#include "messages/error.hpp"

namespace frontdesk {
namespace {

using domain::calendar_date;
using domain::instant;
using domain::offering;
using clock = std::chrono::steady_clock;
using times = std::vector<instant>;

template <class T>
using then_fn = std::function<void(caf::expected<T>)>;

// Fetches under way, each joined by everyone who needs its answer meanwhile.
template <class Key, class T>
struct joined_fetches {
  std::map<Key, std::vector<then_fn<T>>> waiting;

  /// Whether the caller is the first to ask, and so must start the fetch.
  bool join(const Key& key, then_fn<T> then) {
    auto& list = waiting[key];
    list.push_back(std::move(then));
    return list.size() == 1;
  }

  void settle(const Key& key, const caf::expected<T>& result) {
    auto node = waiting.extract(key);
    if (node.empty()) return;
    for (auto& then : node.mapped()) then(result);
  }
};

using window_key = std::tuple<clinic_id, offering, date::sys_days>;
using first_key = std::tuple<clinic_id, offering, date::sys_days, date::sys_days>;

struct availability_state {
  availability_state() = default;
  availability_config config;
  domain::slot_cache cache;
  joined_fetches<window_key, times> windows;
  joined_fetches<first_key, std::optional<instant>> firsts;
  /// Clinics whose Cliniko refused a next-free-time question wider than a window: they are
  /// searched window by window.
  std::set<clinic_id> narrow_search;
  static inline const char* name = "availability";
};

using availability_pointer = availability_actor::stateful_pointer<availability_state>;

using domain::at;

calendar_date today_of(const offering& source, unix_seconds now) {
  return domain::local_date(at(now), source.zone);
}

slot_query query_of(const offering& s, calendar_date from, calendar_date to) {
  return {s.location_id, s.practitioner_id, s.service_id, domain::format_date(from),
          domain::format_date(to)};
}

caf::error no_gateway(clinic_id clinic) {
  return make_error(error_code::unknown_clinic,
                    "no Cliniko gateway for clinic " + std::to_string(clinic));
}

// The free times of one source in one window: cached, joined to a fetch under way, or fetched.
void with_window(availability_pointer self, clinic_id clinic, const offering& source,
                 date::sys_days window, calendar_date today, const call_options& call,
                 then_fn<times> then) {
  auto& s = self->state;
  const calendar_date from{std::max(window, date::sys_days{today})};
  if (const auto* cached =
          s.cache.window(clinic, source, window, from, self->state.config.clock.steady()))
    return then(*cached);
  const window_key key{clinic, source, window};
  if (!s.windows.join(key, std::move(then))) return;
  const auto gateway = s.config.gateways.find(clinic);
  if (gateway == s.config.gateways.end()) return s.windows.settle(key, no_gateway(clinic));
  const calendar_date last{window + date::days{domain::window_days - 1}};
  self->request(gateway->second, call.time_left(), available_times_atom::value,
                query_of(source, from, last), call)
      .then(
          [self, key, clinic, source, window, from](std::vector<unix_seconds>& found) {
            times fetched;
            for (const auto t : found) fetched.push_back(at(t));
            self->state.cache.store_window(clinic, source, window, from, fetched,
                                           self->state.config.clock.steady());
            self->state.windows.settle(key, fetched);
          },
          [self, key](caf::error& e) { self->state.windows.settle(key, std::move(e)); });
}

// Counts the answers a fan-out still waits for; `done` runs once, after the last.
struct fan_in {
  std::size_t pending = 1;  // the caller's own hold, released by release()
  std::function<void()> done;

  void add() { ++pending; }
  void release() {
    if (--pending == 0) done();
  }
};

// The usable times of `found` on `source`'s local dates from..to.
times usable_between(availability_pointer self, clinic_id clinic, const offering& source,
                     const times& found, calendar_date from, calendar_date to,
                     unix_seconds not_before) {
  times out;
  for (const auto t : self->state.cache.usable(clinic, source.practitioner_id, found,
                                               at(not_before), self->state.config.clock.steady())) {
    const auto day = date::sys_days{domain::local_date(t, source.zone)};
    if (day >= date::sys_days{from} && day <= date::sys_days{to}) out.push_back(t);
  }
  return out;
}

caf::result<times_reply> times_of(availability_pointer self, const slot_request& r) {
  auto rp = self->make_response_promise<times_reply>();
  auto reply = std::make_shared<times_reply>();
  reply->times.resize(r.sources.size());
  auto failure = std::make_shared<caf::error>();
  auto missing = std::make_shared<std::vector<bool>>(r.sources.size(), false);
  auto gather = std::make_shared<fan_in>();
  gather->done = [rp, reply, failure, missing]() mutable {
    reply->unanswered = std::count(missing->begin(), missing->end(), true);
    if (!missing->empty() && reply->unanswered == static_cast<std::int64_t>(missing->size()))
      rp.deliver(*failure);
    else
      rp.deliver(std::move(*reply));
  };
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    const auto& source = r.sources[i];
    const auto today = today_of(source, r.not_before);
    const calendar_date from{std::max(date::sys_days{r.from}, date::sys_days{today})};
    for (const auto window : domain::windows_between(from, r.to)) {
      gather->add();
      with_window(self, r.clinic, source, window, today, r.call, [=](caf::expected<times> found) {
        if (found) {
          auto& out = reply->times[i];
          for (const auto t :
               usable_between(self, r.clinic, source, *found, from, r.to, r.not_before))
            out.push_back(domain::seconds_of(t));
          std::sort(out.begin(), out.end());
        } else {
          (*missing)[i] = true;
          *failure = std::move(found.error());
        }
        gather->release();
      });
    }
  }
  gather->release();
  return rp;
}

// Looks window by window, in order, and stops at the first usable time.
void scan_windows(availability_pointer self, const slot_request& r, const offering& source,
                  calendar_date from, std::vector<date::sys_days> windows, std::size_t next,
                  const then_fn<std::optional<instant>>& then) {
  if (next == windows.size()) return then(std::optional<instant>{});
  const auto today = today_of(source, r.not_before);
  with_window(self, r.clinic, source, windows[next], today, r.call,
              [=](caf::expected<times> found) {
                if (!found) return then(std::move(found.error()));
                const auto usable =
                    usable_between(self, r.clinic, source, *found, from, r.to, r.not_before);
                if (!usable.empty()) return then(std::optional<instant>{usable.front()});
                scan_windows(self, r, source, from, windows, next + 1, then);
              });
}

// Whether `t` can be offered (nothing found can always be said): not failed lately, and not
// before the caller's now.
bool offerable(availability_pointer self, const slot_request& r, const offering& source,
               const std::optional<instant>& t) {
  return !t || !self->state.cache
                    .usable(r.clinic, source.practitioner_id, {*t}, at(r.not_before),
                            self->state.config.clock.steady())
                    .empty();
}

// Asks Cliniko for the first free time of `source` from `from` on; all who joined `key` hear.
void fetch_first(availability_pointer self, const slot_request& r, const offering& source,
                 calendar_date from, const first_key& key) {
  auto& s = self->state;
  const auto gateway = s.config.gateways.find(r.clinic);
  if (gateway == s.config.gateways.end()) return s.firsts.settle(key, no_gateway(r.clinic));
  self->request(gateway->second, r.call.time_left(), next_available_atom::value,
                query_of(source, from, r.to), r.call)
      .then(
          [self, key, r, source, from](unix_seconds start) {
            const auto first = start > 0 ? std::optional<instant>{at(start)} : std::nullopt;
            self->state.cache.store_first(r.clinic, source, from, r.to, first,
                                          self->state.config.clock.steady());
            self->state.firsts.settle(key, first);
          },
          [self, key](caf::error& e) { self->state.firsts.settle(key, std::move(e)); });
}

// The first free time of one source from Cliniko's next-free-time answer for the whole range;
// when that time cannot be offered, or Cliniko will not answer so wide a question, by windows.
void first_of(availability_pointer self, const slot_request& r, const offering& source,
              const then_fn<std::optional<instant>>& then) {
  auto& s = self->state;
  const auto today = today_of(source, r.not_before);
  const calendar_date from{std::max(date::sys_days{r.from}, date::sys_days{today})};
  if (date::sys_days{from} > date::sys_days{r.to}) return then(std::optional<instant>{});
  const auto by_windows = [=] {
    scan_windows(self, r, source, from, domain::windows_between(from, r.to), 0, then);
  };
  if (s.narrow_search.count(r.clinic)) return by_windows();
  if (auto known = s.cache.first(r.clinic, source, from, r.to, s.config.clock.steady()))
    return offerable(self, r, source, *known) ? then(*known) : by_windows();
  const auto settled = [=](caf::expected<std::optional<instant>> first) {
    if (first && !offerable(self, r, source, *first)) return by_windows();
    if (!first && code_of(first.error()) == error_code::invalid_request) {
      self->state.narrow_search.insert(r.clinic);
      return by_windows();
    }
    then(std::move(first));
  };
  const first_key key{r.clinic, source, date::sys_days{from}, date::sys_days{r.to}};
  if (s.firsts.join(key, settled)) fetch_first(self, r, source, from, key);
}

caf::result<found_slot> search(availability_pointer self, const slot_request& r) {
  auto rp = self->make_response_promise<found_slot>();
  auto best = std::make_shared<found_slot>();
  auto failure = std::make_shared<caf::error>();
  auto gather = std::make_shared<fan_in>();
  gather->done = [rp, best, failure, count = r.sources.size()]() mutable {
    if (count > 0 && best->unanswered == static_cast<std::int64_t>(count))
      rp.deliver(*failure);
    else
      rp.deliver(std::move(*best));
  };
  for (const auto& source : r.sources) {
    gather->add();
    first_of(self, r, source, [=](caf::expected<std::optional<instant>> first) {
      if (!first) {
        ++best->unanswered;
        *failure = std::move(first.error());
      } else if (*first) {
        const auto start = domain::seconds_of(**first);
        if (best->start == 0 || start < best->start) {
          best->start = start;
          best->source = source;
        }
      }
      gather->release();
    });
  }
  gather->release();
  return rp;
}

actor_stats stats_of(const availability_state& s) {
  return {"availability",
          {},
          {{"free_times", s.cache.window_counters()},
           {"next_available", s.cache.first_counters()},
           {"failed_times", {s.cache.failed_count(s.config.clock.steady()), 0, 0}}}};
}

availability_actor::behavior_type availability(availability_pointer self,
                                               availability_config config) {
  self->state.cache = domain::slot_cache{config.cache};
  self->state.config = std::move(config);
  return {
      [self](available_times_atom, const slot_request& r) { return times_of(self, r); },
      [self](next_available_atom, const slot_request& r) { return search(self, r); },
      [self](failed_atom, clinic_id clinic, const std::string& practitioner, unix_seconds start) {
        self->state.cache.remember_failed(clinic, practitioner, at(start),
                                          self->state.config.clock.steady());
      },
      [self](invalidate_atom, clinic_id clinic, const std::vector<std::string>& practitioners) {
        self->state.cache.forget(clinic, practitioners);
      },
      [self](stats_atom) { return stats_of(self->state); },
  };
}

}  // namespace

availability_actor spawn_availability(caf::actor_system& system, availability_config config) {
  return system.spawn(availability, std::move(config));
}

}  // namespace frontdesk
