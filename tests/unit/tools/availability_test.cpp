#include "tool_steps.hpp"

// When: the questions the availability tools ask, and what they make of the answers.
using namespace frontdesk;
using namespace frontdesk::tool_testing;

TEST(AvailabilityTools, FindNextAvailableSearchesMaxDaysFromTheSessionsToday) {
  booking_context context;
  auto first = step("find-next-available", test_support::two_locations(), context,
                    R"({"service":"initial","maxDays":"21"})");
  auto* search = asked<found_slot>(first);
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(search->ask.clinic, 1);
  // Everyone who offers the service, wherever: Dr Chen at Bondi Junction, Sean at Richmond.
  ASSERT_EQ(search->ask.sources.size(), 2u);
  EXPECT_EQ(search->ask.sources.front().practitioner_id, "21");
  EXPECT_EQ(search->ask.sources.back().practitioner_id, "22");
  EXPECT_EQ(domain::format_date(search->ask.from), "2026-11-25");
  EXPECT_EQ(domain::format_date(search->ask.to), "2026-12-15");  // 21 days, today included
  EXPECT_EQ(search->ask.not_before, wednesday_11am.time_since_epoch().count());

  found_slot found{seconds("2026-11-26T22:30:00Z"), search->ask.sources.front(), 0};
  auto next = search->then(context, found);
  auto* answer = std::get_if<tool_answer>(&next);
  ASSERT_NE(answer, nullptr);
  EXPECT_EQ(text(answer->body, "message"),
            "Dr Sarah Chen's next opening for Initial Consultation is on Friday the 27th of "
            "November at 9:30 AM at Bondi Junction. Would that suit?");
  EXPECT_EQ(text(*answer->body.find("slot"), "startTime"), "2026-11-27T09:30:00+11:00");
  ASSERT_EQ(context.offered.size(), 1u);
  EXPECT_EQ(context.offered.front().start, found.start);
  EXPECT_EQ(context.location_id, "11");
  EXPECT_EQ(context.service_id, "31");

  auto none = search->then(context, found_slot{});
  EXPECT_EQ(text(std::get<tool_answer>(none).body, "error"), "no_availability");
}

TEST(AvailabilityTools, MaxDaysIsKeptWithinNinetyDays) {
  booking_context context;
  auto wide = step("find-next-available", test_support::two_locations(), context,
                   R"({"service":"initial","maxDays":400})");
  ASSERT_NE((asked<found_slot>(wide)), nullptr);
  EXPECT_EQ(domain::format_date(asked<found_slot>(wide)->ask.to), "2027-02-22");
}

TEST(AvailabilityTools, MaxDaysIsAnyWholeNumberKeptWithinOneToNinety) {
  const auto searched_to = [](const std::string& max_days) -> std::string {
    booking_context context;
    auto s = step("find-next-available", test_support::two_locations(), context,
                  R"({"service":"initial","maxDays":)" + max_days + "}");
    if (const auto* search = asked<found_slot>(s)) return domain::format_date(search->ask.to);
    return text(std::get<tool_answer>(*s).body, "error");
  };
  EXPECT_EQ(searched_to("-5"), "2026-11-25");  // one day: today
  EXPECT_EQ(searched_to("0"), "2026-11-25");
  EXPECT_EQ(searched_to("500"), "2027-02-22");  // ninety days
  EXPECT_EQ(searched_to(R"("21")"), "2026-12-15");
  EXPECT_EQ(searched_to("21.0"), "2026-12-15");
  EXPECT_EQ(searched_to(R"("")"), "2026-12-08");  // absent: fourteen
  EXPECT_EQ(searched_to("null"), "2026-12-08");
  // Valid JSON too large to hold is still a number: kept within range, or named as wrong.
  EXPECT_EQ(searched_to("99999999999999999999999"), "2027-02-22");
  EXPECT_EQ(searched_to("-99999999999999999999999"), "2026-11-25");
  for (const char* bad : {"true", "false", "2.5", R"("soon")", R"("-")", "[3]", "{}", "1e400"})
    EXPECT_EQ(searched_to(bad), "invalid_field") << bad;
}

TEST(AvailabilityTools, TheCheckerLooksFurtherWhenTheDayAskedIsFull) {
  booking_context context;
  auto first = step("availability-checker", test_support::two_locations(), context,
                    R"({"practitioner":"Sarah","date":"Friday","time":"2pm"})");
  auto* week = asked<times_reply>(first);
  ASSERT_NE(week, nullptr);
  // The rest of Friday's window (seven dates from today, Wednesday the 25th, to Tuesday the
  // 1st): it costs Cliniko no more than Friday alone.
  EXPECT_EQ(domain::format_date(week->ask.from), "2026-11-27");
  EXPECT_EQ(domain::format_date(week->ask.to), "2026-12-01");

  // Friday has times: 2 PM and its neighbours are offered.
  times_reply friday{{{seconds("2026-11-26T22:00:00Z"), seconds("2026-11-27T02:00:00Z"),
                       seconds("2026-11-27T03:00:00Z"), seconds("2026-11-27T04:00:00Z")}},
                     0};
  auto offered = week->then(context, friday);
  const auto& answer = std::get<tool_answer>(offered);
  EXPECT_TRUE(answer.body.find("available")->as<bool>());
  EXPECT_EQ(text(answer.body, "message"),
            "Dr Sarah Chen is free on Friday the 27th of November at 1 PM, 2 PM or 3 PM. Would "
            "any of those suit?");
  EXPECT_EQ(context.offered.size(), 3u);

  // Nothing all week: a search from the day after the window, then that day's times.
  std::optional<tools::tool_step> further = week->then(context, times_reply{{{}}, 0});
  auto* search = asked<found_slot>(further);
  ASSERT_NE(search, nullptr);
  EXPECT_EQ(domain::format_date(search->ask.from), "2026-12-02");
  EXPECT_EQ(domain::format_date(search->ask.to), "2026-12-27");  // 30 days from Friday
  std::optional<tools::tool_step> day_of =
      search->then(context, found_slot{seconds("2026-12-06T23:00:00Z"), {}, 0});
  auto* that_day = asked<times_reply>(day_of);
  ASSERT_NE(that_day, nullptr);
  EXPECT_EQ(domain::format_date(that_day->ask.from), "2026-12-07");
  auto late = that_day->then(context, times_reply{{{seconds("2026-12-06T23:00:00Z")}}, 0});
  const auto& moved = std::get<tool_answer>(late);
  EXPECT_FALSE(moved.body.find("available")->as<bool>());
  EXPECT_EQ(text(moved.body, "message"),
            "Dr Sarah Chen has nothing free on Friday the 27th of November. Dr Sarah Chen is free "
            "on Monday the 7th of December at 10 AM. Would that suit?");
}

TEST(AvailabilityTools, AHolidayOrAPartOfTheDayInTheDateFieldIsRead) {
  booking_context context;
  auto boxing = step("availability-checker", test_support::two_locations(), context,
                     R"({"practitioner":"Sarah","date":"Boxing Day"})");
  auto* asked_boxing = asked<times_reply>(boxing);
  ASSERT_NE(asked_boxing, nullptr);
  EXPECT_EQ(domain::format_date(asked_boxing->ask.from), "2026-12-26");

  // The holidays are the clinic's country's: Waitangi Day is New Zealand's, not Australia's.
  auto waitangi = R"({"practitioner":"Sarah","date":"Waitangi Day"})";
  auto in_au = step("availability-checker", test_support::two_locations(), context, waitangi);
  EXPECT_EQ(asked<times_reply>(in_au), nullptr);
  auto kiwi = test_support::two_locations();
  std::const_pointer_cast<domain::clinic_directory>(kiwi.directory)->country = "NZ";
  auto in_nz = step("availability-checker", kiwi, context, waitangi);
  auto* asked_waitangi = asked<times_reply>(in_nz);
  ASSERT_NE(asked_waitangi, nullptr);
  EXPECT_EQ(domain::format_date(asked_waitangi->ask.from), "2027-02-06");

  // "Friday arvo": Friday, and only its afternoon is offered.
  auto arvo = step("availability-checker", test_support::two_locations(), context,
                   R"({"practitioner":"Sarah","date":"Friday arvo"})");
  auto* week = asked<times_reply>(arvo);
  ASSERT_NE(week, nullptr);
  EXPECT_EQ(domain::format_date(week->ask.from), "2026-11-27");
  times_reply friday{{{seconds("2026-11-26T22:00:00Z"), seconds("2026-11-27T03:00:00Z")}}, 0};
  const auto offered = week->then(context, friday);
  const auto& answer = std::get<tool_answer>(offered);
  EXPECT_NE(text(answer.body, "message").find("2 PM"), std::string::npos)
      << text(answer.body, "message");
  EXPECT_EQ(text(answer.body, "message").find("9 AM"), std::string::npos);
}
