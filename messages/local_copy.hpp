#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"
#include "messages/fields.hpp"

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

constexpr auto fields(const clinic_record*) {
  return record_fields{"clinic_record",
                       field{"id", &clinic_record::id},
                       field{"name", &clinic_record::name},
                       field{"time_zone", &clinic_record::time_zone},
                       field{"shard", &clinic_record::shard},
                       field{"sealed_key", &clinic_record::sealed_key},
                       field{"active", &clinic_record::active}};
}

/// The whole directory as Cliniko has it now.
struct directory_snapshot {
  account_settings settings;
  std::vector<business> businesses;
  std::vector<practitioner> practitioners;
  std::vector<appointment_type> appointment_types;
  std::vector<business_roster> rosters;
  std::vector<practitioner_services> services;
};

constexpr auto fields(const directory_snapshot*) {
  return record_fields{"directory_snapshot",
                       field{"settings", &directory_snapshot::settings},
                       field{"businesses", &directory_snapshot::businesses},
                       field{"practitioners", &directory_snapshot::practitioners},
                       field{"appointment_types", &directory_snapshot::appointment_types},
                       field{"rosters", &directory_snapshot::rosters},
                       field{"services", &directory_snapshot::services}};
}

/// Where a clinic's sync stands (UNIX seconds; 0: never).
struct sync_state {
  unix_seconds directory_synced_at = 0;
  unix_seconds appointments_watermark = 0;
  unix_seconds patients_watermark = 0;
  unix_seconds last_success_at = 0;
  std::string last_error;
};

constexpr auto fields(const sync_state*) {
  return record_fields{"sync_state",
                       field{"directory_synced_at", &sync_state::directory_synced_at},
                       field{"appointments_watermark", &sync_state::appointments_watermark},
                       field{"patients_watermark", &sync_state::patients_watermark},
                       field{"last_success_at", &sync_state::last_success_at},
                       field{"last_error", &sync_state::last_error}};
}

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

constexpr auto fields(const local_counts*) {
  return record_fields{"local_counts",
                       field{"locations", &local_counts::locations},
                       field{"practitioners", &local_counts::practitioners},
                       field{"services", &local_counts::services},
                       field{"offerings", &local_counts::offerings},
                       field{"appointments", &local_counts::appointments},
                       field{"patients", &local_counts::patients},
                       field{"phone_numbers", &local_counts::phone_numbers}};
}

}  // namespace frontdesk
