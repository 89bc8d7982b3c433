#include "cliniko/requests.hpp"

#include <gtest/gtest.h>

#include "http/url.hpp"

// How frontdesk asks Cliniko (cliniko-api.md, "Connection" and "Lists").
using namespace frontdesk;

TEST(ClinikoRequests, TheShardIsTheKeysSuffixAndAu1WithoutOne) {
  EXPECT_EQ(cliniko::shard_of("MS0xLWFiY2RlZg-au2"), "au2");
  EXPECT_EQ(cliniko::shard_of("MS0xLWFiY2RlZg-uk1"), "uk1");
  EXPECT_EQ(cliniko::shard_of("MS0xLWFiY2RlZg"), "au1");
  EXPECT_EQ(cliniko::shard_of("key-with-dash-notashard"), "au1");
  EXPECT_EQ(cliniko::base_url_of("abc-ca1"), "https://api.ca1.cliniko.com/v1");
}

TEST(ClinikoRequests, BasicAuthHasTheKeyAsUserAndNoPassword) {
  // base64("abc-au1:")
  EXPECT_EQ(cliniko::basic_auth("abc-au1"), "Basic YWJjLWF1MTo=");
  const auto headers = cliniko::headers_for("abc-au1", "Harbour Health (it@harbour.example)");
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[1], (std::pair<std::string, std::string>{"Accept", "application/json"}));
  EXPECT_EQ(headers[2].first, "User-Agent");
}

TEST(ClinikoRequests, ListsAskForArchivedAndCancelledRecordsAndFilterOnePerParameter) {
  const auto path = http::url_decode(cliniko::appointments_path(
      {/*updated_since*/ 1764028800, /*starts_from*/ 0, /*starts_until*/ 0, "514810976554457303"}));
  // Without `*` a sync would never see a cancellation made at the front desk.
  EXPECT_NE(path.find("q[]=archived_at:*"), std::string::npos) << path;
  EXPECT_NE(path.find("q[]=cancelled_at:*"), std::string::npos) << path;
  EXPECT_NE(path.find("q[]=updated_at:>2025-11-25T00:00:00Z"), std::string::npos) << path;
  EXPECT_NE(path.find("q[]=practitioner_id:=514810976554457303"), std::string::npos) << path;
  EXPECT_EQ(path.find("starts_at"), std::string::npos) << path;
  // Not an id: no filter on it, rather than one Cliniko would refuse.
  EXPECT_EQ(http::url_decode(cliniko::appointments_path({0, 0, 0, "../x"})).find("practitioner"),
            std::string::npos);
  EXPECT_EQ(cliniko::listed("/patients"), "/patients?per_page=100");
  EXPECT_EQ(cliniko::listed("/patients?x=1"), "/patients?x=1&per_page=100");
}

TEST(ClinikoRequests, FreeTimesAreAskedAtMostSevenDatesAtATime) {
  slot_query q{"1", "2", "3", "2026-12-01", "2026-12-07"};
  EXPECT_EQ(cliniko::slots_path(q),
            "/businesses/1/practitioners/2/appointment_types/3/available_times?from=2026-12-01&to="
            "2026-12-07");
  q.to = "2026-12-08";  // eight dates
  EXPECT_FALSE(cliniko::slots_path(q));
  q.to = "2026-11-30";  // backwards
  EXPECT_FALSE(cliniko::slots_path(q));
  EXPECT_FALSE(cliniko::slots_path({"1", "x", "3", "2026-12-01", "2026-12-01"}));
}

TEST(ClinikoRequests, LinksAbsoluteOrRelativeBecomeTargetsUnderTheBasePath) {
  EXPECT_EQ(cliniko::target_of("https://api.au1.cliniko.com/v1/patients?page=2", "/v1"),
            "/v1/patients?page=2");
  EXPECT_EQ(cliniko::target_of("/businesses/1/practitioners", "/v1"),
            "/v1/businesses/1/practitioners");
  EXPECT_EQ(cliniko::target_of("/v1/patients", "/v1"), "/v1/patients");
  EXPECT_EQ(cliniko::route_of("GET", "/v1/practitioners/42/appointment_types?page=2", "/v1"),
            "GET /practitioners/:id/appointment_types");
}

TEST(ClinikoRoute, LeavesOutIdsQueriesAndTheBasePath) {
  EXPECT_EQ(cliniko::route_of("GET", "/v1/practitioners/42/appointment_types?page=2", "/v1"),
            "GET /practitioners/:id/appointment_types");
  EXPECT_EQ(cliniko::route_of("PATCH", "/v1/individual_appointments/99/cancel", "/v1"),
            "PATCH /individual_appointments/:id/cancel");
  EXPECT_EQ(cliniko::route_of("GET", "/businesses", ""), "GET /businesses");
}
