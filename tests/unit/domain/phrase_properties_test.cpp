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

bool signed_digit(const std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == '-' || s[i] == '+') && std::isdigit(static_cast<unsigned char>(s[i + 1])))
      return true;
  return false;
}

// A sign before a digit that does not follow one: "-3", "the -3rd", not "11-25".
bool signed_number(const std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == '-' || s[i] == '+') && std::isdigit(static_cast<unsigned char>(s[i + 1])) &&
        (i == 0 || !std::isdigit(static_cast<unsigned char>(s[i - 1]))))
      return true;
  return false;
}

}  // namespace

TEST(PhraseProperties, TheTimesCallersGaveReadBackAsTheSameTime) {
  // Every minute of the day, as the agent speaks it back, reads as that minute.
  for (int m = 0; m < 24 * 60; ++m) {
    const auto said = spoken_time(std::chrono::minutes{m});
    const auto read = parse_time_phrase(said);
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
    const auto read = parse_time_phrase(said);
    if (!read) continue;
    ++accepted;
    EXPECT_FALSE(signed_digit(said)) << '"' << said << '"';
    EXPECT_GE(read->from.count(), 0) << said;
    EXPECT_LE(read->to.count(), 24 * 60) << said;
    EXPECT_LE(read->from, read->to) << said;
    // Case and surrounding space change nothing.
    auto shouted = said;
    for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto again = parse_time_phrase("  " + shouted + " ");
    ASSERT_TRUE(again) << said;
    EXPECT_EQ(again->from, read->from) << said;
  }
  EXPECT_GT(accepted, 1'000);  // the generator does reach real times
}

TEST(PhraseProperties, ASignedNumberIsNeverATimeOrADate) {
  const calendar_date today = *parse_date("2026-11-25");
  for (const char* said : {"-1pm", "-10:00", "at -2", "+3pm", "-1", "2-4", "2-4pm", "10 - 30"})
    EXPECT_FALSE(parse_time_phrase(said)) << said;
  // Nor is a count of days or weeks beyond a year (and none overflows on the way).
  for (const char* said : {"-25/11", "the -3rd", "+2", "-5 days", "in -2 weeks",
                           "in 2026262026 weeks", "in 400 days", "in 53 weeks"})
    EXPECT_FALSE(parse_date_phrase(said, today)) << said;
  EXPECT_TRUE(parse_date_phrase("2026-11-30", today));  // dashes between digits are a date
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
    const auto read = parse_date_phrase(said, today);
    if (!read || read->what == date_request::kind::soonest) continue;
    EXPECT_FALSE(signed_number(said)) << said;
    EXPECT_LE(date::sys_days{read->first}, date::sys_days{read->last}) << said;
    EXPECT_TRUE(read->first.ok()) << said;
  }
}
