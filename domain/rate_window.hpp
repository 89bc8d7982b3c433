#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

// The arithmetic of a rolling-window rate limit ("200 requests in any 60 seconds").
namespace frontdesk::domain {

class rate_window {
 public:
  using clock = std::chrono::steady_clock;

  rate_window(int limit, clock::duration window) : limit_(limit), window_(window) {}

  /// Whether one more request may go at `now`.
  bool can_send(clock::time_point now);
  /// Records a request sent at `now`.
  void record(clock::time_point now);
  /// The earliest time a request could go when `ahead` others are waiting before it.
  clock::time_point next_opening(std::size_t ahead, clock::time_point now);
  /// Sends nothing before `until` (the server said its window resets then).
  void pause_until(clock::time_point until);
  /// Requests recorded within the window ending at `now`.
  int in_window(clock::time_point now);

  int limit() const { return limit_; }

 private:
  void forget_before(clock::time_point now);

  int limit_;
  clock::duration window_;
  std::deque<clock::time_point> sent_;
  clock::time_point paused_until_{};
};

}  // namespace frontdesk::domain
