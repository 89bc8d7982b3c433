#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
#include "messages/fields.hpp"
#include "messages/local_copy.hpp"

// The records of a change to a calendar: what is asked (book, move, cancel), what is recorded
// before and after Cliniko is called, and what came of it. The BOOKINGS interface
// (messages/bookings.hpp) carries them; the rules in domain/bookings.hpp read them.
namespace frontdesk {

enum class intent_kind : std::uint8_t { book, move, cancel };
enum class intent_state : std::uint8_t { pending, done, failed, released };

/// One change to a calendar as recorded before Cliniko is called (pending) and after (done or
/// failed). A pending book or move is also the claim on the practitioner's time.
struct booking_intent {
  std::int64_t id = 0;
  clinic_id clinic = 0;
  intent_kind kind = intent_kind::book;
  intent_state state = intent_state::pending;
  /// The same request made again has the same key and gets the first outcome back.
  std::string request_key;
  std::string session_id;
  std::string patient_id;
  std::string patient_name;
  std::string practitioner_id;
  std::string location_id;
  std::string service_id;
  unix_seconds starts_at = 0;
  unix_seconds ends_at = 0;
  std::string appointment_id;
  std::string error;
  unix_seconds created_at = 0;
};

/// What became of a claim: made, refused because a live claim overlaps it, or the same request
/// was made before (`intent` is then that earlier one).
struct claim_outcome {
  enum class kind : std::uint8_t { claimed, taken, repeated };
  kind what = kind::claimed;
  booking_intent intent;
  /// A repeat whose intent is still pending, written by a node that is gone (or restarted since):
  /// no call is finishing it, so it is settled now rather than by the periodic pass.
  bool orphaned = false;
};

/// Who is booking: as said on the call. `phone` is E.164 or empty.
struct caller_details {
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string email;
};

constexpr auto fields(const caller_details*) {
  return record_fields{"caller_details", field{"first_name", &caller_details::first_name},
                       field{"last_name", &caller_details::last_name},
                       field{"phone", &caller_details::phone},
                       field{"email", &caller_details::email}};
}

/// Book `start` with the source's practitioner, for its service at its location.
struct booking_request {
  clinic_id clinic = 0;
  std::string session_id;
  domain::offering source;
  unix_seconds start = 0;
  std::int32_t duration_minutes = 0;
  caller_details caller;
  std::string notes;
  call_options call;
};

constexpr auto fields(const booking_request*) {
  return record_fields{"booking_request",
                       field{"clinic", &booking_request::clinic},
                       field{"session_id", &booking_request::session_id},
                       field{"source", &booking_request::source},
                       field{"start", &booking_request::start},
                       field{"duration_minutes", &booking_request::duration_minutes},
                       field{"caller", &booking_request::caller},
                       field{"notes", &booking_request::notes},
                       field{"call", &booking_request::call}};
}

/// Which appointment: by id, or the caller's upcoming ones by phone, narrowed by a local date
/// ("YYYY-MM-DD" in `zone`, the clinic's), a practitioner, or a start.
struct appointment_pick {
  std::string appointment_id;
  std::string phone;
  std::string date;
  std::string zone;
  std::string practitioner_id;
  unix_seconds start = 0;
  /// Who is asking, for the privacy rule (domain::identity_of): whether this call booked or
  /// found the appointment itself, the caller's own number (E.164, from the phone system, not
  /// what they said), and the patient's name and date of birth ("YYYY-MM-DD") as they said them.
  bool known_to_call = false;
  std::string caller_phone;
  std::string said_name;
  std::string said_birth_date;
};

constexpr auto fields(const appointment_pick*) {
  return record_fields{"appointment_pick",
                       field{"appointment_id", &appointment_pick::appointment_id},
                       field{"phone", &appointment_pick::phone},
                       field{"date", &appointment_pick::date},
                       field{"zone", &appointment_pick::zone},
                       field{"practitioner_id", &appointment_pick::practitioner_id},
                       field{"start", &appointment_pick::start},
                       field{"known_to_call", &appointment_pick::known_to_call},
                       field{"caller_phone", &appointment_pick::caller_phone},
                       field{"said_name", &appointment_pick::said_name},
                       field{"said_birth_date", &appointment_pick::said_birth_date}};
}

/// Move an appointment to `start` (and optionally to another practitioner, service or
/// location: empty fields stay).
struct move_request {
  clinic_id clinic = 0;
  std::string session_id;
  appointment_pick which;
  unix_seconds start = 0;
  std::string practitioner_id;
  std::string service_id;
  std::string location_id;
  /// The new length when the service changes (0: as before).
  std::int32_t duration_minutes = 0;
  call_options call;
};

constexpr auto fields(const move_request*) {
  return record_fields{"move_request",
                       field{"clinic", &move_request::clinic},
                       field{"session_id", &move_request::session_id},
                       field{"which", &move_request::which},
                       field{"start", &move_request::start},
                       field{"practitioner_id", &move_request::practitioner_id},
                       field{"service_id", &move_request::service_id},
                       field{"location_id", &move_request::location_id},
                       field{"duration_minutes", &move_request::duration_minutes},
                       field{"call", &move_request::call}};
}

struct cancel_request {
  clinic_id clinic = 0;
  std::string session_id;
  appointment_pick which;
  cancellation why;
  call_options call;
  /// The clinic's notice for cancellations, in hours (-1: not known). Inside it the caller is
  /// told the clinic's policy first, and the cancellation is made once they accept it.
  std::int32_t notice_hours = -1;
  bool policy_accepted = false;
};

constexpr auto fields(const cancel_request*) {
  return record_fields{"cancel_request",
                       field{"clinic", &cancel_request::clinic},
                       field{"session_id", &cancel_request::session_id},
                       field{"which", &cancel_request::which},
                       field{"why", &cancel_request::why},
                       field{"call", &cancel_request::call},
                       field{"notice_hours", &cancel_request::notice_hours},
                       field{"policy_accepted", &cancel_request::policy_accepted}};
}

/// The past appointments (before `before`) of the patients on the caller's own number (E.164),
/// newest first: who they saw and for what, for choosing the service they mean.
struct history_request {
  clinic_id clinic = 0;
  std::string phone;
  unix_seconds before = 0;
  call_options call;
};

constexpr auto fields(const history_request*) {
  return record_fields{"history_request", field{"clinic", &history_request::clinic},
                       field{"phone", &history_request::phone},
                       field{"before", &history_request::before},
                       field{"call", &history_request::call}};
}

/// What came of a booking, move or cancellation.
struct booking_outcome {
  enum class kind : std::uint8_t {
    done,            // booked, moved or cancelled now
    repeated,        // the same request was done before: its result
    in_progress,     // the same request is being done right now
    taken,           // the time is not free (any more): `alternatives` are the nearest free ones
    choose_patient,  // several patients share the number and the name does not tell which
    need_name,       // a new patient: their name is needed
    choose_appointment,  // several upcoming appointments fit: `appointments`
    not_found,           // no such appointment (for this clinic and caller)
    verify,              // the caller must say whose appointment it is before anything is told
    already_cancelled,
    in_the_past,
    inside_notice,  // a cancellation inside the clinic's notice: the caller must accept its policy
  };
  kind what = kind::done;
  appointment result;
  patient who;
  std::vector<patient> patients;
  std::vector<appointment> appointments;
  std::vector<unix_seconds> alternatives;
};

constexpr auto fields(const booking_outcome*) {
  return record_fields{"booking_outcome",
                       field{"what", &booking_outcome::what},
                       field{"result", &booking_outcome::result},
                       field{"who", &booking_outcome::who},
                       field{"patients", &booking_outcome::patients},
                       field{"appointments", &booking_outcome::appointments},
                       field{"alternatives", &booking_outcome::alternatives}};
}

}  // namespace frontdesk
