#include "domain/date_phrase.hpp"

#include <gtest/gtest.h>

// Dates as callers say them. "Today" is Wednesday the 25th of November 2026 throughout.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const calendar_date today = *parse_date("2026-11-25");

struct date_case {
  const char* said;
  const char* first;  // nullptr: not understood; "soonest"
  const char* last = nullptr;
};

const date_case date_cases[] = {
    {"2026-11-25", "2026-11-25"},
    {" 2026-12-03 ", "2026-12-03"},
    {"today", "2026-11-25"},
    {"Today.", "2026-11-25"},
    {"tonight", "2026-11-25"},
    {"this afternoon", "2026-11-25"},
    {"tomorrow", "2026-11-26"},
    {"Tomorrow!", "2026-11-26"},
    {"tomorrow morning", "2026-11-26"},
    {"the day after tomorrow", "2026-11-27"},
    {"day after tomorrow", "2026-11-27"},
    {"Wednesday", "ask:2026-11-25|2026-12-02"},  // today, or a week from today
    {"Thursday", "2026-11-26"},
    {"friday", "2026-11-27"},
    {"this Friday", "2026-11-27"},
    {"on Friday", "2026-11-27"},
    {"Saturday", "2026-11-28"},
    {"Sunday", "2026-11-29"},
    {"Monday", "2026-11-30"},
    {"Tuesday", "2026-12-01"},
    {"next Monday", "2026-11-30"},
    {"next Tuesday", "2026-12-01"},
    {"next Wednesday", "2026-12-02"},
    {"next Friday", "ask:2026-11-27|2026-12-04"},  // this week's or next week's
    {"next Sunday", "ask:2026-11-29|2026-12-06"},
    {"this coming Tuesday", "2026-12-01"},
    {"Tues", "2026-12-01"},
    {"thurs", "2026-11-26"},
    {"Friday afternoon", "2026-11-27"},
    {"25th November", "2026-11-25"},
    {"November 25", "2026-11-25"},
    {"the 25th of November", "2026-11-25"},
    {"30th November", "2026-11-30"},
    {"1st December", "2026-12-01"},
    {"December 3rd", "2026-12-03"},
    {"the 3rd of December", "2026-12-03"},
    {"3 Dec", "2026-12-03"},
    {"dec 3", "2026-12-03"},
    {"Sept 14", "2027-09-14"},
    {"the 3rd", "2026-12-03"},
    {"the 28th", "2026-11-28"},
    {"the 25th", "2026-11-25"},
    {"the twenty-eighth", "2026-11-28"},
    {"the first", "2026-12-01"},
    {"the twenty first", "2026-12-21"},
    {"the thirtieth", "2026-11-30"},
    {"2nd of January", "2027-01-02"},
    {"January 2nd", "2027-01-02"},
    {"1st of March 2027", "2027-03-01"},
    {"20th November", "2027-11-20"},
    {"Monday the 30th of November", "2026-11-30"},
    {"Thursday 26th November", "2026-11-26"},
    {"25/11", "2026-11-25"},
    {"3/12", "2026-12-03"},
    {"3/12/2026", "2026-12-03"},
    {"15/1/27", "2027-01-15"},
    {"in two weeks", "2026-12-09"},
    {"in 2 weeks", "2026-12-09"},
    {"two weeks from now", "2026-12-09"},
    {"in a week", "2026-12-02"},
    {"in 3 days", "2026-11-28"},
    {"in a couple of days", "2026-11-27"},
    {"in a fortnight", "2026-12-09"},
    {"this week", "2026-11-25", "2026-11-29"},
    {"later this week", "2026-11-25", "2026-11-29"},
    {"next week", "2026-11-30", "2026-12-06"},
    {"this weekend", "2026-11-28", "2026-11-29"},
    {"the weekend", "2026-11-28", "2026-11-29"},
    {"next weekend", "ask:2026-11-28..2026-11-29|2026-12-05..2026-12-06"},
    {"asap", "soonest"},
    {"as soon as possible", "soonest"},
    {"next available", "soonest"},
    {"first available", "soonest"},
    {"earliest", "soonest"},
    {"whenever", "soonest"},
    {"", nullptr},
    {"blue", nullptr},
    {"32nd December", nullptr},
    {"31st of November", nullptr},
    {"13/13", nullptr},
    {"next blue", nullptr},
};

std::string describe(const date_request& r) {
  if (r.what == date_request::kind::soonest) return "soonest";
  return format_date(r.first) +
         (r.what == date_request::kind::span ? ".." + format_date(r.last) : "");
}

// A sure reading as it is, readings to ask between as "ask:A|B", none as "nothing".
std::string describe(const reading<date_request>& r) {
  if (r.verdict == certainty::unknown) return "nothing";
  if (r.sure()) return describe(r.best());
  std::string out = "ask:";
  for (std::size_t i = 0; i < r.options.size(); ++i) out += (i ? "|" : "") + describe(r.options[i]);
  return out;
}

}  // namespace

TEST(DatePhrase, Dates) {
  for (const auto& c : date_cases) {
    const auto expected = !c.first            ? std::string("nothing")
                          : c.last == nullptr ? std::string(c.first)
                                              : std::string(c.first) + ".." + c.last;
    EXPECT_EQ(describe(read_date(c.said, today)), expected) << "said: \"" << c.said << "\"";
  }
}

// Offsets from a named day, as British and Australian callers say them.
TEST(DatePhrase, DaysAndWeeksAfterANamedDay) {
  const date_case cases[] = {
      {"in two days' time", "2026-11-27"},  {"in 3 days time", "2026-11-28"},
      {"Monday week", "2026-12-07"},       // the coming Monday is the 30th
      {"Monday fortnight", "2026-12-14"},  // not today + 14
      {"a week on Monday", "2026-12-07"},   {"a week from Friday", "2026-12-04"},
      {"Tuesday after next", "2026-12-08"}, {"a week today", "2026-12-02"},
      {"a week tomorrow", "2026-12-03"},    {"tomorrow week", "2026-12-03"},
      {"fortnight", "2026-12-09"},
  };
  for (const auto& c : cases) EXPECT_EQ(describe(read_date(c.said, today)), c.first) << c.said;
}

TEST(DatePhrase, PublicHolidaysAndTheirEvesByName) {
  const date_case cases[] = {
      {"Christmas Eve", "2026-12-24"},
      {"christmas", "2026-12-25"},
      {"Boxing Day", "2026-12-26"},
      {"New Year's Eve", "2026-12-31"},
      {"new year's day", "2027-01-01"},
      {"Australia Day", "2027-01-26"},
      {"Good Friday", "2027-03-26"},  // Easter 2027 is the 28th of March
      {"Easter Monday", "2027-03-29"},
      {"the day before Good Friday", "2027-03-25"},
      {"Anzac Day", "2027-04-25"},
      {"the King's Birthday", "2027-06-14"},  // the second Monday of June
      {"Thanksgiving", nullptr},              // not an Australian holiday
  };
  for (const auto& c : cases)
    EXPECT_EQ(describe(read_date(c.said, today)), c.first ? c.first : "nothing") << c.said;
  EXPECT_EQ(describe(read_date("Thanksgiving", today, "US")), "2026-11-26");
  EXPECT_EQ(describe(read_date("Waitangi Day", today, "NZ")), "2027-02-06");
}

TEST(DatePhrase, APartOfTheDaySaidWithTheDate) {
  for (const auto& [said, date, from, to] :
       {std::tuple{"Thursday arvo", "2026-11-26", 12h, 17h},
        std::tuple{"this evening", "2026-11-25", 17h, 21h},
        std::tuple{"friday in the morning", "2026-11-27", 6h, 12h},
        std::tuple{"tonight", "2026-11-25", 17h, 21h},
        std::tuple{"Monday week at lunch", "2026-12-07", 11h, 14h},
        std::tuple{"the 3rd of December in the afternoon", "2026-12-03", 12h, 17h}}) {
    EXPECT_EQ(describe(read_date(said, today)), date) << said;
    const auto when = read_when(said, today);
    ASSERT_TRUE(when.sure()) << said;
    const auto part = when.best().time;
    ASSERT_TRUE(part) << said;
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::hours>(part->from), from) << said;
    EXPECT_EQ(part->to, to) << said;
  }
  EXPECT_FALSE(read_when("Thursday", today).best().time);
  // A time alone in the date field: no day, the time kept.
  EXPECT_FALSE(read_when("morning", today).best().day);
}

TEST(DatePhrase, ADayAndATimeInOneFieldInEitherOrder) {
  for (const auto& [said, date, minutes] :
       {std::tuple{"Monday at 10", "2026-11-30", 600},
        std::tuple{"10am tomorrow", "2026-11-26", 600},
        std::tuple{"Tuesday morning next week", "2026-12-01", 360},
        std::tuple{"half nine on Friday", "2026-11-27", 570}}) {
    const auto when = read_when(said, today);
    ASSERT_TRUE(when.sure()) << said;
    EXPECT_EQ(describe(*when.best().day), date) << said;
    EXPECT_EQ(when.best().time->from.count(), minutes) << said;
  }
  // "Friday the 26th": the 26th is a Thursday; both are spoken back.
  EXPECT_EQ(describe(read_date("Friday the 26th", today)), "ask:2026-11-26|2026-11-27");
}
