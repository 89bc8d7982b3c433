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

struct limiter_state {
  limiter_state() = default;
  std::unique_ptr<domain::rate_window> window;
  domain::clock clock{};
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

std::int64_t grant(limiter_pointer self, clock::time_point since, clock::time_point now) {
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

// Serves waiting callers in order while the window has room; gives up on those whose deadline
// passed; sets a timer for the next opening.
void serve_waiting(limiter_pointer self) {
  auto& s = self->state;
  const auto now = self->state.clock.steady();
  s.next_tick = clock::time_point::max();
  for (auto* queue : {&s.interactive, &s.background}) {
    while (!queue->empty()) {
      auto& first = queue->front();
      if (first.deadline <= now) {
        ++s.stats.refused;
        first.promise.deliver(
            make_error(error_code::cliniko_rate_limited, "deadline passed waiting for the budget"));
      } else if (s.window->can_send(now)) {
        first.promise.deliver(grant(self, first.since, now));
      } else {
        break;
      }
      queue->pop_front();
    }
  }
  if (!s.interactive.empty() || !s.background.empty()) {
    auto at = s.window->next_opening(0, now);
    for (auto* queue : {&s.interactive, &s.background})
      for (const auto& w : *queue) at = std::min(at, w.deadline);
    arm(self, at);
  }
}

caf::result<std::int64_t> acquire(limiter_pointer self, const call_options& call) {
  auto& s = self->state;
  const auto now = self->state.clock.steady();
  const auto ahead = s.waiting_ahead_of(call.urgency);
  if (ahead == 0 && s.window->can_send(now)) return grant(self, now, now);
  const auto opening = s.window->next_opening(ahead, now);
  if (opening > call.deadline()) {
    ++s.stats.refused;
    return make_error(error_code::cliniko_rate_limited,
                      "the request budget is spent until after the deadline");
  }
  auto& queue = call.urgency == priority::interactive ? s.interactive : s.background;
  queue.push_back({self->make_response_promise<std::int64_t>(), call.deadline(), now});
  arm(self, opening);
  return queue.back().promise;
}

void pause(limiter_pointer self, std::int64_t reset_unix) {
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
           {"waited_ms", s.stats.waited_ms}},
          {}};
}

rate_limiter_actor::behavior_type limiter(limiter_pointer self, const rate_limit& limit) {
  self->state.window =
      std::make_unique<domain::rate_window>(limit.requests, limit.window + limit.margin);
  self->state.clock = limit.clock;
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
