#pragma once

#include <chrono>
#include <functional>

#include "domain/time_zone.hpp"

namespace frontdesk::domain {

/// The system's wall clock, to the second.
inline instant system_now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

/// Where an actor reads the time. No actor reads the system's clocks itself: a test or a replay
/// sets these, and the actor decides as it did.
struct clock {
  /// The wall clock: "today", "not before now", when a record was made or is due.
  std::function<instant()> now = system_now;
  /// A steady clock: how long something has been kept, or waited for.
  std::function<std::chrono::steady_clock::time_point()> steady = [] {
    return std::chrono::steady_clock::now();
  };
};

}  // namespace frontdesk::domain
