#include "domain/time_zone.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {
calendar_date ymd(int y, unsigned m, unsigned d) {
  return calendar_date{date::year{y}, date::month{m}, date::day{d}};
}
}  // namespace

TEST(TimeZone, FormatsAndParsesUtcInstants) {
  const auto t = parse_instant("2026-11-25T22:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_utc(*t), "2026-11-25T22:30:00Z");
  EXPECT_EQ(parse_instant("2026-11-26T09:30:00+11:00"), t);
  EXPECT_EQ(parse_instant("2026-11-25T22:30:00.123Z"), t);
  EXPECT_FALSE(parse_instant("2026-11-25 22:30:00Z"));
  EXPECT_FALSE(parse_instant("2026-02-30T10:00:00Z"));
  EXPECT_FALSE(parse_instant("2026-11-25T22:30:00"));
}

TEST(TimeZone, DatesRoundTrip) {
  EXPECT_EQ(parse_date("2026-11-25"), ymd(2026, 11, 25));
  EXPECT_EQ(format_date(ymd(2026, 3, 5)), "2026-03-05");
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("25/11/2026"));
}

TEST(TimeZone, LocalDatesFollowTheZone) {
  const auto t = *parse_instant("2026-11-25T14:00:00Z");  // 1 AM on the 26th in Sydney (AEDT)
  EXPECT_EQ(local_date(t, "Australia/Sydney"), ymd(2026, 11, 26));
  EXPECT_EQ(local_date(t, "Australia/Perth"), ymd(2026, 11, 25));  // 10 PM, no DST
}

TEST(TimeZone, LocalWallTimesAcrossDaylightSaving) {
  // Sydney: AEST (+10) in winter, AEDT (+11) in summer.
  EXPECT_EQ(format_utc(at_local_time(ymd(2026, 7, 1), 9h, "Australia/Sydney")),
            "2026-06-30T23:00:00Z");
  EXPECT_EQ(format_utc(at_local_time(ymd(2026, 11, 25), 9h + 30min, "Australia/Sydney")),
            "2026-11-24T22:30:00Z");
  // 4 October 2026, 2:30 AM does not exist in Sydney (clocks jump 2:00 -> 3:00).
  EXPECT_EQ(format_local(at_local_time(ymd(2026, 10, 4), 2h + 30min, "Australia/Sydney"),
                         "Australia/Sydney"),
            "2026-10-04T03:30:00+11:00");
  // 5 April 2026, 2:30 AM happens twice: the first one (still +11).
  EXPECT_EQ(format_local(at_local_time(ymd(2026, 4, 5), 2h + 30min, "Australia/Sydney"),
                         "Australia/Sydney"),
            "2026-04-05T02:30:00+11:00");
  EXPECT_EQ(format_local(*parse_instant("2026-11-24T22:30:00Z"), "Australia/Melbourne"),
            "2026-11-25T09:30:00+11:00");
}

TEST(TimeZone, LocalMinutesFollowTheWallClockAcrossDst) {
  // Sydney moves to daylight time at 2 AM on the 4th of October 2026.
  const char* zone = "Australia/Sydney";
  EXPECT_EQ(local_minutes(*parse_instant("2026-10-03T23:30:00Z"), zone), 10h + 30min);  // AEDT, +11
  EXPECT_EQ(local_minutes(*parse_instant("2026-10-02T23:30:00Z"), zone), 9h + 30min);   // AEST, +10
  EXPECT_EQ(local_minutes(*parse_instant("2026-11-25T13:00:00Z"), zone), 0min);
}

TEST(TimeZone, ReadsTheAccountsRailsZoneLabel) {
  EXPECT_EQ(zone_of_account_label("Sydney"), "Australia/Sydney");
  EXPECT_EQ(zone_of_account_label("Perth"), "Australia/Perth");
  EXPECT_EQ(zone_of_account_label("Eastern Time (US & Canada)"), "America/New_York");
  EXPECT_EQ(zone_of_account_label("Wellington"), "Pacific/Auckland");
  EXPECT_EQ(zone_of_account_label("Buenos Aires"), "America/Argentina/Buenos_Aires");
  EXPECT_EQ(zone_of_account_label("Europe/London"), "Europe/London");
  EXPECT_EQ(zone_of_account_label("UTC"), "Etc/UTC");
  EXPECT_EQ(zone_of_account_label("Atlantis"), std::nullopt);
  EXPECT_EQ(zone_of_account_label(""), std::nullopt);
  for (const char* label : {"Canberra", "Hawaii", "Chatham Is.", "Kyiv", "Greenland", "Beijing"})
    EXPECT_TRUE(zone_of_account_label(label)) << label;
}
