#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "messages/fields.hpp"

// What every call to Cliniko carries: how urgent it is, and when the caller stops waiting.
namespace frontdesk {

enum class priority : std::uint8_t {
  /// A caller is on the line: goes first.
  interactive = 0,
  /// Sync and other background work: uses what live calls leave.
  background = 1,
};

struct call_options {
  priority urgency = priority::interactive;
  /// steady_clock nanoseconds since its epoch; the caller has given up after this.
  std::int64_t deadline_ns = 0;

  static call_options within(std::chrono::milliseconds budget, priority urgency) {
    const auto at = std::chrono::steady_clock::now() + budget;
    return {urgency,
            std::chrono::duration_cast<std::chrono::nanoseconds>(at.time_since_epoch()).count()};
  }

  std::chrono::steady_clock::time_point deadline() const {
    return std::chrono::steady_clock::time_point{std::chrono::nanoseconds{deadline_ns}};
  }

  /// Time left before the deadline (zero when it has passed).
  std::chrono::milliseconds time_left() const {
    const auto left = deadline() - std::chrono::steady_clock::now();
    return std::max(std::chrono::milliseconds{0},
                    std::chrono::duration_cast<std::chrono::milliseconds>(left));
  }
};

constexpr auto fields(const call_options*) {
  return record_fields{"call_options", field{"urgency", &call_options::urgency},
                       field{"deadline_ns", &call_options::deadline_ns, not_recorded}};
}

}  // namespace frontdesk
