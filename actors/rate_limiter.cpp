#include "actors/rate_limiter.hpp"

#include <algorithm>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <deque>

#include "domain/rate_window.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using clock = std::chrono::steady_clock;

struct waiter {
  caf::typed_response_promise<std::int64_t> promise;
  clock::time_point deadline;
  clock::time_point since;
};

/// Grants from the budget every node shares, not yet used.
struct shared_grants {
  shared_budget_actor budget;
  std::string key_hash;
  std::int64_t held = 0;
  /// Grants not used by then are let go (they were counted when taken).
  clock::time_point held_until{};
  bool asking = false;
  /// Not asked again before this (the budget had none to give).
  clock::time_point ask_after{};
  /// The shared budget could not be reached: this node's own window decides until then.
  clock::time_point away_until{};
  std::int64_t asks = 0;
};

/// Grants live this long: long enough to be used, short enough that few are wasted.
constexpr auto grant_life = std::chrono::seconds{2};
constexpr auto ask_again_after = std::chrono::milliseconds{250};
constexpr auto budget_away_for = std::chrono::seconds{5};
constexpr std::int64_t most_taken_at_once = 10;

struct limiter_state {
  limiter_state() = default;
  std::unique_ptr<domain::rate_window> window;
  domain::clock clock{};
  shared_grants shared;
  /// Waiting callers, live calls first.
  std::deque<waiter> interactive;
  std::deque<waiter> background;
  clock::time_point next_tick = clock::time_point::max();
  struct {
    std::int64_t granted = 0;
    std::int64_t refused = 0;
    std::int64_t waited_ms = 0;
    std::int64_t waits = 0;
  } stats;
  static inline const char* name = "rate_limiter";

  std::size_t waiting_ahead_of(priority p) const {
    return interactive.size() + (p == priority::background ? background.size() : 0);
  }
};

using limiter_pointer = rate_limiter_actor::stateful_pointer<limiter_state>;

bool has_grant(const limiter_state& s, clock::time_point now) {
  const auto& g = s.shared;
  if (!g.budget || now < g.away_until) return true;
  return g.held > 0 && now < g.held_until;
}

std::int64_t grant(limiter_pointer self, clock::time_point since, clock::time_point now) {
  auto& g = self->state.shared;
  if (g.held > 0) --g.held;
  self->state.window->record(now);
  ++self->state.stats.granted;
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(now - since).count();
  self->state.stats.waited_ms += waited;
  if (waited > 0) ++self->state.stats.waits;
  return waited;
}

void arm(limiter_pointer self, clock::time_point at) {
  auto& s = self->state;
  const auto now = self->state.clock.steady();
  if (at >= s.next_tick && s.next_tick > now) return;  // an earlier tick is already on its way
  s.next_tick = at;
  self->delayed_send(self, std::max(clock::duration::zero(), at - now), tick_atom::value);
}

void take_shared(limiter_pointer self);

void refuse_before(limiter_pointer self, clock::time_point opening) {
  auto& s = self->state;
  for (auto* queue : {&s.interactive, &s.background})
    std::erase_if(*queue, [&](waiter& w) {
      if (w.deadline >= opening) return false;
      ++s.stats.refused;
      w.promise.deliver(make_error(error_code::cliniko_rate_limited,
                                   "the request budget is spent until after the deadline"));
      return true;
    });
}

// Serves waiting callers in order while the window has room and grants are held; gives up on
// those whose deadline passed; sets a timer for the next opening, or asks for more grants.
void serve_waiting(limiter_pointer self) {
  auto& s = self->state;
  const auto now = self->state.clock.steady();
  s.next_tick = clock::time_point::max();
  bool window_full = false, grants_out = false;
  for (auto* queue : {&s.interactive, &s.background}) {
    while (!queue->empty()) {
      auto& first = queue->front();
      if (first.deadline <= now) {
        ++s.stats.refused;
        first.promise.deliver(
            make_error(error_code::cliniko_rate_limited, "deadline passed waiting for the budget"));
      } else if (!s.window->can_send(now)) {
        window_full = true;
        break;
      } else if (!has_grant(s, now)) {
        grants_out = true;
        break;
      } else {
        first.promise.deliver(grant(self, first.since, now));
      }
      queue->pop_front();
    }
  }
  if (s.interactive.empty() && s.background.empty()) return;
  auto at = window_full ? s.window->next_opening(0, now) : clock::time_point::max();
  // Those whose deadline comes before the next opening hear "busy" now, not at their deadline.
  if (window_full) refuse_before(self, at);
  for (auto* queue : {&s.interactive, &s.background})
    for (const auto& w : *queue) at = std::min(at, w.deadline);
  arm(self, at);
  if (grants_out) take_shared(self);
}

// A few grants from the budget every node shares: as many as callers wait (up to ten).
void take_shared(limiter_pointer self) {
  auto& s = self->state;
  auto& g = s.shared;
  const auto now = s.clock.steady();
  if (g.asking) return;
  if (now < g.ask_after) return arm(self, g.ask_after);
  g.asking = true;
  ++g.asks;
  const auto waiting = static_cast<std::int64_t>(s.interactive.size() + s.background.size());
  const auto want = std::clamp(waiting, std::int64_t{1}, most_taken_at_once);
  self->request(g.budget, std::chrono::seconds{2}, take_atom::value, g.key_hash, want,
                s.interactive.empty())
      .then(
          [self](std::int64_t granted, std::int64_t not_before) {
            auto& s = self->state;
            const auto now = s.clock.steady();
            s.shared.asking = false;
            s.shared.held += granted;
            s.shared.held_until = now + grant_life;
            if (granted == 0) s.shared.ask_after = now + ask_again_after;
            if (not_before > 0) {
              const auto wait =
                  std::chrono::seconds{not_before - domain::seconds_of(s.clock.now())};
              s.window->pause_until(now + std::max<clock::duration>(wait, clock::duration::zero()));
            }
            serve_waiting(self);
          },
          [self](const caf::error&) {
            auto& s = self->state;
            s.shared.asking = false;
            s.shared.away_until = s.clock.steady() + budget_away_for;
            serve_waiting(self);
          });
}

caf::result<std::int64_t> acquire(limiter_pointer self, const call_options& call) {
  auto& s = self->state;
  const auto now = self->state.clock.steady();
  const auto ahead = s.waiting_ahead_of(call.urgency);
  if (ahead == 0 && s.window->can_send(now) && has_grant(s, now)) return grant(self, now, now);
  const auto opening = s.window->next_opening(ahead, now);
  if (opening > call.deadline()) {
    ++s.stats.refused;
    return make_error(error_code::cliniko_rate_limited,
                      "the request budget is spent until after the deadline");
  }
  auto& queue = call.urgency == priority::interactive ? s.interactive : s.background;
  queue.push_back({self->make_response_promise<std::int64_t>(), call.deadline(), now});
  auto promise = queue.back().promise;
  serve_waiting(self);
  return promise;
}

// Every node waits for Cliniko's reset, not only the one that heard the 429.
void pause(limiter_pointer self, std::int64_t reset_unix) {
  if (const auto& g = self->state.shared; g.budget)
    self->send(g.budget, pause_atom::value, g.key_hash, reset_unix);
  const auto wait = std::chrono::seconds{reset_unix - domain::seconds_of(self->state.clock.now())};
  self->state.window->pause_until(self->state.clock.steady() +
                                  std::max<clock::duration>(wait, std::chrono::seconds{1}));
  serve_waiting(self);
}

actor_stats stats_of(limiter_pointer self) {
  const auto& s = self->state;
  const auto waiting = static_cast<std::int64_t>(s.interactive.size() + s.background.size());
  const auto in_window = s.window->in_window(self->state.clock.steady());
  return {"rate_limiter",
          {{"granted", s.stats.granted},
           {"refused", s.stats.refused},
           {"waits", s.stats.waits},
           {"waiting", waiting, stat_kind::gauge},
           {"in_window", in_window, stat_kind::gauge},
           {"budget", std::max(0, s.window->limit() - in_window), stat_kind::gauge},
           {"waited_ms", s.stats.waited_ms},
           {"shared_asks", s.shared.asks}},
          {}};
}

rate_limiter_actor::behavior_type limiter(limiter_pointer self, const rate_limit& limit) {
  self->state.window =
      std::make_unique<domain::rate_window>(limit.requests, limit.window + limit.margin);
  self->state.clock = limit.clock;
  self->state.shared.budget = limit.shared;
  self->state.shared.key_hash = limit.key_hash;
  return {
      [self](acquire_atom, const call_options& call) { return acquire(self, call); },
      [self](pause_atom, std::int64_t reset_unix) { pause(self, reset_unix); },
      [self](stats_atom) { return stats_of(self); },
      [self](tick_atom) { serve_waiting(self); },
  };
}

}  // namespace

rate_limiter_actor spawn_rate_limiter(caf::actor_system& system, const rate_limit& limit) {
  return system.spawn(limiter, limit);
}

}  // namespace frontdesk
