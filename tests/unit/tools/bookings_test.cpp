#include "tool_steps.hpp"

// Changing a calendar: what the booking tools refuse before any actor is asked.
using namespace frontdesk;
using namespace frontdesk::tool_testing;

TEST(BookingTools, AnIdThatCannotBeClinikosNamesNoAppointment) {
  for (const char* id : {"abc", "12ab", "../businesses", "-5", "12345678901234567890123", " 1 2 "})
    for (const char* tool : {"cancel-appointment", "appointment-handler"}) {
      booking_context context;
      auto s = step(tool, test_support::two_locations(), context,
                    std::string(R"({"action":"cancel","appointmentId":")") + id + R"("})");
      ASSERT_TRUE(s) << tool;
      const auto* refused = std::get_if<tool_answer>(&*s);
      ASSERT_NE(refused, nullptr) << tool << " asked about " << id;
      EXPECT_EQ(refused->status, 200u);
      EXPECT_EQ(text(refused->body, "error"), "appointment_not_found") << tool << " " << id;
    }
}

TEST(BookingTools, AnIdTooLargeForJsonNumbersIsStillJustNotFound) {
  booking_context context;
  auto s = step("cancel-appointment", test_support::two_locations(), context,
                R"({"appointmentId":12345678901234567890123})");
  ASSERT_TRUE(s);
  const auto* refused = std::get_if<tool_answer>(&*s);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(text(refused->body, "error"), "appointment_not_found");
}

namespace {

std::string book_body(const char* time) {
  return std::string(R"({"action":"book","practitioner":"Sarah Chen","business_id":"11",)") +
         R"("date":"2026-11-29","time":")" + time +
         R"(","patientName":"Noah Nguyen","callerPhone":"0412 345 678"})";
}

using booking_ask = tools::ask_step<booking_request, booking_outcome>;

}  // namespace

TEST(BookingTools, ATimeThatIsNotClearlyOneTimeNeverReachesABooking) {
  for (const char* unclear : {"-1pm", "-10:00", "2-4", "10 - 30", "13pm", "25:61"}) {
    booking_context context;
    auto s =
        step("appointment-handler", test_support::two_locations(), context, book_body(unclear));
    ASSERT_TRUE(s);
    ASSERT_EQ(std::get_if<booking_ask>(&*s), nullptr) << unclear << " was booked";
    EXPECT_EQ(text(std::get<tool_answer>(*s).body, "error"), "invalid_time") << unclear;
  }
}

TEST(BookingTools, OnlyATimeJustReadOutCanHaveJustBeenTaken) {
  booking_outcome gone;
  gone.what = booking_outcome::kind::taken;
  gone.alternatives = {seconds("2026-11-28T22:00:00Z")};  // 9 AM on the Sunday
  const auto said_for = [&](booking_context& context) {
    auto s = step("appointment-handler", test_support::two_locations(), context, book_body("3am"));
    auto* ask = std::get_if<booking_ask>(&*s);
    EXPECT_NE(ask, nullptr);
    if (!ask) return std::string{};
    auto next = ask->then(context, gone);
    return text(std::get<tool_answer>(next).body, "message");
  };
  // 3 AM on a Sunday was never offered: not "just taken", and the nearest are still offered.
  booking_context never_offered;
  const auto never = said_for(never_offered);
  EXPECT_EQ(never.find("just been taken"), std::string::npos) << never;
  EXPECT_NE(never.find("Dr Sarah Chen isn't available at 3 AM on Sunday the 29th of November"),
            std::string::npos)
      << never;
  EXPECT_NE(never.find("9 AM"), std::string::npos) << never;

  booking_context offered;
  offered.offered.push_back(
      {seconds("2026-11-28T16:00:00Z"), {"11", "21", "31", "Australia/Sydney"}});
  EXPECT_NE(said_for(offered).find("has just been taken"), std::string::npos);
}

TEST(BookingTools, PeopleOnANumberSaidRatherThanCalledFromAreNotNamed) {
  booking_outcome family;
  family.what = booking_outcome::kind::choose_patient;
  patient olivia, noah;
  olivia.first_name = "Olivia";
  olivia.last_name = "Nguyen";
  noah.first_name = "Noah";
  noah.last_name = "Nguyen";
  family.patients = {olivia, noah};
  const auto answer_for = [&](const std::string& phones) {
    booking_context context;
    auto s = step("appointment-handler", test_support::two_locations(), context,
                  R"({"action":"book","practitioner":"Sarah Chen","business_id":"11",)"
                  R"("date":"2026-11-27","time":"10am",)" +
                      phones + "}");
    auto* ask = std::get_if<booking_ask>(&*s);
    EXPECT_NE(ask, nullptr);
    return ask ? http::to_json(std::get<tool_answer>(ask->then(context, family)).body) : "";
  };
  // Calling from the family's own phone: asked which of them.
  const auto own = answer_for(R"("callerPhone":"02 9387 6543")");
  EXPECT_NE(own.find("Olivia"), std::string::npos) << own;
  // Another phone naming the family's number: asked for a name, and none is read out.
  const auto said = answer_for(R"("patientPhone":"02 9387 6543","callerPhone":"0400 999 888")");
  EXPECT_EQ(said.find("Olivia"), std::string::npos) << said;
  EXPECT_EQ(said.find("Noah"), std::string::npos) << said;
  EXPECT_NE(said.find("full name"), std::string::npos) << said;
}
