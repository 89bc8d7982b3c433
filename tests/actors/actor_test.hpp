#pragma once

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/expected.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "domain/clock.hpp"
#include "domain/directory.hpp"

// Actors on CAF's deterministic scheduler: every message runs on the test's thread, one at a
// time, in order, and timers fire only when the test moves the clock. Nothing runs outside the
// test process: collaborators are stand-ins that answer as each test says.
namespace frontdesk::actor_testing {

/// "2026-11-25T22:30:00Z" as UNIX seconds, as Cliniko's records keep them.
inline std::int64_t utc(const char* text) {
  return domain::seconds_of(*domain::parse_instant(text));
}

/// The clinic of the actor tests, and Dr Chen's Initial Consultation at its Bondi Junction.
inline constexpr std::int64_t clinic = 1;
inline const char* const sydney = "Australia/Sydney";
inline const domain::offering chen{"11", "21", "31", sydney};

struct deterministic_config : caf::actor_system_config {
  deterministic_config() { set("scheduler.policy", caf::atom("testing")); }
};

/// A wall clock and a steady clock that move only when the test moves them.
struct test_clock {
  domain::instant now = domain::instant{std::chrono::seconds{0}};
  std::chrono::steady_clock::time_point steady{};

  /// A domain::clock reading this one.
  domain::clock reader() {
    return {[this] { return now; }, [this] { return steady; }};
  }
  void advance(std::chrono::seconds by) {
    now += by;
    steady += by;
  }
};

class actor_test : public ::testing::Test {
 protected:
  // Stand-ins and the actors under test stay alive at the end of a test; they are not waited for.
  actor_test() { system.await_actors_before_shutdown(false); }

  /// Runs every message until none is left.
  void run() { scheduler().run(); }

  /// Moves CAF's clock (delayed messages and request timeouts) and runs what falls due.
  void advance(caf::timespan by) {
    scheduler().advance_time(by);
    run();
  }

  caf::scheduler::test_coordinator& scheduler() {
    return dynamic_cast<caf::scheduler::test_coordinator&>(system.scheduler());
  }

  /// Asks `to` and runs until it answered: the value, or the error it gave. A question nobody
  /// answered is a failed expectation.
  template <class T, class Handle, class... Ts>
  caf::expected<T> ask(const Handle& to, Ts... xs) {
    auto result = std::make_shared<std::optional<caf::expected<T>>>();
    // One argument, unused: CAF 0.17 dereferences the empty argument tuple of an actor spawned
    // without any (undefined behaviour that UBSan halts on).
    system.spawn(
        [=](caf::event_based_actor* self, int) {
          self->request(to, caf::infinite, xs...)
              .then([result](T& value) { *result = std::move(value); },
                    [result](caf::error& e) { *result = std::move(e); });
        },
        0);
    run();
    if (!*result) {
      ADD_FAILURE() << "no answer";
      return caf::expected<T>{caf::error{}};
    }
    return std::move(**result);
  }

  test_clock clock;
  deterministic_config cfg;
  caf::actor_system system{cfg};
};

}  // namespace frontdesk::actor_testing
