#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/time_zone.hpp"
#include "messages/booking.hpp"
#include "messages/error_code.hpp"

// The rules of changing a calendar: what an intent records and how a repeated request is known,
// which appointments a caller means, what can no longer be changed, and whether a change that got
// no answer happened after all. The bookings actor asks and answers; these decide.
namespace frontdesk::domain {

/// "First Last", or the first name alone.
std::string full_name(const caller_details& caller);

/// The patient Cliniko is to create for a caller not yet known (the number as Mobile).
new_patient patient_for(const caller_details& caller);

/// The intent to book `r` for `who` (without an id: a new patient), keyed so that the same
/// request made again (session, practitioner, time, name and number) is known as a repeat.
booking_intent booking_intent_for(const booking_request& r, const patient& who);

/// An intent to change `a` as it stands (the move or cancellation fills in what changes).
booking_intent intent_for(const appointment& a, intent_kind kind, clinic_id clinic,
                          const std::string& session_id);

/// The intent to move `a` as `r` asks: to its start, with its practitioner, service and location
/// where given, keeping the appointment's length unless a new one is given.
booking_intent move_intent(const appointment& a, const move_request& r);

/// The intent to cancel `a`.
booking_intent cancel_intent(const appointment& a, const cancel_request& r);

/// Whether moving `a` as `intent` says would change nothing (the same time, practitioner,
/// service and place): then there is nothing to write.
bool changes_nothing(const booking_intent& intent, const appointment& a);

/// The appointment an intent describes, before or without Cliniko's copy of it.
appointment appointment_of(const booking_intent& i);

/// Of the caller's upcoming appointments, those that fit what was said (practitioner, start,
/// local date).
std::vector<appointment> fitting(std::vector<appointment> upcoming, const appointment_pick& which);

/// Why `a` cannot be changed any more at `now` (cancelled or archived, or already begun), if so.
std::optional<booking_outcome::kind> unchangeable(const appointment& a, instant now);

/// Whether cancelling `a` at `now` is inside a notice of `notice_hours` (none when negative or 0).
bool inside_notice(const appointment& a, instant now, int notice_hours);

/// Whether an error from a write means Cliniko certainly did not make the change (a refusal),
/// rather than that it may have (a timeout, a 5xx: look before answering).
bool surely_not_made(error_code code);

/// Of the appointments Cliniko lists at a booking intent's time, the one it made, if any: live,
/// at that start, for that patient (by id, or by name for a new patient).
std::optional<appointment> booking_made(const booking_intent& intent,
                                        std::vector<appointment> found);

/// Whether the move or cancellation `intent` meant happened to `a`, as Cliniko has it now.
bool change_made(const booking_intent& intent, const appointment& a);

/// Of the free start times, those whose `length` seconds (at least one) overlap none of `held`.
std::vector<unix_seconds> without_held(std::vector<unix_seconds> free,
                                       const std::vector<appointment>& held, unix_seconds length);

/// The nearest free times to `wanted` among `free`, none already past at `now`.
std::vector<unix_seconds> nearest_free(const std::vector<unix_seconds>& free, unix_seconds wanted,
                                       instant now, const std::string& zone);

// The privacy rule. An appointment is acted on, and its patient named, only for a caller who
// booked or found it in this call (`appointment_pick::known_to_call`), whose own number is one of
// the patient's, or who says the patient's full name and, where the clinic has one on record,
// date of birth. Anyone else is asked, and told nothing of the appointment meanwhile.

/// Whether one of the patients on the caller's own number is the appointment's.
bool caller_is_patient(const std::vector<patient>& on_callers_number, const appointment& a);

/// Whether the name said is the appointment's patient's (case, spacing and punctuation aside).
bool name_matches(const appointment_pick& said, const appointment& a);

/// Whether the date of birth said is the one on record ("YYYY-MM-DD"; none on record: nothing to
/// check).
bool birth_date_matches(const appointment_pick& said, const std::string& on_record);

/// The outcome of a claim that found the same request made before: its result when it is done,
/// "in progress" while it is being made.
booking_outcome repeated_outcome(const booking_intent& earlier, const patient& who = {});

}  // namespace frontdesk::domain
