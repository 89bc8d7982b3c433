#include "tool_steps.hpp"

// Where: resolving what the caller said, and confirming the option they chose.
using namespace frontdesk;
using namespace frontdesk::tool_testing;

TEST(LocationTools, ResolvingALocationSettlesIt) {
  booking_context context;
  const auto a = run("location-resolver", test_support::two_locations(), context,
                     R"({"locationQuery":"Richmond"})");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->status, 200u);
  EXPECT_EQ(text(*a->body.find("location"), "business_id"), "12");
  EXPECT_EQ(context.location_id, "12");
}

TEST(LocationTools, ConfirmingIgnoresOptionsThatAreNotTheClinics) {
  booking_context context;
  const auto a = run(
      "confirm-location", test_support::two_locations(), context,
      (R"({"userResponse":"the first one","options":[{"business_id":"999","name":"Elsewhere"},{"business_id":"11","name":"Bondi Junction"}]})"));
  ASSERT_TRUE(a);
  EXPECT_EQ(text(*a->body.find("location"), "business_id"),
            "11");  // the foreign option was never offered
  EXPECT_EQ(context.location_id, "11");
}
