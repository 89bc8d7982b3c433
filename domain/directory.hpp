#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "messages/fields.hpp"

// A clinic's directory as the tools read it: where it is, who works there, what they offer.
namespace frontdesk::domain {

struct location {
  std::string id;  // Cliniko business id
  std::string name;
  std::string label;
  std::string address;
  std::string city;
  std::string time_zone;
  /// Shown in online bookings: Cliniko gives free times only for what is (see offering::online).
  bool online = true;
  /// The state or territory, as Cliniko has it ("NSW"): callers name a location by it.
  std::string state{};
};

constexpr auto fields(const location*) {
  return record_fields{"location",
                       field{"id", &location::id},
                       field{"name", &location::name},
                       field{"label", &location::label},
                       field{"address", &location::address},
                       field{"city", &location::city},
                       field{"time_zone", &location::time_zone},
                       field{"online", &location::online},
                       field{"state", &location::state}};
}

struct practitioner {
  std::string id;  // Cliniko practitioner id
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string designation;
  bool online = true;
  /// Their usual service (Cliniko's default_appointment_type); empty when none.
  std::string default_service_id{};
};

constexpr auto fields(const practitioner*) {
  return record_fields{"practitioner",
                       field{"id", &practitioner::id},
                       field{"display_name", &practitioner::display_name},
                       field{"first_name", &practitioner::first_name},
                       field{"last_name", &practitioner::last_name},
                       field{"designation", &practitioner::designation},
                       field{"online", &practitioner::online},
                       field{"default_service_id", &practitioner::default_service_id}};
}

struct service {
  std::string id;  // Cliniko appointment type id
  std::string name;
  std::string category;
  int duration_minutes = 0;
  bool online = true;
};

constexpr auto fields(const service*) {
  return record_fields{"service",
                       field{"id", &service::id},
                       field{"name", &service::name},
                       field{"category", &service::category},
                       field{"duration_minutes", &service::duration_minutes},
                       field{"online", &service::online}};
}

/// Who can be booked for what, where: a practitioner's service at a location, with the
/// location's IANA zone (dates of free times are local to it). Free times are had per offering.
struct offering {
  offering() = default;
  offering(std::string location, std::string practitioner, std::string service, std::string zone,
           bool online = true, std::string account_zone = {})
      : location_id(std::move(location)),
        practitioner_id(std::move(practitioner)),
        service_id(std::move(service)),
        zone(std::move(zone)),
        online(online),
        account_zone(std::move(account_zone)) {}

  std::string location_id;
  std::string practitioner_id;
  std::string service_id;
  std::string zone;
  /// Location, practitioner and service are all shown in online bookings. Cliniko "will not
  /// return available times" otherwise: the clinic books it by hand, so "nothing free" would be
  /// false.
  bool online = true;
  /// The Cliniko account's zone, in which availability queries give their dates (empty: `zone`).
  std::string account_zone;

  auto key() const { return std::tie(location_id, practitioner_id, service_id); }
  friend bool operator<(const offering& a, const offering& b) { return a.key() < b.key(); }
  friend bool operator==(const offering& a, const offering& b) { return a.key() == b.key(); }
};

constexpr auto fields(const offering*) {
  return record_fields{"offering",
                       field{"location_id", &offering::location_id},
                       field{"practitioner_id", &offering::practitioner_id},
                       field{"service_id", &offering::service_id},
                       field{"zone", &offering::zone},
                       field{"online", &offering::online},
                       field{"account_zone", &offering::account_zone}};
}

/// What a clinic offers where, as the local copy holds it (live records only).
struct clinic_directory {
  std::int64_t clinic_id = 0;
  std::string clinic_name;
  /// The Cliniko account's zone: dates in availability queries are in it (empty: not known, and
  /// each location's own is used).
  std::string account_zone;
  /// The country whose public holidays callers name (ISO 3166 alpha-2, its locations'; empty:
  /// not known, and the deployment's region is used).
  std::string country;
  /// The clinic's calendar slot size (0: not known).
  int slot_minutes = 0;
  /// Hours of notice the clinic asks of a patient who cancels; -1 when not known (the key may
  /// not view the settings, or they were not read yet).
  int cancellation_notice_hours = -1;
  /// Whether what is hidden from online bookings is listed too (the clinic's choice); by default
  /// it is not offered over the phone, as Cliniko's flags say.
  bool lists_hidden = false;
  std::vector<location> locations;
  std::vector<practitioner> practitioners;
  std::vector<service> services;
  std::vector<offering> offerings;
  /// Who works where, services or not (a practitioner can work where none of theirs is offered).
  std::vector<std::pair<std::string, std::string>> works_at;  // practitioner id, location id

  const location* find_location(const std::string& id) const;
  const practitioner* find_practitioner(const std::string& id) const;
  const service* find_service(const std::string& id) const;
  /// The offering of that service by that practitioner at `l`; one made up for them (shown
  /// online, in the account's zone) when the directory has none.
  offering offering_at(const location& l, const std::string& practitioner_id,
                       const std::string& service_id) const;
};

constexpr auto fields(const clinic_directory*) {
  return record_fields{
      "clinic_directory",
      field{"clinic_id", &clinic_directory::clinic_id},
      field{"clinic_name", &clinic_directory::clinic_name},
      field{"account_zone", &clinic_directory::account_zone},
      field{"country", &clinic_directory::country},
      field{"slot_minutes", &clinic_directory::slot_minutes},
      field{"cancellation_notice_hours", &clinic_directory::cancellation_notice_hours},
      field{"lists_hidden", &clinic_directory::lists_hidden},
      field{"locations", &clinic_directory::locations},
      field{"practitioners", &clinic_directory::practitioners},
      field{"services", &clinic_directory::services},
      field{"offerings", &clinic_directory::offerings},
      field{"works_at", &clinic_directory::works_at}};
}

}  // namespace frontdesk::domain
