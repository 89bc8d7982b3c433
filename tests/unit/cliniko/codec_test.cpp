#include "cliniko/codec.hpp"

#include <gtest/gtest.h>

#include "http/json.hpp"

// Cliniko's JSON as its documentation shows it (cliniko-api.md), not as our simulator writes it:
// ids as strings, related records as links (absolute or relative), "" where a time is absent,
// numbers where the OpenAPI description has integers.
using namespace frontdesk;

namespace {

json_value doc(std::string_view text) {
  auto parsed = http::parse_json(text);
  EXPECT_TRUE(parsed) << text;
  return parsed ? *parsed : json_value{};
}

}  // namespace

TEST(ClinikoCodec, ABusinessTakesItsIanaZoneAndAnEmptyArchivedAtIsNotArchived) {
  const auto b = cliniko::to_business(doc(R"({
    "id": "514810976554457101", "business_name": "Harbour Health Bondi Junction",
    "display_name": "Bondi Junction", "label": "Bondi", "address_1": "1 Oxford St",
    "city": "Bondi Junction", "state": "NSW", "post_code": "2022", "country_code": "AU",
    "time_zone": "Sydney", "time_zone_identifier": "Australia/Sydney",
    "show_in_online_bookings": false, "appointment_type_ids": ["514810976554457201", 42],
    "archived_at": "", "deleted_at": null})"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->id, "514810976554457101");  // 64-bit: a double would have rounded it
  EXPECT_EQ(b->time_zone, "Australia/Sydney");
  EXPECT_EQ(b->country_code, "AU");
  EXPECT_FALSE(b->archived);
  EXPECT_FALSE(b->online_bookings);
  EXPECT_EQ(b->appointment_type_ids, (std::vector<std::string>{"514810976554457201", "42"}));
  const auto archived =
      cliniko::to_business(doc(R"({"id":"1","archived_at":"2026-11-01T00:00:00Z"})"));
  ASSERT_TRUE(archived);
  EXPECT_TRUE(archived->archived);
  EXPECT_FALSE(cliniko::to_business(doc(R"({"business_name":"no id"})")));
}

TEST(ClinikoCodec, APractitionersUsualServiceIsTheLastSegmentOfItsLink) {
  const auto p = cliniko::to_practitioner(doc(R"({
    "id": "514810976554457303", "first_name": "Mei Lin", "last_name": "Wong", "title": "Ms",
    "designation": "Remedial Massage Therapist", "display_name": "", "active": true,
    "show_in_online_bookings": true,
    "default_appointment_type": {"links": {"self": "https://api.au1.cliniko.com/v1/appointment_types/514810976554457203"}},
    "user": {"links": {"self": "https://api.au1.cliniko.com/v1/users/7"}}})"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->default_service_id, "514810976554457203");
  EXPECT_EQ(p->display_name, "Mei Lin Wong");  // made from the names when Cliniko has none
  // An older documented example links relatively.
  const auto relative = cliniko::to_practitioner(
      doc(R"({"id":"9","default_appointment_type":{"links":{"self":"/appointment_types/12/"}}})"));
  ASSERT_TRUE(relative);
  EXPECT_EQ(relative->default_service_id, "12");
}

TEST(ClinikoCodec, AServicesDurationIsReadAsANumberOrAsText) {
  for (const char* minutes : {"60", "\"60\""}) {
    const auto t = cliniko::to_appointment_type(
        doc(std::string(R"({"id":"5","name":"Remedial Massage","duration_in_minutes":)") + minutes +
            R"(,"show_in_online_bookings":true,"archived_at":null})"));
    ASSERT_TRUE(t) << minutes;
    EXPECT_EQ(t->duration_minutes, 60) << minutes;
    EXPECT_FALSE(t->archived);
  }
}

TEST(ClinikoCodec, AnAppointmentsRelatedRecordsComeFromItsLinks) {
  const auto a = cliniko::to_appointment(doc(R"({
    "id": "514810976554460004", "starts_at": "2026-12-02T23:00:00Z", "ends_at": "2026-12-03T00:00:00Z",
    "patient_name": "Jordan Rivers", "notes": "", "cancelled_at": null, "archived_at": "",
    "updated_at": "2026-12-02T06:41:50Z",
    "patient": {"links": {"self": "https://api.au1.cliniko.com/v1/patients/514810976554460003"}},
    "practitioner": {"links": {"self": "https://api.au1.cliniko.com/v1/practitioners/514810976554457303"}},
    "business": {"links": {"self": "https://api.au1.cliniko.com/v1/businesses/514810976554457101"}},
    "appointment_type": {"links": {"self": "https://api.au1.cliniko.com/v1/appointment_types/514810976554457203"}}})"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->patient_id, "514810976554460003");
  EXPECT_EQ(a->practitioner_id, "514810976554457303");
  EXPECT_EQ(a->business_id, "514810976554457101");
  EXPECT_EQ(a->appointment_type_id, "514810976554457203");
  EXPECT_EQ(a->ends_at - a->starts_at, 3600);
  EXPECT_EQ(a->cancelled_at, 0);
  EXPECT_FALSE(a->archived);
  // Without a start there is no appointment to keep.
  EXPECT_FALSE(cliniko::to_appointment(doc(R"({"id":"1","starts_at":""})")));
}

TEST(ClinikoCodec, APatientsPhonesKeepTheirTypes) {
  const auto p = cliniko::to_patient(doc(R"({
    "id": "77", "first_name": "Jordan", "last_name": "Rivers", "preferred_first_name": "Jo",
    "date_of_birth": "1985-03-12", "email": "jordan@example.com",
    "patient_phone_numbers": [{"phone_type": "Mobile", "number": "0412 591 599"},
                              {"phone_type": "Home", "number": "02 9000 0001"}],
    "archived_at": null, "updated_at": "2026-12-01T00:00:00Z"})"));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->phones.size(), 2u);
  EXPECT_EQ(p->phones[1].type, "Home");
  EXPECT_EQ(p->date_of_birth, "1985-03-12");
}

TEST(ClinikoCodec, APageHasItsRecordsTotalAndNextLinkAndTheLastHasNoNext) {
  const auto page = cliniko::parse_page(R"({
    "available_times": [{"appointment_start": "2026-11-25T22:30:00Z"}],
    "total_entries": 51,
    "links": {"self": "https://api.au1.cliniko.com/v1/x?page=1",
              "next": "https://api.au1.cliniko.com/v1/x?page=2"}})",
                                        "available_times");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->total_entries, 51);
  EXPECT_EQ(page->next, "https://api.au1.cliniko.com/v1/x?page=2");
  const auto last =
      cliniko::parse_page(R"({"patients":[],"total_entries":0,"links":{"self":"x"}})", "patients");
  ASSERT_TRUE(last);
  EXPECT_FALSE(last->next);
  // A 404 sent as an HTML page, or another list, is not this page.
  EXPECT_FALSE(cliniko::parse_page("<html>Not Found</html>", "patients"));
  EXPECT_FALSE(cliniko::parse_page(R"({"businesses":[]})", "patients"));
}

TEST(ClinikoCodec, TheAccountsSettingsPublicAndFull) {
  const auto pub = cliniko::to_account_settings(
      doc(R"({"account":{"name":"Harbour Health","country":"Australia","time_zone":"Sydney"},)"
          R"("calendar":{"timeslot_size_in_minutes":15}})"),
      false);
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->time_zone, "Australia/Sydney");  // a Rails label, read as its IANA zone
  EXPECT_EQ(pub->slot_minutes, 15);
  EXPECT_EQ(pub->cancellation_notice_hours, -1);  // not known from /settings/public
  const auto full = cliniko::to_account_settings(
      doc(R"({"account":{"name":"H","country":"Australia","time_zone":"Sydney"},)"
          R"("online_bookings":{"enabled":true,"min_hours_notice_for_patient_cancellation":24}})"),
      true);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->cancellation_notice_hours, 24);
}

TEST(ClinikoCodec, WritesAreTheBodiesClinikoDocuments) {
  const auto cancel =
      http::parse_json(cliniko::to_json(cancellation{cancellation_reason::sick, "flu"}));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->find("cancellation_reason")->as<std::int64_t>(), 30);
  EXPECT_EQ(text_field(*cancel, "cancellation_note"), "flu");
  new_patient p{"Jordan", "Rivers", "", {{"Mobile", "0412591599"}}};
  const auto patient = http::parse_json(cliniko::to_json(p));
  ASSERT_TRUE(patient);
  const auto& phones = patient->find("patient_phone_numbers")->as<json_value::array>();
  ASSERT_EQ(phones.size(), 1u);
  EXPECT_EQ(text_field(phones[0], "phone_type"), "Mobile");
  EXPECT_FALSE(patient->find("email"));  // not sent when not known
}

TEST(ClinikoCodec, AValidationFailureSaysWhichFields) {
  EXPECT_EQ(cliniko::validation_summary(
                R"({"message":"Validation Failed","errors":{"first_name":"can't be blank"}})"),
            "first_name: can't be blank");
  EXPECT_FALSE(cliniko::validation_summary("<html>").empty());
}
