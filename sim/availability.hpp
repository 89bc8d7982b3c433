#pragma once

#include <string_view>
#include <vector>

#include "domain/time_zone.hpp"
#include "sim/scenario.hpp"

// How the simulator works out free times: the roster cut into slots, less what is booked.
namespace frontdesk::sim {

/// A time a practitioner is already taken.
struct busy_period {
  domain::instant start;
  domain::instant end;
};

/// Starts of free slots of `duration` for the `shifts` (one practitioner at one business) on
/// local dates `from`..`to` in `zone`, skipping slots that overlap `busy` or start before
/// `not_before`, in time order.
std::vector<domain::instant> free_starts(const std::vector<shift>& shifts,
                                         domain::calendar_date from, domain::calendar_date to,
                                         std::chrono::minutes duration, std::string_view zone,
                                         const std::vector<busy_period>& busy,
                                         domain::instant not_before);

}  // namespace frontdesk::sim
