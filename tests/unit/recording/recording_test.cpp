#include "recording/recording.hpp"

#include <gtest/gtest.h>

#include "domain/time_zone.hpp"
#include "http/json.hpp"
#include "recording/pseudonymise.hpp"
#include "recording/timeline.hpp"
#include "recordings.hpp"

// A recording as text, as a person reads it, and fit for a bug report.
using namespace frontdesk;
using namespace frontdesk::recording_testing;

TEST(RecordingText, OneLinePerEntryReadsBackTheSame) {
  const auto r = sean_is_free_at(100);
  const auto text = recording::to_text(r);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + static_cast<long>(r.entries.size()));
  std::string why;
  const auto back = recording::from_text(text, &why);
  ASSERT_TRUE(back) << why;
  EXPECT_EQ(back->session_id, "conv");
  EXPECT_EQ(back->region, "AU");
  EXPECT_EQ(recording::to_text(*back), text);
  EXPECT_EQ(recording::calls_in(*back), 1);
  EXPECT_EQ(recording::answered_in(*back), 1);
}

TEST(RecordingText, WhatIsNotARecordingSaysWhy) {
  std::string why;
  EXPECT_FALSE(recording::from_text("", &why));
  EXPECT_EQ(why, "it is empty");
  EXPECT_FALSE(recording::from_text("[1]\n", &why));
  EXPECT_EQ(why, "the first line is not a recording's header");
  EXPECT_FALSE(recording::from_text("{\"session_id\":\"a\"}\n{\"no\":\"kind\"}\n", &why));
  EXPECT_EQ(why, "line 2 is not an entry");
}

TEST(Timeline, EachEntryNumberedAsAtNamesIt) {
  const auto text = recording::timeline_text(sean_is_free_at(100));
  EXPECT_NE(text.find("   1  call 1  /find-next-available  {\"practitioner\":\"Sean\"}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("   3    directory "), std::string::npos) << text;
  EXPECT_NE(text.find("   5    asked   availability.next_available"), std::string::npos) << text;
}

TEST(Pseudonymise, NamesNumbersAndEmailsAreReplacedTheSameWayEverywhere) {
  auto r = sean_is_free_at(100);
  r.entries[0].set("request",
                   *http::parse_json(R"({"tool":"/appointment-handler","call":{"session_id":"c",)"
                                     R"("caller_phone":"+61412345678"},"input":{"patientName":)"
                                     R"("Jane Citizen","callerPhone":"0412 345 678",)"
                                     R"("patientEmail":"jane@mail.test"}})"));
  r.entries.back().set("answer", *http::parse_json(R"({"status":200,"body":{"message":)"
                                                   R"("Booked for Jane Citizen, Jane."}})"));
  const auto text = recording::to_text(recording::pseudonymise(r));
  for (const char* personal : {"Jane", "Citizen", "0412 345 678", "+61412345678", "jane@mail"})
    EXPECT_EQ(text.find(personal), std::string::npos) << personal << "\n" << text;
  // The same person is the same pseudonym: in what was sent and in what was said back.
  EXPECT_NE(text.find(R"("patientName":"Avery Blake")"), std::string::npos) << text;
  EXPECT_NE(text.find("Booked for Avery Blake, Avery."), std::string::npos) << text;
  EXPECT_NE(text.find(R"("caller_phone":"+61491570110")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("callerPhone":"0491 570 110")"), std::string::npos) << text;
  EXPECT_NE(text.find("person1@example.com"), std::string::npos) << text;
  // The clinic's own directory is kept.
  EXPECT_NE(text.find("Sean Murphy"), std::string::npos);
}

TEST(Pseudonymise, FreeTextIsReplacedWholeAndBirthDatesShiftTogether) {
  auto r = sean_is_free_at(100);
  r.entries[0].set(
      "request",
      *http::parse_json(R"({"tool":"/cancel-appointment","call":{"session_id":"c"},"input":{)"
                        R"("reason":"my daughter Emily is sick","notes":"ask for Ms Olsen",)"
                        R"("dateOfBirth":"1985-03-12","said":"born 12 March 1985"}})"));
  r.entries.back().set("answer",
                       *http::parse_json(R"({"status":200,"body":{"patient":{"date_of_birth":)"
                                         R"("1985-03-12"}}})"));
  const auto text = recording::to_text(recording::pseudonymise(r));
  for (const char* personal : {"Emily", "daughter", "Olsen", "1985-03-12", "12 March 1985"})
    EXPECT_EQ(text.find(personal), std::string::npos) << personal << "\n" << text;
  // The reason still reads as the same reason code ("sick": 30), so the cancellation decides the
  // same; the notes say only that something was said.
  EXPECT_NE(text.find(R"("reason":"sick")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"x("notes":"(said in the caller's words; 16 characters)")x"),
            std::string::npos)
      << text;
  // The date the caller gave and the one on record moved by the same days: they still match.
  const auto back = recording::from_text(text);
  ASSERT_TRUE(back);
  const auto& input = *back->entries[0].find("request")->find("input");
  const auto& patient = *back->entries.back().find("answer")->find("body")->find("patient");
  const auto given = input.find("dateOfBirth")->as<std::string>();
  EXPECT_EQ(given, patient.find("date_of_birth")->as<std::string>());
  ASSERT_TRUE(domain::parse_date(given).has_value()) << given;
  EXPECT_LT(given, "1985-03-12");
  // Said in words, it stays in words, moved the same way.
  const auto born = *domain::parse_date(given);
  const auto words = std::to_string(static_cast<unsigned>(born.day())) + " ";
  EXPECT_EQ(input.find("said")->as<std::string>().rfind("born " + words, 0), 0u) << text;

  // A birth date given in words, which the tools do not read as a date, stays words.
  r.entries[0].set("request", *http::parse_json(R"({"tool":"/cancel-appointment","call":{},)"
                                                R"("input":{"dateOfBirth":"March 12th, 1985"}})"));
  const auto worded = recording::to_text(recording::pseudonymise(r));
  EXPECT_EQ(worded.find("1985"), std::string::npos) << worded;
  const auto said = recording::from_text(worded)
                        ->entries[0]
                        .find("request")
                        ->find("input")
                        ->find("dateOfBirth")
                        ->as<std::string>();
  EXPECT_FALSE(domain::parse_date(said).has_value()) << said;
  EXPECT_NE(said.find(" 19"), std::string::npos) << said;
}
