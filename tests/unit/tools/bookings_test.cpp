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
