#include "sim/availability.hpp"

#include <algorithm>

namespace frontdesk::sim {

std::vector<domain::instant> free_starts(const std::vector<shift>& shifts,
                                         domain::calendar_date from, domain::calendar_date to,
                                         std::chrono::minutes duration, std::string_view zone,
                                         const std::vector<busy_period>& busy,
                                         domain::instant not_before) {
  std::vector<domain::instant> starts;
  const auto overlaps = [&](domain::instant start) {
    const auto end = start + duration;
    return std::any_of(busy.begin(), busy.end(),
                       [&](const busy_period& b) { return start < b.end && b.start < end; });
  };
  for (auto day = date::sys_days{from}; day <= date::sys_days{to}; day += date::days{1}) {
    const auto weekday = date::weekday{day}.c_encoding();
    for (const auto& s : shifts) {
      if (s.weekday != weekday) continue;
      for (auto minute = std::chrono::minutes{s.start_minute};
           minute + duration <= std::chrono::minutes{s.end_minute}; minute += duration) {
        const auto start = domain::at_local_time(date::year_month_day{day}, minute, zone);
        if (start >= not_before && !overlaps(start)) starts.push_back(start);
      }
    }
  }
  std::sort(starts.begin(), starts.end());
  return starts;
}

}  // namespace frontdesk::sim
