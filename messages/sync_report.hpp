#pragma once

#include <cstdint>

#include "messages/fields.hpp"
#include "messages/local_copy.hpp"

// What a sync of a clinic's local copy did. Plain records: no CAF here.
namespace frontdesk {

enum class sync_kind : std::uint8_t {
  /// Only what changed since the last sync (appointments and patients by updated_at), plus the
  /// directory when it is due.
  incremental = 0,
  /// Everything: the directory, upcoming appointments, all patients.
  full = 1,
};

struct sync_report {
  sync_kind kind = sync_kind::incremental;
  bool directory_refreshed = false;
  std::int64_t appointments_fetched = 0;
  std::int64_t patients_fetched = 0;
  /// Patient phone numbers that could not be read as numbers (left out of the index).
  std::int64_t unreadable_numbers = 0;
  /// Requests this sync sent to Cliniko (pages and retries included).
  std::int64_t cliniko_requests = 0;
  std::int64_t duration_ms = 0;
  /// What the local copy holds afterwards.
  local_counts counts;
};

constexpr auto fields(const sync_report*) {
  return record_fields{"sync_report",
                       field{"kind", &sync_report::kind},
                       field{"directory_refreshed", &sync_report::directory_refreshed},
                       field{"appointments_fetched", &sync_report::appointments_fetched},
                       field{"patients_fetched", &sync_report::patients_fetched},
                       field{"unreadable_numbers", &sync_report::unreadable_numbers},
                       field{"cliniko_requests", &sync_report::cliniko_requests},
                       field{"duration_ms", &sync_report::duration_ms},
                       field{"counts", &sync_report::counts}};
}

}  // namespace frontdesk
