#include "support/tool_fixture.hpp"

// The location and practitioner tools over HTTP, as the agent calls them, against the demo
// clinic synced from the simulator into a real PostgreSQL.
using namespace frontdesk;
using namespace frontdesk::test_support;

namespace {

class Tools : public tool_fixture {};

}  // namespace

TEST_F(Tools, ADiscoveryConversationLeansOnWhatWasSettled) {
  const std::string common = R"("dialedNumber":"(02) 9876 5432","sessionId":"conv_1")";
  auto where = call("location-resolver", R"({"locationQuery":"Bondi",)" + common + "}");
  EXPECT_TRUE(flag(where, "success"));
  EXPECT_TRUE(flag(where, "resolved"));
  EXPECT_EQ(text(part(where, "location"), "business_id"), bondi);
  EXPECT_EQ(text(where, "message"), "That's our Bondi Junction location.");

  // No business_id: the session remembers Bondi.
  auto who = call("get-location-practitioners", "{" + common + "}");
  EXPECT_TRUE(flag(who, "success"));
  EXPECT_EQ(ids(who, "practitioners").size(), 4u);
  EXPECT_EQ(
      text(who, "message"),
      "At Bondi Junction we have Dr Sarah Chen, Dr Tom Nguyen, Olivia Smith and Mei Lin Wong.");

  // Misheard as "Dr Chan": asked, never taken; the caller's "yes, Dr Sarah Chen" settles it.
  auto misheard = call("get-practitioner-services", R"({"practitioner":"Dr Chan",)" + common + "}");
  EXPECT_TRUE(flag(misheard, "needsClarification")) << http::to_json(misheard);
  EXPECT_EQ(text(misheard, "message"), "Did you mean Dr Sarah Chen?");
  auto services =
      call("get-practitioner-services", R"({"practitioner":"Dr Sarah Chen",)" + common + "}");
  EXPECT_TRUE(flag(services, "success"));
  EXPECT_EQ(text(part(services, "practitioner"), "name"), "Dr Sarah Chen");
  EXPECT_EQ(text(services, "count"), "3");
  EXPECT_EQ(text(services, "message"),
            "Dr Sarah Chen offers Follow-up Consultation, Initial Consultation and Telehealth "
            "Review at Bondi "
            "Junction. Which would you like?");
  EXPECT_TRUE(services.find("defaultService")->is_null());

  auto info = call("get-practitioner-info", R"({"practitioner":"Sarah",)" + common + "}");
  EXPECT_EQ(ids(info, "locations", "business_id"), (std::vector<std::string>{bondi, city}));
  EXPECT_EQ(ids(info, "services").size(), 3u);
}

TEST_F(Tools, ClarifyingALocationByPositionOrName) {
  const std::string common = R"("dialedNumber":"+61298765432","sessionId":"conv_2")";
  auto unclear = call("location-resolver", R"({"locationQuery":"Harbour Health",)" + common + "}");
  EXPECT_TRUE(flag(unclear, "needsClarification"));
  EXPECT_FALSE(flag(unclear, "resolved"));
  const auto offered = ids(unclear, "options", "business_id");
  ASSERT_EQ(offered.size(), 3u);

  const auto options = http::to_json(part(unclear, "options"));
  auto second = call("confirm-location", R"({"userResponse":"the second one","options":)" +
                                             options + "," + common + "}");
  EXPECT_TRUE(flag(second, "success"));
  EXPECT_EQ(text(part(second, "location"), "business_id"), offered[1]);

  auto by_name =
      call("confirm-location",
           R"({"userResponse":"the city one","options":["Bondi Junction","Sydney CBD"],)" + common +
               "}");
  EXPECT_EQ(text(part(by_name, "location"), "business_id"), city);
  EXPECT_EQ(text(by_name, "message"), "Great, Sydney CBD it is.");

  auto no_options = call("confirm-location", R"({"userResponse":"Bondi",)" + common + "}");
  EXPECT_FALSE(flag(no_options, "success"));
  EXPECT_EQ(text(no_options, "error"), "missing_field");
}

TEST_F(Tools, UnknownNamesAndOtherClinicsIdsAreNotFound) {
  const std::string common = R"("dialedNumber":"02 9876 5432","sessionId":"conv_3")";
  auto nowhere = call("location-resolver", R"({"locationQuery":"Parramatta",)" + common + "}");
  EXPECT_FALSE(flag(nowhere, "success"));
  EXPECT_EQ(text(nowhere, "error"), "location_not_found");
  EXPECT_EQ(ids(nowhere, "options", "business_id").size(), 3u);  // what we do have, to offer

  auto nobody = call("get-practitioner-services", R"({"practitioner":"Dr Who",)" + common + "}");
  EXPECT_EQ(text(nobody, "error"), "practitioner_not_found");

  // An id that is not this clinic's is simply not found, never served.
  auto foreign =
      call("get-location-practitioners", R"({"business_id":"714810976554457101",)" + common + "}");
  EXPECT_EQ(text(foreign, "error"), "location_not_found");
  EXPECT_EQ(foreign.find("practitioners"), nullptr);

  auto no_clinic =
      call("location-resolver", R"({"locationQuery":"Bondi","dialedNumber":"02 9000 0000"})");
  EXPECT_EQ(text(no_clinic, "error"), "clinic_not_found");
}

TEST_F(Tools, APractitionerWithNoServicesAtALocation) {
  auto none = call("get-practitioner-services", R"({"practitioner":"Olivia","business_id":")" +
                                                    bondi + R"(","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(none, "success"));
  EXPECT_EQ(text(none, "error"), "no_services");
  EXPECT_EQ(text(none, "count"), "0");
  EXPECT_EQ(text(none, "message"),
            "Olivia Smith doesn't have any appointments we can book at Bondi Junction.");

  auto one = call("get-practitioner-services", R"({"practitioner":"Olivia","business_id":")" +
                                                   city + R"(","dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(one, "success"));
  EXPECT_EQ(text(part(one, "defaultService"), "name"), "Clinical Pilates");
  EXPECT_EQ(text(one, "message"),
            "Olivia Smith offers Clinical Pilates at Sydney CBD. Shall I look for a time?");
}

TEST_F(Tools, MissingFieldsAndLegacyNames) {
  auto no_query = call("location-resolver", R"({"dialedNumber":"0298765432"})");
  EXPECT_EQ(text(no_query, "error"), "missing_field");
  auto no_number = call("location-resolver", R"({"locationQuery":"Bondi","dialedNumber":null})");
  EXPECT_EQ(text(no_number, "error"), "missing_field");
  auto legacy = call("get-location-practitioners",
                     R"({"locationId":")" + bondi + R"(","dialedNumber":"0298765432"})", 400);
  EXPECT_NE(text(legacy, "message").find("business_id"), std::string::npos);
  // Sessions do not share what they settled.
  call("location-resolver",
       R"({"locationQuery":"Richmond","dialedNumber":"0298765432","sessionId":"a"})");
  auto other =
      call("get-location-practitioners", R"({"dialedNumber":"0298765432","sessionId":"b"})");
  EXPECT_EQ(text(other, "error"), "missing_field");
  auto by_name = call("get-location-practitioners",
                      R"({"locationName":"the CBD","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(part(by_name, "location"), "business_id"), city);
  auto same =
      call("get-location-practitioners", R"({"dialedNumber":"0298765432","sessionId":"a"})");
  EXPECT_EQ(text(part(same, "location"), "business_id"), richmond);
}
