#include "domain/time_phrase.hpp"

#include <gtest/gtest.h>

// Times and parts of the day as callers say them.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

struct time_case {
  const char* said;
  int from;     // minutes; -1: not understood
  int to = -2;  // -2: a single time
};

constexpr int hm(int h, int m = 0) {
  return h * 60 + m;
}

// The reading when it is sure; nothing when it is asked about or not understood.
std::optional<time_request> sure_time(std::string_view said) {
  const auto r = read_time(said);
  if (!r.sure()) return std::nullopt;
  return r.best();
}

const time_case time_cases[] = {
    {"2:30pm", hm(14, 30)},
    {"2:30 pm", hm(14, 30)},
    {"2:30 PM", hm(14, 30)},
    {"2.30pm", hm(14, 30)},
    {"14:30", hm(14, 30)},
    {"9am", hm(9)},
    {"9 am", hm(9)},
    {"9 a.m.", hm(9)},
    {"9", hm(9)},
    {"nine", hm(9)},
    {"2", hm(14)},
    {"two", hm(14)},
    {"12pm", hm(12)},
    {"12am", hm(0)},
    {"noon", hm(12)},
    {"midday", hm(12)},
    {"12 noon", hm(12)},
    {"half past two", hm(14, 30)},
    {"half past nine", hm(9, 30)},
    {"quarter past nine", hm(9, 15)},
    {"quarter to ten", hm(9, 45)},
    {"ten past three", hm(15, 10)},
    {"twenty to four", hm(15, 40)},
    {"half past 2pm", hm(14, 30)},
    {"two thirty", hm(14, 30)},
    {"nine fifteen", hm(9, 15)},
    {"ten forty five", hm(10, 45)},
    {"9 o'clock", hm(9)},
    {"around 10am", hm(10)},
    {"at 4", hm(16)},
    {"7:45am", hm(7, 45)},
    {"08:00", hm(8)},
    {"17:15", hm(17, 15)},
    {"5pm", hm(17)},
    {"11", hm(11)},
    {"230pm", hm(14, 30)},
    {"morning", hm(6), hm(12)},
    {"in the morning", hm(6), hm(12)},
    {"afternoon", hm(12), hm(17)},
    {"arvo", hm(12), hm(17)},
    {"early afternoon", hm(12), hm(15)},
    {"late afternoon", hm(15), hm(17)},
    {"evening", hm(17), hm(21)},
    {"lunchtime", hm(11, 30), hm(14)},
    {"first thing", hm(6), hm(9)},
    {"after 3pm", hm(15), hm(24)},
    {"after 3", hm(15), hm(24)},
    {"before 10am", hm(0), hm(10)},
    {"between 2 and 4", hm(14), hm(16)},
    {"any time", hm(0), hm(24)},
    {"13pm", -1},
    {"25:00", -1},
    {"blue", -1},
    {"half past", -1},
    {"2:3pm", -1},
};

}  // namespace

TEST(TimePhrase, Times) {
  for (const auto& c : time_cases) {
    const auto r = sure_time(c.said);
    if (c.from < 0) {
      EXPECT_FALSE(r) << "said: \"" << c.said << "\"";
      continue;
    }
    ASSERT_TRUE(r) << "said: \"" << c.said << "\"";
    EXPECT_EQ(r->from.count(), c.from) << "said: \"" << c.said << "\"";
    if (c.to == -2) {
      EXPECT_EQ(r->what, time_request::kind::at) << "said: \"" << c.said << "\"";
    } else {
      EXPECT_EQ(r->what, time_request::kind::between) << "said: \"" << c.said << "\"";
      EXPECT_EQ(r->to.count(), c.to) << "said: \"" << c.said << "\"";
    }
  }
}

TEST(TimePhrase, ClockTimesWithAPartOfTheDayHalfTenAndVagueTimes) {
  const time_case cases[] = {
      {"ten in the morning", hm(10)},
      {"quarter to four in the afternoon", hm(15, 45)},
      {"2 in the afternoon", hm(14)},
      {"seven in the evening", hm(19)},
      {"8 at night", hm(20)},
      {"half past nine in the morning", hm(9, 30)},
      {"half ten", hm(10, 30)},  // British and Australian: 10:30
      {"half two", hm(14, 30)},  // within the clinic's hours: the afternoon
      {"half 11", hm(11, 30)},
      {"before lunch", hm(0), hm(12)},
      {"after lunch", hm(13), hm(24)},
      {"early", hm(0), hm(10)},
      {"end of the day", hm(15, 30), hm(24)},
      {"last thing", hm(15, 30), hm(24)},
      {"mid morning", hm(9), hm(11)},
      {"half", -1},
      {"half twenty", -1},
  };
  for (const auto& c : cases) {
    const auto r = sure_time(c.said);
    if (c.from < 0) {
      EXPECT_FALSE(r) << c.said;
      continue;
    }
    ASSERT_TRUE(r) << c.said;
    EXPECT_EQ(r->from.count(), c.from) << c.said;
    if (c.to != -2) {
      EXPECT_EQ(r->to.count(), c.to) << c.said;
    }
  }
}

TEST(TimePhrase, SixSevenAndEightWithoutAmOrPmAreAskedAbout) {
  for (const auto* said : {"7", "seven o'clock", "half seven", "6.30", "8:15"}) {
    const auto r = read_time(said);
    EXPECT_EQ(r.verdict, certainty::ask) << said;
    ASSERT_EQ(r.options.size(), 2u) << said;
    EXPECT_EQ(r.options[1].from - r.options[0].from, 12h) << said;
  }
  EXPECT_EQ(sure_time("7 tonight")->from.count(), hm(19));
  EXPECT_EQ(sure_time("seven in the morning")->from.count(), hm(7));
  EXPECT_EQ(sure_time("07:30")->from.count(), hm(7, 30));  // a 24-hour clock says which
  EXPECT_EQ(read_time("after 6").verdict, certainty::ask);
  EXPECT_EQ(read_time("5 or 6").verdict, certainty::ask);
  EXPECT_EQ(read_time("midnight").verdict, certainty::unknown);
}

TEST(TimePhrase, RangesAndBoundsTakeTheirEndsAmOrPm) {
  const time_case cases[] = {
      {"between 2 and 4pm", hm(14), hm(16)},
      {"2-4pm", hm(14), hm(16)},
      {"11 to 2", hm(11), hm(14)},
      {"from 9 to 11", hm(9), hm(11)},
      {"not before 10", hm(10), hm(24)},
      {"no later than 3", hm(0), hm(15)},
      {"10 onwards", hm(10), hm(24)},
      {"any time after half two", hm(14, 30), hm(24)},
      {"between 9 and 10 in the morning", hm(9), hm(10)},
  };
  for (const auto& c : cases) {
    const auto r = sure_time(c.said);
    ASSERT_TRUE(r) << c.said;
    EXPECT_EQ(r->from.count(), c.from) << c.said;
    EXPECT_EQ(r->to.count(), c.to) << c.said;
  }
}
