#include <gtest/gtest.h>

#include <random>
#include <string>

#include "domain/date_phrase.hpp"
#include "domain/speech.hpp"
#include "domain/time_phrase.hpp"

// The phrase readers over generated text: whatever they accept must mean what a person would
// read, and a time that is not clearly one time is never accepted. Seeded, so a failure repeats.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const char* const pieces[] = {
    "1",       "2",       "9",    "10", "12",      "13",  "25",    "30",      "61",  "99",
    ":",       ":00",     ":30",  "am", "pm",      " ",   "-",     "+",       ".",   "0",
    "00",      "half",    "past", "to", "quarter", "two", "after", "between", "and", "noon",
    "morning", "o'clock", "#",    "a",  "m",       "p",   "/"};

std::string generated(std::mt19937& random) {
  std::uniform_int_distribution<std::size_t> count{1, 5};
  std::uniform_int_distribution<std::size_t> pick{0, std::size(pieces) - 1};
  std::string out;
  for (auto n = count(random); n > 0; --n) out += pieces[pick(random)];
  return out;
}

// A sign before a digit that does not follow one: "-3", "the -3rd", not "11-25".
bool signed_number(const std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == '-' || s[i] == '+') && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
        (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      return true;
  return false;
}

std::optional<time_request> sure_time(const std::string& said) {
  const auto r = read_time(said);
  if (!r.sure()) return std::nullopt;
  return r.best();
}

std::optional<date_request> sure_date(const std::string& said, calendar_date today) {
  const auto r = read_date(said, today);
  if (!r.sure()) return std::nullopt;
  return r.best();
}

}  // namespace

TEST(PhraseProperties, TheTimesCallersGaveReadBackAsTheSameTime) {
  // Every minute of the day, as the agent speaks it back, reads as that minute.
  for (int m = 0; m < 24 * 60; ++m) {
    const auto said = spoken_time(std::chrono::minutes{m});
    const auto read = sure_time(said);
    ASSERT_TRUE(read) << said;
    EXPECT_EQ(read->what, time_request::kind::at) << said;
    EXPECT_EQ(read->from.count(), m) << said;
  }
}

TEST(PhraseProperties, GeneratedTextIsReadAsOneClearTimeOrNotAtAll) {
  std::mt19937 random{20261201};
  int accepted = 0;
  for (int n = 0; n < 200'000; ++n) {
    const auto said = generated(random);
    const auto read = read_time(said);
    if (read.verdict == certainty::unknown) continue;
    ++accepted;
    EXPECT_FALSE(signed_number(said)) << '"' << said << '"';
    EXPECT_EQ(read.sure(), read.options.size() == 1) << said;
    for (const auto& t : read.options) {
      EXPECT_GE(t.from.count(), 0) << said;
      EXPECT_LE(t.to.count(), 24 * 60) << said;
      EXPECT_LE(t.from, t.to) << said;
    }
    // Case and surrounding space change nothing.
    auto shouted = said;
    for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto again = read_time("  " + shouted + " ");
    EXPECT_EQ(again.verdict, read.verdict) << said;
    EXPECT_EQ(again.options, read.options) << said;
  }
  EXPECT_GT(accepted, 1'000);  // the generator does reach real times
}

TEST(PhraseProperties, ASignedNumberIsNeverATimeOrADate) {
  const calendar_date today = *parse_date("2026-11-25");
  for (const char* said : {"-1pm", "-10:00", "at -2", "+3pm", "-1", "10 - 30"})
    EXPECT_EQ(read_time(said).verdict, certainty::unknown) << said;
  // Digits joined by a dash are a range, never one time.
  for (const char* said : {"2-4", "2-4pm", "2 - 4"})
    EXPECT_EQ(sure_time(said)->what, time_request::kind::between) << said;
  // Nor is a count of days or weeks beyond a year (and none overflows on the way).
  for (const char* said : {"-25/11", "the -3rd", "+2", "-5 days", "in -2 weeks",
                           "in 2026262026 weeks", "in 400 days", "in 53 weeks"})
    EXPECT_EQ(read_date(said, today).verdict, certainty::unknown) << said;
  EXPECT_TRUE(sure_date("2026-11-30", today));  // dashes between digits are a date
}

TEST(PhraseProperties, GeneratedDatesAreOnOrAfterTodayOrRefused) {
  const calendar_date today = *parse_date("2026-11-25");
  const char* const date_pieces[] = {
      "1",     "3",    "25", "31",  "32",       "11",    "13",       "/",      "-",
      "+",     " ",    "th", "rd",  "nd",       "next",  "this",     "friday", "in",
      "weeks", "days", "2",  "two", "december", "today", "tomorrow", "the"};
  std::mt19937 random{1201};
  std::uniform_int_distribution<std::size_t> count{1, 4};
  std::uniform_int_distribution<std::size_t> pick{0, std::size(date_pieces) - 1};
  for (int n = 0; n < 100'000; ++n) {
    std::string said;
    for (auto k = count(random); k > 0; --k) said += date_pieces[pick(random)];
    const auto read = read_date(said, today);
    for (const auto& d : read.options) {
      if (d.what == date_request::kind::soonest) continue;
      EXPECT_FALSE(signed_number(said)) << said;
      EXPECT_LE(date::sys_days{d.first}, date::sys_days{d.last}) << said;
      EXPECT_GE(date::sys_days{d.last}, date::sys_days{today}) << said;
      EXPECT_TRUE(d.first.ok()) << said;
    }
  }
}
