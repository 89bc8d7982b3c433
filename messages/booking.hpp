#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
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
};

/// Who is booking: as said on the call. `phone` is E.164 or empty.
struct caller_details {
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string email;
};

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

/// The past appointments (before `before`) of the patients on the caller's own number (E.164),
/// newest first: who they saw and for what, for choosing the service they mean.
struct history_request {
  clinic_id clinic = 0;
  std::string phone;
  unix_seconds before = 0;
  call_options call;
};

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

}  // namespace frontdesk
