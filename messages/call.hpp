#pragma once

#include <algorithm>
#include <caf/meta/type_name.hpp>
#include <chrono>
#include <cstdint>

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

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, call_options& x) {
  return f(caf::meta::type_name("call_options"), x.urgency, x.deadline_ns);
}

}  // namespace frontdesk
