#pragma once

#include <caf/meta/type_name.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"

// What the storage actors keep of each clinic's Cliniko account.
namespace frontdesk {

using clinic_id = std::int64_t;

/// A clinic as onboarded: its Cliniko key stays sealed until a gateway needs it.
struct clinic_record {
  clinic_id id = 0;
  std::string name;
  std::string time_zone;
  std::string shard;
  std::string sealed_key;
  bool active = true;
};

/// The whole directory as Cliniko has it now.
struct directory_snapshot {
  account_settings settings;
  std::vector<business> businesses;
  std::vector<practitioner> practitioners;
  std::vector<appointment_type> appointment_types;
  std::vector<business_roster> rosters;
  std::vector<practitioner_services> services;
};

/// Where a clinic's sync stands (UNIX seconds; 0: never).
struct sync_state {
  unix_seconds directory_synced_at = 0;
  unix_seconds appointments_watermark = 0;
  unix_seconds patients_watermark = 0;
  unix_seconds last_success_at = 0;
  std::string last_error;
};

/// How much of a clinic the local copy holds (live records only).
struct local_counts {
  std::int64_t locations = 0;
  std::int64_t practitioners = 0;
  std::int64_t services = 0;
  std::int64_t offerings = 0;
  /// Booked: neither cancelled nor archived.
  std::int64_t appointments = 0;
  std::int64_t patients = 0;
  std::int64_t phone_numbers = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, clinic_record& x) {
  return f(caf::meta::type_name("clinic_record"), x.id, x.name, x.time_zone, x.shard, x.sealed_key,
           x.active);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, directory_snapshot& x) {
  return f(caf::meta::type_name("directory_snapshot"), x.settings, x.businesses, x.practitioners,
           x.appointment_types, x.rosters, x.services);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, sync_state& x) {
  return f(caf::meta::type_name("sync_state"), x.directory_synced_at, x.appointments_watermark,
           x.patients_watermark, x.last_success_at, x.last_error);
}

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, local_counts& x) {
  return f(caf::meta::type_name("local_counts"), x.locations, x.practitioners, x.services,
           x.offerings, x.appointments, x.patients, x.phone_numbers);
}

}  // namespace frontdesk
