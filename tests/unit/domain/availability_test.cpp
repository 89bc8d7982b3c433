#include "domain/availability.hpp"

#include <gtest/gtest.h>

// Free-time rules without actors: windows, the slot cache, which times are read out, and the
// alternatives to a taken time.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

calendar_date ymd(const char* text) {
  return *parse_date(text);
}

instant at(const char* text) {
  return *parse_instant(text);
}

const offering chen_bondi{"11", "21", "31", "Australia/Sydney"};
const offering wong_bondi{"11", "22", "31", "Australia/Sydney"};

using steady = std::chrono::steady_clock;
const steady::time_point t0{};

}  // namespace

TEST(Windows, AreSevenDaysCountedFromToday) {
  const auto today = ymd("2026-11-25");
  EXPECT_EQ(window_of(today, today), date::sys_days{today});
  for (int i = 0; i < 7; ++i)
    EXPECT_EQ(window_of(plus_days(today, i), today), date::sys_days{today}) << i;
  EXPECT_EQ(window_of(plus_days(today, 7), today), date::sys_days{today} + date::days{7});
  EXPECT_EQ(window_of(plus_days(today, 20), today), date::sys_days{today} + date::days{14});
  // Nothing before today is ever asked of Cliniko.
  EXPECT_EQ(window_of(ymd("2026-11-20"), today), date::sys_days{today});
}

TEST(Windows, ThreeWeeksFromTodayAreThreeWindows) {
  const auto today = ymd("2026-11-25");
  EXPECT_EQ(windows_between(today, plus_days(today, 20), today).size(), 3u);
  EXPECT_EQ(windows_between(today, plus_days(today, 21), today).size(), 4u);
  EXPECT_EQ(windows_between(today, today, today).size(), 1u);
  const auto later = windows_between(plus_days(today, 9), plus_days(today, 15), today);
  ASSERT_EQ(later.size(), 2u);
  EXPECT_EQ(later.front(), date::sys_days{today} + date::days{7});
  EXPECT_TRUE(windows_between(ymd("2026-11-01"), ymd("2026-11-10"), today).empty());
}

TEST(Windows, ALocalDayIsAskedForInTheAccountsDates) {
  // The same zone: the same dates.
  const auto d = ymd("2026-11-26");
  EXPECT_EQ(account_dates(d, d, "Australia/Sydney", ""), std::pair(d, d));
  EXPECT_EQ(account_dates(d, d, "Australia/Sydney", "Australia/Sydney"), std::pair(d, d));
  // A Perth day (UTC+8) runs 03:00 to 03:00 in Sydney (UTC+11): two of the account's dates.
  EXPECT_EQ(account_dates(d, d, "Australia/Perth", "Australia/Sydney"),
            std::pair(d, plus_days(d, 1)));
  // A Sydney day seen from Hawaii (UTC-10) is the day before and itself.
  EXPECT_EQ(account_dates(d, d, "Australia/Sydney", "Pacific/Honolulu"),
            std::pair(plus_days(d, -1), d));
}

TEST(SlotCache, AWindowIsFreshForItsTtlAndCountsHitsAndMisses) {
  slot_cache cache{{120s, 900s}};
  const auto w = date::sys_days{ymd("2026-11-25")};
  EXPECT_EQ(cache.window(1, chen_bondi, w, t0), nullptr);
  cache.store_window(1, chen_bondi, w, {at("2026-11-25T22:00:00Z")}, t0);
  const auto* hit = cache.window(1, chen_bondi, w, t0 + 119s);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->times.size(), 1u);
  EXPECT_EQ(hit->fetched, t0);                                    // how old what is read out is
  EXPECT_EQ(cache.window(1, chen_bondi, w, t0 + 120s), nullptr);  // stale
  EXPECT_EQ(cache.window(2, chen_bondi, w, t0), nullptr);         // other clinic
  EXPECT_EQ(cache.window(1, wong_bondi, w, t0), nullptr);         // other person
  EXPECT_EQ(cache.window(1, chen_bondi, w + date::days{7}, t0), nullptr);  // other week
  const auto c = cache.window_counters();
  EXPECT_EQ(c.size, 1);
  EXPECT_EQ(c.hits, 1);
  EXPECT_EQ(c.misses, 5);
}

TEST(SlotCache, ForgettingAPractitionerLeavesOthers) {
  slot_cache cache;
  const auto w = date::sys_days{ymd("2026-11-25")};
  cache.store_window(1, chen_bondi, w, {}, t0);
  cache.store_window(1, wong_bondi, w, {}, t0);
  cache.store_window(2, chen_bondi, w, {}, t0);
  cache.forget(1, {"21"});
  EXPECT_EQ(cache.window(1, chen_bondi, w, t0), nullptr);
  EXPECT_NE(cache.window(1, wong_bondi, w, t0), nullptr);
  EXPECT_NE(cache.window(2, chen_bondi, w, t0), nullptr);
  cache.forget(1);
  EXPECT_EQ(cache.window(1, wong_bondi, w, t0), nullptr);
  EXPECT_NE(cache.window(2, chen_bondi, w, t0), nullptr);
}

TEST(SlotCache, FailedTimesAreLeftOutForAWhile) {
  slot_cache cache{{120s, 600s}};
  const auto nine = at("2026-11-25T22:00:00Z"), ten = at("2026-11-25T23:00:00Z");
  cache.remember_failed(1, "21", nine, t0);
  EXPECT_TRUE(cache.failed(1, "21", nine, t0 + 599s));
  EXPECT_FALSE(cache.failed(1, "21", nine, t0 + 600s));
  EXPECT_FALSE(cache.failed(1, "22", nine, t0));  // another practitioner is free then
  EXPECT_EQ(cache.usable(1, "21", {nine, ten}, at("2026-11-25T00:00:00Z"), t0),
            (std::vector<instant>{ten}));
  // Not before: times already past are left out as well.
  EXPECT_TRUE(cache.usable(1, "21", {nine, ten}, at("2026-11-26T00:00:00Z"), t0).empty());
  EXPECT_EQ(cache.failed_count(t0), 1);
  EXPECT_EQ(cache.failed_count(t0 + 600s), 0);
}

TEST(PickOffers, SpreadsOverTheDayOrFollowsWhatWasAsked) {
  const char* zone = "Australia/Sydney";
  std::vector<instant> day;
  for (int h = 8; h < 16; ++h)  // 8 AM .. 3 PM Sydney (UTC+11)
    day.push_back(at_local_time(ymd("2026-11-25"), std::chrono::hours{h}, zone));
  EXPECT_EQ(pick_offers(day, std::nullopt, zone), (std::vector<instant>{day[0], day[3], day[7]}));
  const time_request half_past_two{time_request::kind::at, 14h + 30min, 14h + 30min};
  EXPECT_EQ(pick_offers(day, half_past_two, zone),
            (std::vector<instant>{day[5], day[6], day[7]}));  // 1, 2 and 3 PM
  const time_request two{time_request::kind::at, 14h, 14h};
  EXPECT_EQ(pick_offers(day, two, zone, 1), (std::vector<instant>{day[6]}));
  const time_request morning{time_request::kind::between, 0h, 12h};
  EXPECT_EQ(pick_offers(day, morning, zone), (std::vector<instant>{day[0], day[1], day[2]}));
  const time_request evening{time_request::kind::between, 17h, 21h};
  // Nothing in the evening: the nearest to it (1, 2 and 3 PM), which within() says are outside.
  EXPECT_EQ(pick_offers(day, evening, zone), (std::vector<instant>{day[5], day[6], day[7]}));
  EXPECT_FALSE(within(day[7], evening, zone));
  EXPECT_EQ(pick_offers({day[2], day[4]}, std::nullopt, zone).size(), 2u);
  EXPECT_EQ(pick_offers(day, std::nullopt, zone, 1), (std::vector<instant>{day[0]}));
}

TEST(Alternatives, AreTheNearestOthersStillAhead) {
  const char* zone = "Australia/Sydney";
  std::vector<instant> day;
  for (int h = 8; h < 16; ++h)
    day.push_back(at_local_time(ymd("2026-11-25"), std::chrono::hours{h}, zone));
  const auto wanted = day[3];  // 11 AM, gone
  // 10 AM and 12 PM an hour away, then 9 AM (a tie with 1 PM goes to the earlier).
  EXPECT_EQ(alternatives_to(wanted, day, day[0], zone),
            (std::vector<instant>{day[1], day[2], day[4]}));
  // Nothing before "now" (2 PM), and never the time that is gone.
  EXPECT_EQ(alternatives_to(wanted, day, day[6], zone), (std::vector<instant>{day[6], day[7]}));
  EXPECT_TRUE(alternatives_to(wanted, {wanted}, day[0], zone).empty());
  // Another day's times: nearest to the same time of day.
  std::vector<instant> friday;
  for (int h = 8; h < 16; ++h)
    friday.push_back(at_local_time(ymd("2026-11-27"), std::chrono::hours{h}, zone));
  EXPECT_EQ(alternatives_to(wanted, friday, day[0], zone, 1), (std::vector<instant>{friday[3]}));
}

TEST(PickOffers, ARangeWithNothingInsideOffersTheNearestToIt) {
  namespace domain = frontdesk::domain;
  const std::string zone = "Australia/Sydney";
  const auto at = [&](int h, int m) {
    return domain::at_local_time(*domain::parse_date("2026-12-10"),
                                 std::chrono::hours{h} + std::chrono::minutes{m}, zone);
  };
  const std::vector<domain::instant> times{at(9, 0), at(11, 0), at(15, 0), at(16, 30)};
  const domain::time_request after_five{domain::time_request::kind::between, std::chrono::hours{17},
                                        std::chrono::hours{24}};
  const auto picks = domain::pick_offers(times, after_five, zone, 2);
  EXPECT_EQ(picks, (std::vector<domain::instant>{at(15, 0), at(16, 30)}));
  EXPECT_FALSE(domain::within(picks.back(), after_five, zone));
  const domain::time_request morning{domain::time_request::kind::between, std::chrono::hours{6},
                                     std::chrono::hours{12}};
  EXPECT_EQ(domain::pick_offers(times, morning, zone),
            (std::vector<domain::instant>{at(9, 0), at(11, 0)}));
}
