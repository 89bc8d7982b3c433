#include "messages/interfaces.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "messages/fwd.hpp"

// The vocabulary holds together: every interface header compiles on its own terms, and every
// actor with counters answers the one stats interface, so one reader serves them all.
using namespace frontdesk;

template <class Handle>
constexpr bool answers_stats = std::is_constructible_v<stats_actor, const Handle&>;

TEST(Interfaces, EveryActorWithCountersExtendsTheSharedStatsInterface) {
  static_assert(answers_stats<session_registry_actor>);
  static_assert(answers_stats<directory_actor>);
  static_assert(answers_stats<availability_actor>);
  static_assert(answers_stats<cliniko_gateway_actor>);
  static_assert(answers_stats<rate_limiter_actor>);
  static_assert(answers_stats<sync_actor>);
  actor_stats stats{"gateway", {{"requests", 7}, {"retries", 1}}, {}};
  EXPECT_EQ(stats.value("requests"), 7);
  EXPECT_EQ(stats.value("retries"), 1);
  EXPECT_EQ(stats.value("nothing"), 0);
}
