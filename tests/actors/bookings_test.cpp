#include "actors/bookings.hpp"

#include "actor_test.hpp"
#include "domain/bookings.hpp"
#include "stand_in_database.hpp"
#include "stand_in_gateway.hpp"

// The bookings actor against stand-ins for the database, the gateway and the availability
// actor: what is claimed and recorded, what reaches Cliniko, and what the caller is told, step by
// step and with the clock in the test's hands.
using namespace frontdesk;
using namespace frontdesk::actor_testing;
using namespace std::chrono_literals;

namespace {

const unix_seconds thursday_930 = utc("2026-11-25T22:30:00Z");
const unix_seconds thursday_1030 = utc("2026-11-25T23:30:00Z");

/// What the stand-in availability actor was told.
struct told {
  std::vector<std::pair<std::string, unix_seconds>> failed;
  std::vector<std::vector<std::string>> forgotten;
  std::vector<unix_seconds> day_free;
};

availability_actor::behavior_type stand_in_availability(availability_actor::pointer,
                                                        std::shared_ptr<told> t) {
  return {
      [t](available_times_atom, const slot_request& r) {
        return times_reply{std::vector<std::vector<unix_seconds>>(r.sources.size(), t->day_free),
                           0};
      },
      [](next_available_atom, const slot_request&) { return found_slot{}; },
      [t](failed_atom, clinic_id, const std::string& practitioner, unix_seconds start) {
        t->failed.emplace_back(practitioner, start);
      },
      [t](invalidate_atom, clinic_id, const std::vector<std::string>& practitioners) {
        t->forgotten.push_back(practitioners);
      },
      [](offerings_atom, clinic_id, const std::vector<domain::offering>&) {},
      [](lead_atom, clinic_id, bool) {},
      [](stats_atom) { return actor_stats{}; },
  };
}

appointment made_by_cliniko(const new_appointment& a, const std::string& id) {
  appointment out;
  out.id = id;
  out.starts_at = a.starts_at;
  out.ends_at = a.starts_at + 45 * 60;
  out.patient_id = a.patient_id;
  out.practitioner_id = a.practitioner_id;
  out.business_id = a.business_id;
  out.appointment_type_id = a.appointment_type_id;
  return out;
}

class BookingsActor : public actor_test {
 protected:
  BookingsActor() {
    // Wednesday the 25th of November 2026, 11 AM in Sydney.
    clock.now = *domain::parse_instant("2026-11-25T00:00:00Z");
    cliniko->available_times = [](const slot_query&) {
      return caf::expected<std::vector<unix_seconds>>{std::vector<unix_seconds>{thursday_930}};
    };
    cliniko->book = [](const new_appointment& a) {
      return caf::expected<appointment>{made_by_cliniko(a, "777")};
    };
    cliniko->create_patient = [](const new_patient& p) {
      patient out;
      out.id = "901";
      out.first_name = p.first_name;
      out.last_name = p.last_name;
      return caf::expected<patient>{out};
    };
    gateway = system.spawn(stand_in_gateway, cliniko);
    database = system.spawn(stand_in_database, records);
    availability = system.spawn(stand_in_availability, availability_log);
    bookings_config config;
    config.gateways = {{clinic, gateway}};
    config.settle_every = 0s;  // settled only when asked, here
    config.clock = clock.reader();
    bookings = spawn_bookings(system, database, database, availability, config);
  }

  booking_request request(unix_seconds start = thursday_930) {
    booking_request r;
    r.clinic = clinic;
    r.session_id = "conv_1";
    r.source = chen;
    r.start = start;
    r.duration_minutes = 45;
    r.caller = {"Noah", "Nguyen", "+61412345678", ""};
    r.call = call_options::within(5s, priority::interactive);
    return r;
  }

  caf::expected<booking_outcome> book(const booking_request& r) {
    return ask<booking_outcome>(bookings, book_atom::value, r);
  }

  std::shared_ptr<gateway_script> cliniko = std::make_shared<gateway_script>();
  std::shared_ptr<ledger> records = std::make_shared<ledger>();
  std::shared_ptr<told> availability_log = std::make_shared<told>();
  cliniko_gateway_actor gateway;
  database_actor database;
  availability_actor availability;
  bookings_actor bookings;
};

}  // namespace

TEST_F(BookingsActor, ANewPatientIsCreatedAlongsideTheFreshLookThenBooked) {
  const auto done = book(request());
  ASSERT_TRUE(done);
  EXPECT_EQ(done->what, booking_outcome::kind::done);
  EXPECT_EQ(done->result.id, "777");
  EXPECT_EQ(done->who.id, "901");
  // The fresh look and the new patient go out together, before the booking.
  ASSERT_EQ(cliniko->asked.size(), 3u);
  EXPECT_EQ(cliniko->asked[2], "book");
  EXPECT_EQ(cliniko->count("create_patient"), 1u);
  EXPECT_EQ(cliniko->slot_queries.front().from, "2026-11-26");  // the day, in Sydney
  ASSERT_EQ(records->claims.size(), 1u);
  EXPECT_EQ(records->claims.front().kind, intent_kind::book);
  ASSERT_EQ(records->completed.size(), 1u);
  EXPECT_EQ(records->completed.front().second.id, "777");
  EXPECT_TRUE(records->failed.empty());
  EXPECT_EQ(availability_log->forgotten, (std::vector<std::vector<std::string>>{{"21"}}));
}

TEST_F(BookingsActor, AReturningPatientIsBookedWithoutCreatingThemAgain) {
  patient noah;
  noah.id = "555";
  noah.first_name = "Noah";
  noah.last_name = "Nguyen";
  records->on_number = {noah};
  const auto done = book(request());
  EXPECT_EQ(done->what, booking_outcome::kind::done);
  EXPECT_EQ(cliniko->count("create_patient"), 0u);
  EXPECT_EQ(records->claims.front().patient_id, "555");
}

TEST_F(BookingsActor, ATimeGoneOnTheFreshLookIsNotBookedAndTheNearestAreOffered) {
  cliniko->available_times = [](const slot_query&) {
    return caf::expected<std::vector<unix_seconds>>{std::vector<unix_seconds>{thursday_1030}};
  };
  const auto taken = book(request());
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->what, booking_outcome::kind::taken);
  EXPECT_EQ(taken->alternatives, (std::vector<unix_seconds>{thursday_1030}));
  EXPECT_EQ(cliniko->count("book"), 0u);
  ASSERT_EQ(records->failed.size(), 1u);
  EXPECT_EQ(records->failed.front().second, "taken before it could be booked");
  EXPECT_EQ(availability_log->failed,
            (std::vector<std::pair<std::string, unix_seconds>>{{"21", thursday_930}}));
}

TEST_F(BookingsActor, AClaimAnotherCallHoldsMeansTakenWithoutAskingCliniko) {
  records->next_claim = claim_outcome::kind::taken;
  availability_log->day_free = {thursday_1030};
  const auto taken = book(request());
  EXPECT_EQ(taken->what, booking_outcome::kind::taken);
  EXPECT_EQ(taken->alternatives, (std::vector<unix_seconds>{thursday_1030}));
  EXPECT_EQ(cliniko->count("available_times"), 0u);
  EXPECT_EQ(cliniko->count("book"), 0u);
}

TEST_F(BookingsActor, TheSameRequestAgainGetsTheFirstBookingBack) {
  records->next_claim = claim_outcome::kind::repeated;
  records->earlier.state = intent_state::done;
  records->earlier.appointment_id = "777";
  records->earlier.starts_at = thursday_930;
  const auto again = book(request());
  EXPECT_EQ(again->what, booking_outcome::kind::repeated);
  EXPECT_EQ(again->result.id, "777");
  EXPECT_EQ(cliniko->count("book"), 0u);
}

TEST_F(BookingsActor, AWriteWithoutAnAnswerIsLookedForBeforeAnswering) {
  cliniko->book = [](const new_appointment&) {
    return caf::expected<appointment>{make_error(error_code::cliniko_timeout)};
  };
  cliniko->appointments = [](const appointment_query& q) {
    appointment there;
    there.id = "778";
    there.starts_at = q.starts_from;
    there.practitioner_id = q.practitioner_id;
    there.patient_id = "901";
    // Claimed before the new patient had an id: the booking is known by the patient's name.
    there.patient_name = "Noah Nguyen";
    return caf::expected<std::vector<appointment>>{std::vector<appointment>{there}};
  };
  const auto done = book(request());
  ASSERT_TRUE(done);
  EXPECT_EQ(done->what, booking_outcome::kind::done);
  EXPECT_EQ(done->result.id, "778");
  ASSERT_EQ(records->completed.size(), 1u);
  EXPECT_EQ(records->completed.front().second.id, "778");
}

TEST_F(BookingsActor, AWriteClinikoRefusedIsRecordedAsFailed) {
  cliniko->book = [](const new_appointment&) {
    return caf::expected<appointment>{
        make_error(error_code::cliniko_validation, "starts_at: taken")};
  };
  const auto refused = book(request());
  ASSERT_FALSE(refused);
  EXPECT_EQ(code_of(refused.error()), error_code::cliniko_validation);
  EXPECT_EQ(cliniko->count("appointments"), 0u);  // a refusal needs no looking
  ASSERT_EQ(records->failed.size(), 1u);
  EXPECT_EQ(records->failed.front().second, "starts_at: taken");
}

TEST_F(BookingsActor, WhatIsPastIsPastByTheActorsOwnClock) {
  appointment soon;
  soon.id = "600";
  soon.starts_at = thursday_930;
  soon.practitioner_id = "21";
  cliniko->appointment_by_id = [=](const std::string&) { return caf::expected<appointment>{soon}; };
  cancel_request r;
  r.clinic = clinic;
  r.which.appointment_id = "600";
  r.which.known_to_call = true;  // this call booked it
  r.call = call_options::within(5s, priority::interactive);
  cliniko->cancel = [](const std::string& id, const cancellation&) {
    return caf::expected<std::string>{id};
  };
  clock.now = *domain::parse_instant("2026-11-26T00:00:00Z");  // an hour and a half after it began
  const auto late = ask<booking_outcome>(bookings, cancel_atom::value, r);
  EXPECT_EQ(late->what, booking_outcome::kind::in_the_past);
  EXPECT_EQ(cliniko->count("cancel"), 0u);
  clock.now = *domain::parse_instant("2026-11-25T00:00:00Z");
  const auto cancelled = ask<booking_outcome>(bookings, cancel_atom::value, r);
  EXPECT_EQ(cancelled->what, booking_outcome::kind::done);
  EXPECT_EQ(cancelled->result.cancelled_at, domain::seconds_of(clock.now));
  EXPECT_EQ(records->claims.back().request_key, "cancel|600");
}

TEST_F(BookingsActor, IntentsACrashLeftPendingAreSettledAgainstCliniko) {
  auto made = domain::booking_intent_for(request(), {});
  made.id = 41;
  auto never = domain::booking_intent_for(request(thursday_1030), {});
  never.id = 42;
  records->pending = {made, never};
  cliniko->appointments = [](const appointment_query& q) {
    std::vector<appointment> found;
    if (q.starts_from == thursday_930) {
      appointment a;
      a.id = "779";
      a.starts_at = thursday_930;
      a.patient_name = "Noah Nguyen";
      found.push_back(a);
    }
    return caf::expected<std::vector<appointment>>{found};
  };
  const auto settled = ask<std::int64_t>(bookings, reconcile_atom::value, std::int64_t{15});
  EXPECT_EQ(settled, 2);
  ASSERT_EQ(records->completed.size(), 1u);
  EXPECT_EQ(records->completed.front().first, 41);
  ASSERT_EQ(records->failed.size(), 1u);
  EXPECT_EQ(records->failed.front().first, 42);
}

namespace {

cancel_request cancel_of(const std::string& id) {
  cancel_request r;
  r.clinic = clinic;
  r.which.appointment_id = id;
  r.call = call_options::within(5s, priority::interactive);
  return r;
}

// Emma Thompson's appointment `id` in Cliniko, which cancels anything asked.
void emmas_appointment(gateway_script& cliniko, const std::string& id) {
  appointment emmas;
  emmas.id = id;
  emmas.starts_at = thursday_930;
  emmas.patient_id = "555";
  emmas.patient_name = "Emma Thompson";
  emmas.practitioner_id = "21";
  cliniko.appointment_by_id = [=](const std::string&) { return caf::expected<appointment>{emmas}; };
  cliniko.cancel = [](const std::string& cancelled, const cancellation&) {
    return caf::expected<std::string>{cancelled};
  };
}

}  // namespace

TEST_F(BookingsActor, AStrangersCallIsToldNothingOfSomeoneElsesAppointment) {
  emmas_appointment(*cliniko, "700");
  patient emma;
  emma.id = "555";
  emma.first_name = "Emma";
  emma.last_name = "Thompson";
  emma.date_of_birth = "1985-04-12";
  records->patients = {emma};

  // A stranger's number, and no name: asked, and nothing is changed or told.
  auto stranger = cancel_of("700");
  stranger.which.caller_phone = "+61400999888";
  auto asked = ask<booking_outcome>(bookings, cancel_atom::value, stranger);
  EXPECT_EQ(asked->what, booking_outcome::kind::verify);
  EXPECT_TRUE(asked->result.patient_name.empty());
  EXPECT_EQ(cliniko->count("cancel"), 0u);
  // Her name alone is not enough while a date of birth is on record; a wrong one is not either.
  stranger.which.said_name = "emma  thompson";
  EXPECT_EQ(ask<booking_outcome>(bookings, cancel_atom::value, stranger)->what,
            booking_outcome::kind::verify);
  stranger.which.said_birth_date = "1985-04-13";
  EXPECT_EQ(ask<booking_outcome>(bookings, cancel_atom::value, stranger)->what,
            booking_outcome::kind::verify);
  EXPECT_EQ(cliniko->count("cancel"), 0u);
  EXPECT_TRUE(records->claims.empty());
  // Her name and date of birth: a receptionist would go ahead.
  stranger.which.said_birth_date = "1985-04-12";
  EXPECT_EQ(ask<booking_outcome>(bookings, cancel_atom::value, stranger)->what,
            booking_outcome::kind::done);
  EXPECT_EQ(cliniko->count("cancel"), 1u);
}

TEST_F(BookingsActor, ACallFromThePatientsOwnNumberNeedsNoQuestions) {
  emmas_appointment(*cliniko, "701");
  patient emma;
  emma.id = "555";
  records->on_number = {emma};
  auto own = cancel_of("701");
  own.which.caller_phone = "+61412345678";
  EXPECT_EQ(ask<booking_outcome>(bookings, cancel_atom::value, own)->what,
            booking_outcome::kind::done);
}
