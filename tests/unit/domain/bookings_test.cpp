#include "domain/bookings.hpp"

#include <gtest/gtest.h>

// The rules of changing a calendar, without actors: intents and their keys, which appointment a
// caller means, what can no longer change, and whether an unanswered write happened.
using namespace frontdesk;
using namespace frontdesk::domain;

namespace {

const char* sydney = "Australia/Sydney";

unix_seconds utc(const char* text) {
  return seconds_of(*parse_instant(text));
}

booking_request request_for(const std::string& session, const std::string& name) {
  booking_request r;
  r.clinic = 7;
  r.session_id = session;
  r.source = {"11", "21", "31", sydney};
  r.start = utc("2026-11-26T03:30:00Z");
  r.duration_minutes = 45;
  r.caller = {name, "Nguyen", "+61412345678", ""};
  return r;
}

appointment booked(const std::string& id, const char* start) {
  appointment a;
  a.id = id;
  a.starts_at = utc(start);
  a.ends_at = a.starts_at + 30 * 60;
  a.patient_id = "901";
  a.patient_name = "Noah Nguyen";
  a.practitioner_id = "21";
  a.business_id = "11";
  a.appointment_type_id = "32";
  return a;
}

}  // namespace

TEST(Bookings, TheSameRequestHasTheSameKeyAndAnotherCallerAnother) {
  const auto first = booking_intent_for(request_for("conv_1", "Noah"), {});
  EXPECT_EQ(first.request_key,
            booking_intent_for(request_for("conv_1", "  noah "), {}).request_key);
  EXPECT_NE(first.request_key, booking_intent_for(request_for("conv_1", "Mia"), {}).request_key);
  EXPECT_NE(first.request_key, booking_intent_for(request_for("conv_2", "Noah"), {}).request_key);
  EXPECT_EQ(first.kind, intent_kind::book);
  EXPECT_EQ(first.patient_name, "Noah Nguyen");
  EXPECT_EQ(first.ends_at - first.starts_at, 45 * 60);
  EXPECT_TRUE(first.patient_id.empty());  // a new patient, created alongside
  patient known;
  known.id = "901";
  EXPECT_EQ(booking_intent_for(request_for("conv_1", "Noah"), known).patient_id, "901");
}

TEST(Bookings, ANewPatientsNumberIsFiledByItsKind) {
  const auto p = patient_for({"Noah", "Nguyen", "+61412345678", "noah@example.com"});
  EXPECT_EQ(p.first_name, "Noah");
  ASSERT_EQ(p.phones.size(), 1u);
  EXPECT_EQ(p.phones.front().type, "Mobile");
  EXPECT_EQ(p.phones.front().number, "+61412345678");
  EXPECT_TRUE(patient_for({"Noah", "", "", ""}).phones.empty());
  EXPECT_EQ(full_name({"Noah", "", "", ""}), "Noah");
  // A caller ringing from a landline: Cliniko files that as Home, never Mobile.
  EXPECT_EQ(patient_for({"Noah", "Nguyen", "+61298765432", ""}).phones.front().type, "Home");
}

TEST(Bookings, AMoveKeepsTheLengthUnlessTheServiceChangesIt) {
  const auto a = booked("555", "2026-11-26T03:30:00Z");
  move_request r;
  r.clinic = 7;
  r.start = utc("2026-11-27T04:00:00Z");
  const auto moved = move_intent(a, r);
  EXPECT_EQ(moved.kind, intent_kind::move);
  EXPECT_EQ(moved.appointment_id, "555");
  EXPECT_EQ(moved.ends_at - moved.starts_at, 30 * 60);
  EXPECT_EQ(moved.practitioner_id, "21");
  r.service_id = "31";
  r.duration_minutes = 45;
  EXPECT_EQ(move_intent(a, r).ends_at - r.start, 45 * 60);
  EXPECT_FALSE(changes_nothing(moved, a));
  r = {};
  r.start = a.starts_at;
  EXPECT_TRUE(changes_nothing(move_intent(a, r), a));
  r.practitioner_id = "22";
  EXPECT_FALSE(changes_nothing(move_intent(a, r), a));
  cancel_request c;
  EXPECT_EQ(cancel_intent(a, c).request_key, "cancel|555");
}

TEST(Bookings, TheCallersAppointmentsNarrowedByWhatWasSaid) {
  const std::vector<appointment> upcoming{booked("1", "2026-11-26T03:30:00Z"),
                                          booked("2", "2026-11-26T22:00:00Z"),
                                          booked("3", "2026-11-28T01:00:00Z")};
  appointment_pick which;
  EXPECT_EQ(fitting(upcoming, which).size(), 3u);
  // 22:00 UTC on the 26th is 9 AM on the 27th in Sydney: the local date decides.
  which.date = "2026-11-27";
  which.zone = sydney;
  ASSERT_EQ(fitting(upcoming, which).size(), 1u);
  EXPECT_EQ(fitting(upcoming, which).front().id, "2");
  which = {};
  which.start = utc("2026-11-28T01:00:00Z");
  EXPECT_EQ(fitting(upcoming, which).front().id, "3");
  which.practitioner_id = "22";
  EXPECT_TRUE(fitting(upcoming, which).empty());
}

TEST(Bookings, CancelledAndPastAppointmentsCannotChange) {
  const auto now = *parse_instant("2026-11-26T00:00:00Z");
  auto a = booked("1", "2026-11-26T03:30:00Z");
  EXPECT_EQ(unchangeable(a, now), std::nullopt);
  EXPECT_EQ(unchangeable(booked("2", "2026-11-25T23:00:00Z"), now),
            booking_outcome::kind::in_the_past);
  a.cancelled_at = utc("2026-11-25T01:00:00Z");
  EXPECT_EQ(unchangeable(a, now), booking_outcome::kind::already_cancelled);
  a.cancelled_at = 0;
  a.archived = true;
  EXPECT_EQ(unchangeable(a, now), booking_outcome::kind::already_cancelled);
}

TEST(Bookings, ARefusalSurelyChangedNothingATimeoutMayHave) {
  EXPECT_TRUE(surely_not_made(error_code::cliniko_validation));
  EXPECT_TRUE(surely_not_made(error_code::cliniko_rate_limited));
  EXPECT_TRUE(surely_not_made(error_code::cliniko_unauthorized));
  EXPECT_FALSE(surely_not_made(error_code::cliniko_timeout));
  EXPECT_FALSE(surely_not_made(error_code::cliniko_unavailable));
}

TEST(Bookings, AnUnansweredBookingIsFoundByItsStartAndPatient) {
  booking_intent intent = booking_intent_for(request_for("conv_1", "Noah"), {});
  auto theirs = booked("77", "2026-11-26T03:30:00Z");
  theirs.patient_id = "902";
  auto someone_else = theirs;
  someone_else.id = "78";
  someone_else.patient_name = "Mia Nguyen";
  // A new patient has no id in the intent yet: their name tells.
  EXPECT_EQ(booking_made(intent, {someone_else, theirs})->id, "77");
  EXPECT_FALSE(booking_made(intent, {someone_else}));
  theirs.cancelled_at = 1;
  EXPECT_FALSE(booking_made(intent, {theirs}));
  intent.patient_id = "902";
  theirs.cancelled_at = 0;
  theirs.patient_name = "N. Nguyen";
  EXPECT_EQ(booking_made(intent, {theirs})->id, "77");
}

TEST(Bookings, AnUnansweredMoveOrCancellationIsReadFromTheAppointment) {
  auto a = booked("555", "2026-11-26T03:30:00Z");
  move_request r;
  r.start = utc("2026-11-27T04:00:00Z");
  const auto move = move_intent(a, r);
  EXPECT_FALSE(change_made(move, a));
  a.starts_at = r.start;
  EXPECT_TRUE(change_made(move, a));
  const auto cancel = cancel_intent(a, {});
  EXPECT_FALSE(change_made(cancel, a));
  a.cancelled_at = utc("2026-11-26T00:00:00Z");
  EXPECT_TRUE(change_made(cancel, a));
  EXPECT_FALSE(change_made(move, a));
}

TEST(Bookings, ARepeatedRequestGetsTheFirstOutcome) {
  auto earlier = booking_intent_for(request_for("conv_1", "Noah"), {});
  earlier.appointment_id = "77";
  earlier.state = intent_state::pending;
  EXPECT_EQ(repeated_outcome(earlier).what, booking_outcome::kind::in_progress);
  earlier.state = intent_state::done;
  const auto again = repeated_outcome(earlier);
  EXPECT_EQ(again.what, booking_outcome::kind::repeated);
  EXPECT_EQ(again.result.id, "77");
  EXPECT_EQ(again.result.starts_at, earlier.starts_at);
  EXPECT_EQ(appointment_of(earlier).practitioner_id, "21");
}

TEST(Bookings, TheNearestFreeTimesLeaveOutThePast) {
  const std::vector<unix_seconds> free{utc("2026-11-26T00:00:00Z"), utc("2026-11-26T03:00:00Z"),
                                       utc("2026-11-26T04:00:00Z"), utc("2026-11-26T06:00:00Z")};
  const auto now = *parse_instant("2026-11-26T01:00:00Z");
  const auto near = nearest_free(free, utc("2026-11-26T03:30:00Z"), now, sydney);
  EXPECT_FALSE(near.empty());
  EXPECT_EQ(std::count(near.begin(), near.end(), utc("2026-11-26T00:00:00Z")), 0);
  EXPECT_EQ(std::count(near.begin(), near.end(), utc("2026-11-26T03:00:00Z")), 1);
}

// The winner's 10:00-10:45 is claimed; Cliniko's list does not show it yet.
TEST(Bookings, TimesOverlappingAHeldClaimAreNotFree) {
  const std::vector<unix_seconds> free{utc("2026-11-26T09:00:00Z"), utc("2026-11-26T09:30:00Z"),
                                       utc("2026-11-26T10:15:00Z"), utc("2026-11-26T10:45:00Z"),
                                       utc("2026-11-26T11:00:00Z")};
  appointment held;
  held.starts_at = utc("2026-11-26T10:00:00Z");
  held.ends_at = utc("2026-11-26T10:45:00Z");
  EXPECT_EQ(without_held(free, {held}, 45 * 60),
            (std::vector<unix_seconds>{utc("2026-11-26T09:00:00Z"), utc("2026-11-26T10:45:00Z"),
                                       utc("2026-11-26T11:00:00Z")}));
  // Unknown length: only starts inside the claim go.
  EXPECT_EQ(without_held(free, {held}, 0).size(), 4u);
  EXPECT_EQ(without_held(free, {}, 45 * 60), free);
}

TEST(Bookings, ALateCancellationIsOneInsideTheClinicsNotice) {
  const auto a = booked("555", "2026-11-26T03:30:00Z");
  const auto now = *parse_instant("2026-11-25T04:00:00Z");  // 23.5 hours before
  EXPECT_TRUE(inside_notice(a, now, 24));
  EXPECT_FALSE(inside_notice(a, now, 23));
  EXPECT_FALSE(inside_notice(a, now, 0));   // no notice asked
  EXPECT_FALSE(inside_notice(a, now, -1));  // not known: the key may not read the settings
}
