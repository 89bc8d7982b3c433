#include "domain/warming.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::domain;
using namespace std::chrono_literals;

TEST(Warming, ASearchAsksThisWeekFirstThenAsWideAsTheConnectionsAllow) {
  EXPECT_EQ(round_width(0, 5, 6), 1u);  // this week of everyone, in one round trip
  EXPECT_EQ(round_width(1, 5, 6), 1u);
  EXPECT_EQ(round_width(1, 2, 6), 3u);
  EXPECT_EQ(round_width(2, 1, 6), 6u);
  EXPECT_EQ(round_width(1, 0, 6), 6u);
  EXPECT_EQ(round_width(1, 9, 6), 1u);  // never less than one window
}

TEST(Warming, TheMinutesShareIsSpentOnceAndComesBackTheNextMinute) {
  warm_allowance allowance{2};
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  EXPECT_EQ(allowance.left(t0), 2);
  allowance.spend();
  allowance.spend();
  EXPECT_EQ(allowance.left(t0 + 30s), 0);
  EXPECT_EQ(allowance.left(t0 + 61s), 2);
}

TEST(Warming, NearestWeeksFirstAcrossSourcesWithinTheBudgetSkippingFreshOnes) {
  const auto week = [](int n) { return date::sys_days{date::days{7 * n}}; };
  const std::vector<std::vector<date::sys_days>> windows{
      {week(0), week(1), week(2)}, {week(0), week(1)}, {week(0)}};
  // Source 1's this week was fetched 10 s ago: fresh; everything else is missing.
  const auto age = [&](std::size_t source,
                       date::sys_days w) -> std::optional<std::chrono::steady_clock::duration> {
    if (source == 1 && w == week(0)) return 10s;
    return std::nullopt;
  };
  const auto picked = windows_to_warm(windows, 4, 100s, age);
  ASSERT_EQ(picked.size(), 4u);
  EXPECT_EQ(picked[0].source, 0u);
  EXPECT_EQ(picked[0].window, week(0));
  EXPECT_EQ(picked[1].source, 2u);  // source 1's week 0 is fresh
  EXPECT_EQ(picked[2].source, 0u);
  EXPECT_EQ(picked[2].window, week(1));
  EXPECT_EQ(picked[3].source, 1u);
  EXPECT_EQ(picked[3].window, week(1));
  EXPECT_TRUE(windows_to_warm(windows, 0, 100s, age).empty());
  EXPECT_EQ(windows_to_warm(windows, 100, 100s, age).size(), 5u);  // all but the fresh one
}
