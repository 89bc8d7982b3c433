#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "domain/time_zone.hpp"

// How a search for the next free time spreads its questions, and which windows the background
// keeps warm: the availability actor asks Cliniko; these decide what.
namespace frontdesk::domain {

/// How many windows a round of a search asks of each source: one at first (the answer is usually
/// this week), then as many as keep a round within the connections a gateway holds open.
std::size_t round_width(std::size_t round, std::size_t open_sources, std::size_t connections);

/// What warming may spend in a minute: its share of the key's rate limit. Time is passed in.
class warm_allowance {
 public:
  using clock = std::chrono::steady_clock;
  explicit warm_allowance(std::int64_t per_minute = 0) : per_minute_(per_minute) {}

  /// What is left of this minute's share at `now`.
  std::int64_t left(clock::time_point now);
  void spend() { ++spent_; }

 private:
  std::int64_t per_minute_;
  clock::time_point minute_{};
  std::int64_t spent_ = 0;
};

/// One window of one source to fetch again.
struct warm_window {
  std::size_t source = 0;  // its place in the list warming was given
  date::sys_days window;
};

/// The windows to fetch in one round of warming, at most `budget`: nearest weeks first across
/// sources (every source's this week, then every source's next, ...), sources in the order given
/// (the most asked first), skipping windows fetched less than `refresh_after` ago (`age`: how
/// old a window's times are, nothing when none are kept).
std::vector<warm_window> windows_to_warm(
    const std::vector<std::vector<date::sys_days>>& windows, std::int64_t budget,
    std::chrono::seconds refresh_after,
    const std::function<std::optional<std::chrono::steady_clock::duration>(std::size_t,
                                                                           date::sys_days)>& age);

}  // namespace frontdesk::domain
