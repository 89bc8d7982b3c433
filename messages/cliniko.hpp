#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Cliniko's records as frontdesk uses them. Ids stay strings: they are 64-bit integers that a
// JSON double would corrupt. Instants are UTC seconds since the epoch; 0 means "none".
namespace frontdesk {

using unix_seconds = std::int64_t;

/// A location ("business" in Cliniko).
struct business {
  std::string id;
  std::string name;
  std::string label;
  std::string address;
  std::string city;
  std::string state;
  std::string post_code;
  /// ISO 3166 alpha-2, e.g. "AU".
  std::string country_code;
  /// IANA zone, e.g. "Australia/Sydney".
  std::string time_zone;
  std::vector<std::string> appointment_type_ids;
  bool archived = false;
  bool online_bookings = true;
};

struct practitioner {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string title;
  std::string designation;
  std::string display_name;
  bool active = true;
  bool online_bookings = true;
  /// The practitioner's usual service (Cliniko's default_appointment_type); empty when none.
  std::string default_service_id;
};

/// A service ("appointment type" in Cliniko).
struct appointment_type {
  std::string id;
  std::string name;
  std::string category;
  std::string description;
  std::int32_t duration_minutes = 0;
  bool archived = false;
  bool online_bookings = true;
};

/// What the account's settings say, as far as the key may see them: `/settings/public` for any
/// user, `/settings` (the cancellation notice) only for roles that may view settings.
struct account_settings {
  std::string name;
  std::string country;
  /// IANA zone of the account (Cliniko gives a Rails label); dates in availability queries are
  /// in it. Empty when the label names no zone known here.
  std::string time_zone;
  std::int32_t slot_minutes = 0;
  /// Whether `/settings` answered: without it, what follows is unknown.
  bool full = false;
  /// Patients cancelling fewer hours ahead than this are inside the clinic's notice; -1: unknown.
  std::int32_t cancellation_notice_hours = -1;
  bool online_bookings = true;
};

struct appointment {
  std::string id;
  unix_seconds starts_at = 0;
  unix_seconds ends_at = 0;
  std::string patient_id;
  std::string practitioner_id;
  std::string business_id;
  std::string appointment_type_id;
  std::string patient_name;
  std::string notes;
  unix_seconds cancelled_at = 0;
  /// Archived or deleted: gone from the calendar.
  bool archived = false;
  unix_seconds updated_at = 0;
};

struct patient_phone {
  /// Mobile, Home, Work, Fax or Other.
  std::string type;
  std::string number;
};

struct patient {
  std::string id;
  std::string first_name;
  std::string last_name;
  std::string preferred_first_name;
  std::string email;
  std::string date_of_birth;
  std::vector<patient_phone> phones;
  bool archived = false;
  unix_seconds updated_at = 0;
};

/// Who works where: the practitioners listed at one business.
struct business_roster {
  std::string business_id;
  std::vector<std::string> practitioner_ids;
};

/// What one practitioner offers.
struct practitioner_services {
  std::string practitioner_id;
  std::vector<std::string> appointment_type_ids;
};

/// A patient to create.
struct new_patient {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::vector<patient_phone> phones;
};

/// An appointment to create.
struct new_appointment {
  unix_seconds starts_at = 0;
  std::string patient_id;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string business_id;
  std::string notes;
};

/// A change to an appointment; empty fields stay as they are.
struct appointment_change {
  unix_seconds starts_at = 0;
  unix_seconds ends_at = 0;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string business_id;
  std::string notes;
};

/// Why an appointment is cancelled, as Cliniko's reason codes.
enum class cancellation_reason : std::int32_t {
  feeling_better = 10,
  condition_worse = 20,
  sick = 30,
  away = 40,
  other = 50,
  work = 60,
};

struct cancellation {
  cancellation_reason reason = cancellation_reason::other;
  std::string note;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, new_patient& x) {
  return f(caf::meta::type_name("new_patient"), x.first_name, x.last_name, x.email, x.phones);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, new_appointment& x) {
  return f(caf::meta::type_name("new_appointment"), x.starts_at, x.patient_id, x.practitioner_id,
           x.appointment_type_id, x.business_id, x.notes);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, appointment_change& x) {
  return f(caf::meta::type_name("appointment_change"), x.starts_at, x.ends_at, x.practitioner_id,
           x.appointment_type_id, x.business_id, x.notes);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, cancellation& x) {
  return f(caf::meta::type_name("cancellation"), x.reason, x.note);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, business& x) {
  return f(caf::meta::type_name("business"), x.id, x.name, x.label, x.address, x.city, x.state,
           x.post_code, x.time_zone, x.appointment_type_ids, x.archived, x.online_bookings);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, practitioner& x) {
  return f(caf::meta::type_name("practitioner"), x.id, x.first_name, x.last_name, x.title,
           x.designation, x.display_name, x.active, x.online_bookings, x.default_service_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, account_settings& x) {
  return f(caf::meta::type_name("account_settings"), x.name, x.country, x.time_zone, x.slot_minutes,
           x.full, x.cancellation_notice_hours, x.online_bookings);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, appointment_type& x) {
  return f(caf::meta::type_name("appointment_type"), x.id, x.name, x.category, x.description,
           x.duration_minutes, x.archived, x.online_bookings);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, appointment& x) {
  return f(caf::meta::type_name("appointment"), x.id, x.starts_at, x.ends_at, x.patient_id,
           x.practitioner_id, x.business_id, x.appointment_type_id, x.patient_name, x.notes,
           x.cancelled_at, x.archived, x.updated_at);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, patient_phone& x) {
  return f(caf::meta::type_name("patient_phone"), x.type, x.number);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, patient& x) {
  return f(caf::meta::type_name("patient"), x.id, x.first_name, x.last_name, x.preferred_first_name,
           x.email, x.date_of_birth, x.phones, x.archived, x.updated_at);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, business_roster& x) {
  return f(caf::meta::type_name("business_roster"), x.business_id, x.practitioner_ids);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, practitioner_services& x) {
  return f(caf::meta::type_name("practitioner_services"), x.practitioner_id,
           x.appointment_type_ids);
}

/// Which appointments to list: changed after `updated_since`, starting from `starts_from` up to
/// `starts_until`, of one practitioner (each 0 or empty: any). Archived and cancelled ones are
/// included, so a sync can drop them.
struct appointment_query {
  unix_seconds updated_since = 0;
  unix_seconds starts_from = 0;
  unix_seconds starts_until = 0;
  std::string practitioner_id;
};

/// Free times of one practitioner for one service at one location, on local dates
/// `from`..`to` (YYYY-MM-DD, at most seven days apart).
struct slot_query {
  std::string business_id;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string from;
  std::string to;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, appointment_query& x) {
  return f(caf::meta::type_name("appointment_query"), x.updated_since, x.starts_from,
           x.starts_until, x.practitioner_id);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slot_query& x) {
  return f(caf::meta::type_name("slot_query"), x.business_id, x.practitioner_id,
           x.appointment_type_id, x.from, x.to);
}

}  // namespace frontdesk
