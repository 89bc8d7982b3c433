#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "messages/fields.hpp"

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

constexpr auto fields(const business*) {
  return record_fields{"business",
                       field{"id", &business::id},
                       field{"name", &business::name},
                       field{"label", &business::label},
                       field{"address", &business::address},
                       field{"city", &business::city},
                       field{"state", &business::state},
                       field{"post_code", &business::post_code},
                       field{"country_code", &business::country_code},
                       field{"time_zone", &business::time_zone},
                       field{"appointment_type_ids", &business::appointment_type_ids},
                       field{"archived", &business::archived},
                       field{"online_bookings", &business::online_bookings}};
}

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

constexpr auto fields(const practitioner*) {
  return record_fields{"practitioner",
                       field{"id", &practitioner::id},
                       field{"first_name", &practitioner::first_name},
                       field{"last_name", &practitioner::last_name},
                       field{"title", &practitioner::title},
                       field{"designation", &practitioner::designation},
                       field{"display_name", &practitioner::display_name},
                       field{"active", &practitioner::active},
                       field{"online_bookings", &practitioner::online_bookings},
                       field{"default_service_id", &practitioner::default_service_id}};
}

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

constexpr auto fields(const appointment_type*) {
  return record_fields{"appointment_type",
                       field{"id", &appointment_type::id},
                       field{"name", &appointment_type::name},
                       field{"category", &appointment_type::category},
                       field{"description", &appointment_type::description},
                       field{"duration_minutes", &appointment_type::duration_minutes},
                       field{"archived", &appointment_type::archived},
                       field{"online_bookings", &appointment_type::online_bookings}};
}

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

constexpr auto fields(const account_settings*) {
  return record_fields{
      "account_settings",
      field{"name", &account_settings::name},
      field{"country", &account_settings::country},
      field{"time_zone", &account_settings::time_zone},
      field{"slot_minutes", &account_settings::slot_minutes},
      field{"full", &account_settings::full},
      field{"cancellation_notice_hours", &account_settings::cancellation_notice_hours},
      field{"online_bookings", &account_settings::online_bookings}};
}

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

constexpr auto fields(const appointment*) {
  return record_fields{"appointment",
                       field{"id", &appointment::id},
                       field{"starts_at", &appointment::starts_at},
                       field{"ends_at", &appointment::ends_at},
                       field{"patient_id", &appointment::patient_id},
                       field{"practitioner_id", &appointment::practitioner_id},
                       field{"business_id", &appointment::business_id},
                       field{"appointment_type_id", &appointment::appointment_type_id},
                       field{"patient_name", &appointment::patient_name},
                       field{"notes", &appointment::notes},
                       field{"cancelled_at", &appointment::cancelled_at},
                       field{"archived", &appointment::archived},
                       field{"updated_at", &appointment::updated_at}};
}

struct patient_phone {
  /// Mobile, Home, Work, Fax or Other.
  std::string type;
  std::string number;
};

constexpr auto fields(const patient_phone*) {
  return record_fields{"patient_phone", field{"type", &patient_phone::type},
                       field{"number", &patient_phone::number}};
}

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

constexpr auto fields(const patient*) {
  return record_fields{"patient",
                       field{"id", &patient::id},
                       field{"first_name", &patient::first_name},
                       field{"last_name", &patient::last_name},
                       field{"preferred_first_name", &patient::preferred_first_name},
                       field{"email", &patient::email},
                       field{"date_of_birth", &patient::date_of_birth},
                       field{"phones", &patient::phones},
                       field{"archived", &patient::archived},
                       field{"updated_at", &patient::updated_at}};
}

/// Who works where: the practitioners listed at one business.
struct business_roster {
  std::string business_id;
  std::vector<std::string> practitioner_ids;
};

constexpr auto fields(const business_roster*) {
  return record_fields{"business_roster", field{"business_id", &business_roster::business_id},
                       field{"practitioner_ids", &business_roster::practitioner_ids}};
}

/// What one practitioner offers.
struct practitioner_services {
  std::string practitioner_id;
  std::vector<std::string> appointment_type_ids;
};

constexpr auto fields(const practitioner_services*) {
  return record_fields{"practitioner_services",
                       field{"practitioner_id", &practitioner_services::practitioner_id},
                       field{"appointment_type_ids", &practitioner_services::appointment_type_ids}};
}

/// A patient to create.
struct new_patient {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::vector<patient_phone> phones;
};

constexpr auto fields(const new_patient*) {
  return record_fields{"new_patient", field{"first_name", &new_patient::first_name},
                       field{"last_name", &new_patient::last_name},
                       field{"email", &new_patient::email}, field{"phones", &new_patient::phones}};
}

/// An appointment to create.
struct new_appointment {
  unix_seconds starts_at = 0;
  std::string patient_id;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string business_id;
  std::string notes;
};

constexpr auto fields(const new_appointment*) {
  return record_fields{"new_appointment",
                       field{"starts_at", &new_appointment::starts_at},
                       field{"patient_id", &new_appointment::patient_id},
                       field{"practitioner_id", &new_appointment::practitioner_id},
                       field{"appointment_type_id", &new_appointment::appointment_type_id},
                       field{"business_id", &new_appointment::business_id},
                       field{"notes", &new_appointment::notes}};
}

/// A change to an appointment; empty fields stay as they are.
struct appointment_change {
  unix_seconds starts_at = 0;
  unix_seconds ends_at = 0;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string business_id;
  std::string notes;
};

constexpr auto fields(const appointment_change*) {
  return record_fields{"appointment_change",
                       field{"starts_at", &appointment_change::starts_at},
                       field{"ends_at", &appointment_change::ends_at},
                       field{"practitioner_id", &appointment_change::practitioner_id},
                       field{"appointment_type_id", &appointment_change::appointment_type_id},
                       field{"business_id", &appointment_change::business_id},
                       field{"notes", &appointment_change::notes}};
}

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

constexpr auto fields(const cancellation*) {
  return record_fields{"cancellation", field{"reason", &cancellation::reason},
                       field{"note", &cancellation::note}};
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

constexpr auto fields(const appointment_query*) {
  return record_fields{"appointment_query",
                       field{"updated_since", &appointment_query::updated_since},
                       field{"starts_from", &appointment_query::starts_from},
                       field{"starts_until", &appointment_query::starts_until},
                       field{"practitioner_id", &appointment_query::practitioner_id}};
}

/// Free times of one practitioner for one service at one location, on local dates
/// `from`..`to` (YYYY-MM-DD, at most seven days apart).
struct slot_query {
  std::string business_id;
  std::string practitioner_id;
  std::string appointment_type_id;
  std::string from;
  std::string to;
};

constexpr auto fields(const slot_query*) {
  return record_fields{"slot_query",
                       field{"business_id", &slot_query::business_id},
                       field{"practitioner_id", &slot_query::practitioner_id},
                       field{"appointment_type_id", &slot_query::appointment_type_id},
                       field{"from", &slot_query::from},
                       field{"to", &slot_query::to}};
}

}  // namespace frontdesk
