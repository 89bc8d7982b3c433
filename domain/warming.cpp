#include "domain/warming.hpp"

#include <algorithm>

namespace frontdesk::domain {

std::size_t round_width(std::size_t round, std::size_t open_sources, std::size_t connections) {
  if (round == 0) return 1;
  return std::max<std::size_t>(1, connections / std::max<std::size_t>(1, open_sources));
}

std::int64_t warm_allowance::left(clock::time_point now) {
  if (now - minute_ >= std::chrono::minutes{1}) {
    minute_ = now;
    spent_ = 0;
  }
  return per_minute_ - spent_;
}

std::vector<warm_window> windows_to_warm(
    const std::vector<std::vector<date::sys_days>>& windows, std::int64_t budget,
    std::chrono::seconds refresh_after,
    const std::function<std::optional<std::chrono::steady_clock::duration>(std::size_t,
                                                                           date::sys_days)>& age) {
  std::vector<warm_window> out;
  for (std::size_t week = 0; budget > 0; ++week) {
    bool more = false;
    for (std::size_t i = 0; i < windows.size() && budget > 0; ++i) {
      if (week >= windows[i].size()) continue;
      more = true;
      const auto old = age(i, windows[i][week]);
      if (old && *old < refresh_after) continue;
      --budget;
      out.push_back({i, windows[i][week]});
    }
    if (!more) break;
  }
  return out;
}

}  // namespace frontdesk::domain
