#include "domain/rate_window.hpp"

#include <gtest/gtest.h>

using frontdesk::domain::rate_window;
using namespace std::chrono_literals;

TEST(RateWindow, AllowsTheLimitThenWaitsForTheOldestToAgeOut) {
  rate_window w{3, 60s};
  const auto t0 = rate_window::clock::time_point{} + 1000s;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(w.can_send(t0 + std::chrono::seconds{i}));
    w.record(t0 + std::chrono::seconds{i});
  }
  EXPECT_FALSE(w.can_send(t0 + 10s));
  EXPECT_EQ(w.next_opening(0, t0 + 10s), t0 + 60s);
  EXPECT_EQ(w.next_opening(1, t0 + 10s), t0 + 61s);  // one waiting ahead: the second opening
  EXPECT_EQ(w.next_opening(2, t0 + 10s), t0 + 62s);
  EXPECT_EQ(w.next_opening(3, t0 + 10s), t0 + 120s);  // after the first opening's own send ages out
  EXPECT_TRUE(w.can_send(t0 + 60s));
  EXPECT_EQ(w.in_window(t0 + 60s), 2);
}

TEST(RateWindow, APauseHoldsEverythingUntilItEnds) {
  rate_window w{10, 60s};
  const auto t0 = rate_window::clock::time_point{} + 1000s;
  w.pause_until(t0 + 5s);
  EXPECT_FALSE(w.can_send(t0));
  EXPECT_EQ(w.next_opening(0, t0), t0 + 5s);
  EXPECT_TRUE(w.can_send(t0 + 5s));
  w.pause_until(t0 + 1s);  // an earlier reset does not shorten the pause
  EXPECT_FALSE(w.can_send(t0 + 4s));
}
