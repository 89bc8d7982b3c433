#include "tool_steps.hpp"

// Who: what a practitioner offers, where.
using namespace frontdesk;
using namespace frontdesk::tool_testing;

TEST(PractitionerTools, AServiceListFollowsTheSettledLocation) {
  booking_context context;
  context.location_id = "12";
  const auto at_richmond = run("get-practitioner-services", test_support::two_locations(), context,
                               R"({"practitioner":"Sarah"})");
  ASSERT_TRUE(at_richmond);
  EXPECT_EQ(text(at_richmond->body, "error"),
            "no_services");  // she works there, offers nothing there
  EXPECT_EQ(context.practitioner_id, "21");
  const auto at_bondi = run("get-practitioner-services", test_support::two_locations(), context,
                            R"({"practitioner":"Sarah","business_id":"11"})");
  EXPECT_EQ(text(at_bondi->body, "count"), "1");
  EXPECT_EQ(text(*at_bondi->body.find("defaultService"), "id"), "31");
}
