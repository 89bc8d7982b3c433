#include "domain/second_reading.hpp"

#include <gtest/gtest.h>

// The caller's words and the agent's own reading of them: agreeing, disagreeing, one alone.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const calendar_date wednesday = *parse_date("2026-12-09");

calendar_date day(const char* iso) {
  return *parse_date(iso);
}

}  // namespace

TEST(SecondReading, BothAgreeingGoAhead) {
  decided_by by{};
  const auto r = with_agent_date(read_date("Friday", wednesday), day("2026-12-11"), &by);
  EXPECT_TRUE(r.sure());
  EXPECT_EQ(by, decided_by::both);
  // A day inside the span the words said agrees with it, and the span is kept.
  const auto week = with_agent_date(read_date("next week", wednesday), day("2026-12-16"), &by);
  EXPECT_EQ(by, decided_by::both);
  EXPECT_EQ(week.best().what, date_request::kind::span);
  const auto after = with_agent_time(read_time("after 3"), 15h, &by);
  EXPECT_EQ(by, decided_by::both);
  EXPECT_EQ(after.best().what, time_request::kind::between);
}

TEST(SecondReading, DisagreeingAsksWithBoth) {
  decided_by by{};
  const auto r = with_agent_date(read_date("Friday", wednesday), day("2026-12-18"), &by);
  EXPECT_EQ(r.verdict, certainty::ask);
  EXPECT_EQ(by, decided_by::neither);
  ASSERT_EQ(r.options.size(), 2u);
  EXPECT_EQ(r.options[0].first, day("2026-12-18"));  // the agent's first
  EXPECT_EQ(r.options[1].first, day("2026-12-11"));
  const auto t = with_agent_time(read_time("2pm"), 15h, &by);
  EXPECT_EQ(t.verdict, certainty::ask);
  EXPECT_EQ(t.options.size(), 2u);
}

TEST(SecondReading, WordsThatCouldMeanTwoDaysAreAskedEvenWhenTheAgentPicksOne) {
  decided_by by{};
  const auto r = with_agent_date(read_date("next Friday", wednesday), day("2026-12-18"), &by);
  EXPECT_EQ(r.verdict, certainty::ask);
  EXPECT_EQ(r.options.front().first, day("2026-12-18"));
  EXPECT_EQ(r.options.size(), 2u);
}

TEST(SecondReading, OneReadingAloneDecides) {
  decided_by by{};
  const auto agent_only = with_agent_date(read_date("blue", wednesday), day("2026-12-14"), &by);
  EXPECT_TRUE(agent_only.sure());
  EXPECT_EQ(by, decided_by::agent);
  const auto words_only = with_agent_date(read_date("Monday", wednesday), std::nullopt, &by);
  EXPECT_EQ(words_only.best().first, day("2026-12-14"));
  EXPECT_EQ(by, decided_by::words);
  const auto neither = with_agent_date(read_date("blue", wednesday), std::nullopt, &by);
  EXPECT_EQ(neither.verdict, certainty::unknown);
  EXPECT_EQ(by, decided_by::nothing);
}

TEST(SecondReading, TheAgentsTimeIsHoursAndMinutes) {
  EXPECT_EQ(parse_clock("14:30"), 870min);
  EXPECT_EQ(parse_clock("09:05"), 545min);
  for (const char* bad : {"2pm", "24:00", "9:30", "14:60", "", "14:30:00", "ab:cd"})
    EXPECT_FALSE(parse_clock(bad)) << bad;
}
