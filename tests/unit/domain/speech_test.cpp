#include "domain/speech.hpp"

#include <gtest/gtest.h>

// The sentences the agent speaks: times, dates, lists, offers and read-backs.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const calendar_date today = *parse_date("2026-11-25");

calendar_date ymd(const char* text) {
  return *parse_date(text);
}

}  // namespace

TEST(Speech, SpokenTimesDatesAndOffers) {
  EXPECT_EQ(spoken_time(9h + 30min), "9:30 AM");
  EXPECT_EQ(spoken_time(14h), "2 PM");
  EXPECT_EQ(spoken_time(12h), "12 PM");
  EXPECT_EQ(spoken_time(5min), "12:05 AM");
  EXPECT_EQ(spoken_time(10h + 15min), "10:15 AM");
  EXPECT_EQ(spoken_date(today), "Wednesday the 25th of November");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-01")), "Tuesday the 1st of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-22")), "Tuesday the 22nd of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-13")), "Sunday the 13th of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-03")), "Thursday the 3rd of December");
  EXPECT_EQ(spoken_list({"Bondi"}), "Bondi");
  EXPECT_EQ(spoken_list({"Bondi", "the City"}), "Bondi or the City");
  EXPECT_EQ(spoken_list({"a", "b", "c"}, "and"), "a, b and c");

  const std::string zone = "Australia/Sydney";
  const auto at = [&](std::chrono::minutes m) { return at_local_time(today, m, zone); };
  EXPECT_EQ(
      offer_sentence("Dr Sarah Chen", {at(9h + 30min), at(10h + 15min), at(14h), at(15h)}, zone),
      "Dr Sarah Chen is free on Wednesday the 25th of November at 9:30 AM, 10:15 AM or 2 PM. Would "
      "any of "
      "those suit?");
  EXPECT_EQ(offer_sentence("Sean Murphy", {at(8h)}, zone),
            "Sean Murphy is free on Wednesday the 25th of November at 8 AM. Would that suit?");
  // A Melbourne location reads its own wall clock (both are +11 in November; Perth is not).
  EXPECT_EQ(spoken_time(at(9h), "Australia/Perth"), "6 AM");
}

TEST(Sentences, ReadOutTheNextOpeningAndWhoIsFree) {
  const char* zone = "Australia/Sydney";
  const auto t = at_local_time(ymd("2026-11-26"), 10h, zone);
  EXPECT_EQ(next_opening_sentence("Mei Lin Wong", "Remedial Massage", "Bondi Junction", t, zone),
            "Mei Lin Wong's next opening for Remedial Massage is on Thursday the 26th of November "
            "at 10 AM at Bondi Junction. Would that suit?");
  const auto nine = at_local_time(ymd("2026-11-25"), 9h, zone);
  const auto noon = at_local_time(ymd("2026-11-25"), 12h, zone);
  EXPECT_EQ(free_people_sentence(ymd("2026-11-25"), "Bondi Junction",
                                 {{"Dr Sarah Chen", nine}, {"Tom Nguyen", noon}}, zone),
            "On Wednesday the 25th of November at Bondi Junction, Dr Sarah Chen is free from 9 AM "
            "and Tom Nguyen from 12 PM. Who would you like to see?");
  EXPECT_EQ(
      free_people_sentence(ymd("2026-11-25"), "",
                           {{"A", nine}, {"B", nine}, {"C", noon}, {"D", noon}, {"E", noon}}, zone),
      "On Wednesday the 25th of November, A is free from 9 AM, B from 9 AM, C from 12 PM "
      "and 2 others. Who would you like to see?");
}

TEST(Sentences, ReadBackABooking) {
  const char* zone = "Australia/Sydney";
  const auto t = at_local_time(ymd("2026-11-25"), 9h + 30min, zone);
  EXPECT_EQ(appointment_phrase("Dr Sarah Chen", "Initial Consultation", "Bondi Junction", t, zone),
            "Dr Sarah Chen for an Initial Consultation at Bondi Junction on Wednesday the 25th of "
            "November at 9:30 AM");
  EXPECT_EQ(
      appointment_phrase("Sean Murphy", "Follow-up Consultation", "", t, zone),
      "Sean Murphy for a Follow-up Consultation on Wednesday the 25th of November at 9:30 AM");
  EXPECT_EQ(spoken_reference("514810976554457123"), "4 5 7 1 2 3");
  EXPECT_EQ(spoken_reference("42"), "4 2");
}
