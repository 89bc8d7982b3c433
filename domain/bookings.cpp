#include "domain/bookings.hpp"

#include <algorithm>

#include "domain/availability.hpp"
#include "domain/phone.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {

std::string full_name(const caller_details& caller) {
  return caller.last_name.empty() ? caller.first_name : caller.first_name + " " + caller.last_name;
}

new_patient patient_for(const caller_details& caller) {
  new_patient details{caller.first_name, caller.last_name, caller.email, {}};
  if (!caller.phone.empty())
    details.phones.push_back({cliniko_phone_type(caller.phone), caller.phone});
  return details;
}

booking_intent booking_intent_for(const booking_request& r, const patient& who) {
  booking_intent i;
  i.clinic = r.clinic;
  i.kind = intent_kind::book;
  i.request_key = "book|" + r.session_id + "|" + r.source.practitioner_id + "|" +
                  std::to_string(r.start) + "|" + normalize(full_name(r.caller)) + "|" +
                  r.caller.phone;
  i.session_id = r.session_id;
  i.patient_id = who.id;
  i.patient_name = full_name(r.caller);
  i.practitioner_id = r.source.practitioner_id;
  i.location_id = r.source.location_id;
  i.service_id = r.source.service_id;
  i.starts_at = r.start;
  i.ends_at = r.start + std::int64_t{std::max(1, r.duration_minutes)} * 60;
  return i;
}

booking_intent intent_for(const appointment& a, intent_kind kind, clinic_id clinic,
                          const std::string& session_id) {
  booking_intent i;
  i.clinic = clinic;
  i.kind = kind;
  i.session_id = session_id;
  i.appointment_id = a.id;
  i.patient_id = a.patient_id;
  i.patient_name = a.patient_name;
  i.practitioner_id = a.practitioner_id;
  i.location_id = a.business_id;
  i.service_id = a.appointment_type_id;
  i.starts_at = a.starts_at;
  i.ends_at = a.ends_at;
  return i;
}

booking_intent move_intent(const appointment& a, const move_request& r) {
  auto i = intent_for(a, intent_kind::move, r.clinic, r.session_id);
  if (!r.practitioner_id.empty()) i.practitioner_id = r.practitioner_id;
  if (!r.location_id.empty()) i.location_id = r.location_id;
  if (!r.service_id.empty()) i.service_id = r.service_id;
  i.starts_at = r.start;
  i.ends_at = r.start + (r.duration_minutes > 0 ? std::int64_t{r.duration_minutes} * 60
                                                : a.ends_at - a.starts_at);
  i.request_key = "move|" + a.id + "|" + std::to_string(r.start) + "|" + i.practitioner_id;
  return i;
}

booking_intent cancel_intent(const appointment& a, const cancel_request& r) {
  auto i = intent_for(a, intent_kind::cancel, r.clinic, r.session_id);
  i.request_key = "cancel|" + a.id;
  return i;
}

bool changes_nothing(const booking_intent& intent, const appointment& a) {
  return intent.starts_at == a.starts_at && intent.practitioner_id == a.practitioner_id &&
         intent.service_id == a.appointment_type_id && intent.location_id == a.business_id;
}

appointment appointment_of(const booking_intent& i) {
  appointment a;
  a.id = i.appointment_id;
  a.starts_at = i.starts_at;
  a.ends_at = i.ends_at;
  a.patient_id = i.patient_id;
  a.patient_name = i.patient_name;
  a.practitioner_id = i.practitioner_id;
  a.business_id = i.location_id;
  a.appointment_type_id = i.service_id;
  return a;
}

std::vector<appointment> fitting(std::vector<appointment> upcoming, const appointment_pick& w) {
  std::erase_if(upcoming, [&](const appointment& a) {
    return (!w.practitioner_id.empty() && a.practitioner_id != w.practitioner_id) ||
           (w.start != 0 && a.starts_at != w.start) ||
           (!w.date.empty() && !w.zone.empty() &&
            format_date(local_date(at(a.starts_at), w.zone)) != w.date);
  });
  return upcoming;
}

std::optional<booking_outcome::kind> unchangeable(const appointment& a, instant now) {
  if (a.cancelled_at != 0 || a.archived) return booking_outcome::kind::already_cancelled;
  if (a.starts_at < seconds_of(now)) return booking_outcome::kind::in_the_past;
  return std::nullopt;
}

bool inside_notice(const appointment& a, instant now, int notice_hours) {
  return notice_hours > 0 && a.starts_at - seconds_of(now) < std::int64_t{notice_hours} * 3600;
}

bool surely_not_made(error_code code) {
  switch (code) {
    case error_code::cliniko_validation:
    case error_code::cliniko_unauthorized:
    case error_code::cliniko_not_found:
    case error_code::cliniko_rate_limited:
    case error_code::invalid_request:
    case error_code::unknown_clinic:
      return true;
    default:
      return false;
  }
}

std::optional<appointment> booking_made(const booking_intent& intent,
                                        std::vector<appointment> found) {
  // A new patient has no id in the intent: their appointment is known by their name.
  const auto same_patient = [&](const appointment& a) {
    return intent.patient_id.empty() ? normalize(a.patient_name) == normalize(intent.patient_name)
                                     : a.patient_id == intent.patient_id;
  };
  std::optional<appointment> made;
  for (auto& a : found)
    if (a.cancelled_at == 0 && !a.archived && a.starts_at == intent.starts_at && same_patient(a))
      made = std::move(a);
  return made;
}

bool change_made(const booking_intent& intent, const appointment& a) {
  if (intent.kind == intent_kind::cancel) return a.cancelled_at != 0;
  return a.cancelled_at == 0 && a.starts_at == intent.starts_at &&
         a.practitioner_id == intent.practitioner_id;
}

std::vector<unix_seconds> nearest_free(const std::vector<unix_seconds>& free, unix_seconds wanted,
                                       instant now, const std::string& zone) {
  std::vector<instant> times;
  times.reserve(free.size());
  for (const auto t : free) times.push_back(at(t));
  std::vector<unix_seconds> out;
  for (const auto t : alternatives_to(at(wanted), times, now, zone)) out.push_back(seconds_of(t));
  return out;
}

std::vector<unix_seconds> without_held(std::vector<unix_seconds> free,
                                       const std::vector<appointment>& held, unix_seconds length) {
  const auto span = std::max<unix_seconds>(length, 1);
  std::erase_if(free, [&](unix_seconds start) {
    return std::any_of(held.begin(), held.end(), [&](const appointment& h) {
      return start < h.ends_at && start + span > h.starts_at;
    });
  });
  return free;
}

booking_outcome repeated_outcome(const booking_intent& earlier, const patient& who) {
  booking_outcome out;
  out.what = earlier.state == intent_state::done ? booking_outcome::kind::repeated
                                                 : booking_outcome::kind::in_progress;
  out.result = appointment_of(earlier);
  out.who = who;
  return out;
}

bool caller_is_patient(const std::vector<patient>& on_callers_number, const appointment& a) {
  return !a.patient_id.empty() &&
         std::any_of(on_callers_number.begin(), on_callers_number.end(),
                     [&](const patient& p) { return p.id == a.patient_id; });
}

bool name_matches(const appointment_pick& said, const appointment& a) {
  return !said.said_name.empty() && normalize(said.said_name) == normalize(a.patient_name);
}

bool birth_date_matches(const appointment_pick& said, const std::string& on_record) {
  return on_record.empty() || said.said_birth_date == on_record;
}

}  // namespace frontdesk::domain
