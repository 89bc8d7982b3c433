#include "actors/availability.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <functional>
#include <memory>
#include <set>

#include "actors/fan_in.hpp"
#include "domain/warming.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using domain::calendar_date;
using domain::instant;
using domain::offering;
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

/// How the answers went: from the cache alone, or after waiting on Cliniko; and how old the free
/// times read out were.
struct answer_counts {
  std::int64_t answers = 0;
  std::int64_t waited = 0;
  std::int64_t age_ms_sum = 0;
  std::int64_t age_ms_max = 0;
};

struct availability_state {
  availability_state() = default;
  availability_config config;
  domain::slot_cache cache;
  joined_fetches<window_key, domain::slot_cache::window_times> windows;
  answer_counts counts;
  domain::demand asked;
  std::int64_t warm_requests = 0;
  /// What warming may still spend this minute.
  domain::warm_allowance warm_budget;
  /// The clinics this node leads (read when warming is led).
  std::set<clinic_id> led;
  static inline const char* name = "availability";
};

/// The actor as it runs: its interface, and the tick by which it keeps free times warm.
using warming_actor = availability_actor::extend<caf::reacts_to<tick_atom>>;
using availability_pointer = warming_actor::stateful_pointer<availability_state>;

using domain::at;
using window_times = domain::slot_cache::window_times;

/// The account's zone, in which Cliniko reads the dates of availability queries.
std::string_view account_zone_of(const offering& source) {
  return source.account_zone.empty() ? std::string_view{source.zone}
                                     : std::string_view{source.account_zone};
}

calendar_date account_today(const offering& source, unix_seconds now) {
  return domain::local_date(at(now), account_zone_of(source));
}

// The windows of the account's dates that hold the source's local dates from..to.
std::vector<date::sys_days> windows_for(const offering& source, calendar_date from,
                                        calendar_date to, unix_seconds now) {
  const auto [first, last] = domain::account_dates(from, to, source.zone, source.account_zone);
  return domain::windows_between(first, last, account_today(source, now));
}

slot_query query_of(const offering& s, date::sys_days window) {
  return {s.location_id, s.practitioner_id, s.service_id,
          domain::format_date(calendar_date{window}),
          domain::format_date(calendar_date{window + date::days{domain::window_days - 1}})};
}

caf::error no_gateway(clinic_id clinic) {
  return make_error(error_code::unknown_clinic,
                    "no Cliniko gateway for clinic " + std::to_string(clinic));
}

// How one request is going: whether it waited on Cliniko, and the oldest times it read.
struct answer_trace {
  bool waited = false;
  std::chrono::milliseconds oldest{0};
};
using trace_ptr = std::shared_ptr<answer_trace>;

void count_answer(availability_pointer self, const answer_trace& t) {
  auto& c = self->state.counts;
  ++c.answers;
  if (t.waited) ++c.waited;
  c.age_ms_sum += t.oldest.count();
  c.age_ms_max = std::max<std::int64_t>(c.age_ms_max, t.oldest.count());
}

// Fetches one window from Cliniko into the cache; who asks while it is under way joins it.
void fetch_window(availability_pointer self, clinic_id clinic, const offering& source,
                  date::sys_days window, const call_options& call, then_fn<window_times> then) {
  auto& s = self->state;
  const window_key key{clinic, source, window};
  if (!s.windows.join(key, std::move(then))) return;
  const auto gateway = s.config.gateways.find(clinic);
  if (gateway == s.config.gateways.end()) return s.windows.settle(key, no_gateway(clinic));
  self->request(gateway->second, call.time_left(), available_times_atom::value,
                query_of(source, window), call)
      .then(
          [self, key, clinic, source, window](std::vector<unix_seconds>& found) {
            times fetched;
            for (const auto t : found) fetched.push_back(at(t));
            const auto now = self->state.config.clock.steady();
            self->state.cache.store_window(clinic, source, window, fetched, now);
            self->state.windows.settle(key, window_times{std::move(fetched), now});
          },
          [self, key](caf::error& e) { self->state.windows.settle(key, std::move(e)); });
}

// The free times of one source in one window: cached, joined to a fetch under way, or fetched.
void with_window(availability_pointer self, clinic_id clinic, const offering& source,
                 date::sys_days window, const call_options& call, const trace_ptr& trace,
                 const then_fn<times>& then) {
  auto& s = self->state;
  const auto now = s.config.clock.steady();
  const auto read = [self, trace, then](caf::expected<window_times> found) {
    if (!found) return then(std::move(found.error()));
    const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(
        self->state.config.clock.steady() - found->fetched);
    trace->oldest = std::max(trace->oldest, age);
    then(found->times);
  };
  if (const auto* cached = s.cache.window(clinic, source, window, now)) return read(*cached);
  trace->waited = true;
  fetch_window(self, clinic, source, window, call, read);
}

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
  auto trace = std::make_shared<answer_trace>();
  auto gather = make_fan_in([self, rp, reply, failure, missing, trace]() mutable {
    count_answer(self, *trace);
    reply->unanswered = std::count(missing->begin(), missing->end(), true);
    reply->waited = trace->waited;
    if (!missing->empty() && reply->unanswered == static_cast<std::int64_t>(missing->size()))
      rp.deliver(*failure);
    else
      rp.deliver(std::move(*reply));
  });
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    const auto& source = r.sources[i];
    self->state.asked.asked(r.clinic, source, self->state.config.clock.steady());
    for (const auto window : windows_for(source, r.from, r.to, r.not_before)) {
      gather->add();
      with_window(self, r.clinic, source, window, r.call, trace, [=](caf::expected<times> found) {
        if (found) {
          auto& out = reply->times[i];
          for (const auto t :
               usable_between(self, r.clinic, source, *found, r.from, r.to, r.not_before))
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

// ---- the earliest free time of any source ----

/// One search for the earliest time, round by round: each round asks every source still open
/// for its next windows at once; the first round that finds a time ends it, since every source
/// has then been searched up to that window.
struct search_state {
  slot_request request;
  std::vector<std::vector<date::sys_days>> windows;  // per source
  std::vector<bool> failed;                          // per source
  std::size_t next = 0;                              // first window of the next round
  found_slot best;
  caf::error failure;
  trace_ptr trace = std::make_shared<answer_trace>();
  caf::typed_response_promise<found_slot> promise;
};
using search_ptr = std::shared_ptr<search_state>;

void finish_search(availability_pointer self, const search_ptr& s) {
  count_answer(self, *s->trace);
  s->best.unanswered = std::count(s->failed.begin(), s->failed.end(), true);
  s->best.waited = s->trace->waited;
  if (!s->failed.empty() && s->best.unanswered == static_cast<std::int64_t>(s->failed.size()))
    s->promise.deliver(s->failure);
  else
    s->promise.deliver(s->best);
}

void search_round(availability_pointer self, const search_ptr& s) {
  const auto& r = s->request;
  const auto open = static_cast<std::size_t>(std::count(s->failed.begin(), s->failed.end(), false));
  const auto width = domain::round_width(s->next, open, self->state.config.connections);
  const auto first = s->next;
  s->next += width;
  auto gather = make_fan_in([self, s] {
    const bool more = std::any_of(s->windows.begin(), s->windows.end(),
                                  [&](const auto& w) { return w.size() > s->next; });
    if (s->best.start != 0 || !more) return finish_search(self, s);
    search_round(self, s);
  });
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    if (s->failed[i]) continue;
    const auto& source = r.sources[i];
    for (auto w = first; w < first + width && w < s->windows[i].size(); ++w) {
      gather->add();
      with_window(self, r.clinic, source, s->windows[i][w], r.call, s->trace,
                  [self, s, i, gather](caf::expected<times> found) {
                    const auto& req = s->request;
                    const auto& src = req.sources[i];
                    if (!found) {
                      s->failed[i] = true;
                      s->failure = std::move(found.error());
                    } else if (const auto usable = usable_between(self, req.clinic, src, *found,
                                                                  req.from, req.to, req.not_before);
                               !usable.empty()) {
                      const auto start = domain::seconds_of(usable.front());
                      if (s->best.start == 0 || start < s->best.start) {
                        s->best.start = start;
                        s->best.source = src;
                      }
                    }
                    gather->release();
                  });
    }
  }
  gather->release();
}

caf::result<found_slot> search(availability_pointer self, const slot_request& r) {
  auto s = std::make_shared<search_state>();
  s->request = r;
  s->failed.assign(r.sources.size(), false);
  for (const auto& source : r.sources) {
    self->state.asked.asked(r.clinic, source, self->state.config.clock.steady());
    s->windows.push_back(windows_for(source, r.from, r.to, r.not_before));
  }
  s->promise = self->make_response_promise<found_slot>();
  search_round(self, s);
  return s->promise;
}

// ---- keeping free times warm ----

// One round of warming: what domain::windows_to_warm picks of the most asked sources, within the
// minute's share of the rate budget, at background priority (live calls go first).
void warm(availability_pointer self) {
  auto& s = self->state;
  const auto& w = s.config.warm;
  if (w.every.count() == 0) return;
  const auto now = s.config.clock.steady();
  const auto wall = domain::seconds_of(s.config.clock.now());
  auto sources = s.asked.most_asked(now, 1000);
  if (w.only_led)
    std::erase_if(sources, [&](const auto& source) { return s.led.count(source.first) == 0; });
  std::vector<std::vector<date::sys_days>> windows;
  for (const auto& [clinic, source] : sources) {
    const auto today = account_today(source, wall);
    windows.push_back(windows_for(source, today, domain::plus_days(today, w.days - 1), wall));
  }
  const auto age = [&](std::size_t i, date::sys_days window) {
    return s.cache.age(sources[i].first, sources[i].second, window, now);
  };
  for (const auto& pick :
       domain::windows_to_warm(windows, s.warm_budget.left(now), w.refresh_after, age)) {
    s.warm_budget.spend();
    ++s.warm_requests;
    const auto& [clinic, source] = sources[pick.source];
    fetch_window(self, clinic, source, pick.window,
                 call_options::within(std::chrono::seconds{30}, priority::background),
                 [](const caf::expected<window_times>&) {});
  }
}

// The share of answers that waited on Cliniko is given as well as both counts: a dashboard
// without PromQL at hand reads it as it is.
actor_stats stats_of(const availability_state& s) {
  const auto& c = s.counts;
  metric waited_share{"availability_waited_on_cliniko_ratio",
                      "Share of availability answers since start that waited on Cliniko.",
                      metric_kind::gauge};
  waited_share.value =
      c.answers > 0 ? static_cast<double>(c.waited) / static_cast<double>(c.answers) : 0.0;
  return {"availability",
          {{"answers", c.answers},
           {"warm_requests", s.warm_requests},
           {"answers_waited_on_cliniko", c.waited},
           {"read_age_ms_sum", c.age_ms_sum},
           {"read_age_ms_max", c.age_ms_max, stat_kind::gauge}},
          {{"free_times", s.cache.window_counters()},
           {"failed_times", {s.cache.failed_count(s.config.clock.steady()), 0, 0}}},
          {std::move(waited_share)}};
}

warming_actor::behavior_type availability(availability_pointer self, availability_config config) {
  self->state.cache = domain::slot_cache{config.cache};
  self->state.warm_budget = domain::warm_allowance{
      static_cast<std::int64_t>(config.warm.share * static_cast<double>(config.warm.rate_limit))};
  self->state.asked = domain::demand{config.warm.half_life};
  self->state.config = std::move(config);
  if (self->state.config.warm.every.count() > 0)
    self->delayed_send(self, self->state.config.warm.every, tick_atom::value);
  return {
      [self](available_times_atom, const slot_request& r) { return times_of(self, r); },
      [self](next_available_atom, const slot_request& r) { return search(self, r); },
      [self](failed_atom, clinic_id clinic, const std::string& practitioner, unix_seconds start) {
        self->state.cache.remember_failed(clinic, practitioner, at(start),
                                          self->state.config.clock.steady());
      },
      [self](invalidate_atom, clinic_id clinic, const std::vector<std::string>& practitioners) {
        self->state.cache.forget(clinic, practitioners);
        warm(self);  // calendars that changed are fetched again before a caller asks
      },
      [self](offerings_atom, clinic_id clinic, std::vector<offering>& offered) {
        std::erase_if(offered, [](const offering& o) { return !o.online; });  // no times to have
        self->state.asked.know(clinic, std::move(offered));
        warm(self);
      },
      [self](lead_atom, clinic_id clinic, bool leads) {
        if (leads)
          self->state.led.insert(clinic);
        else
          self->state.led.erase(clinic);
        warm(self);
      },
      [self](stats_atom) { return stats_of(self->state); },
      [self](tick_atom) {
        warm(self);  // every `every`, within the minute's share
        self->delayed_send(self, self->state.config.warm.every, tick_atom::value);
      },
  };
}

}  // namespace

availability_actor spawn_availability(caf::actor_system& system, availability_config config) {
  return system.spawn(availability, std::move(config));
}

}  // namespace frontdesk
