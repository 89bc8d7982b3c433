#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "domain/directory.hpp"
#include "messages/fields.hpp"
#include "messages/local_copy.hpp"

// What the database told of itself, and a clinic's directory as it is shared. Plain records: no CAF
// here.
namespace frontdesk {

/// What a successful ping learned about the database.
struct database_status {
  /// Highest schema migration applied.
  std::int32_t schema_version = 0;
  /// Round trip of the ping query, in microseconds.
  std::int64_t round_trip_us = 0;
};

constexpr auto fields(const database_status*) {
  return record_fields{"database_status", field{"schema_version", &database_status::schema_version},
                       field{"round_trip_us", &database_status::round_trip_us}};
}

/// A clinic's directory, read once and shared, never changed, by whoever needs it.
using directory_ptr = std::shared_ptr<const domain::clinic_directory>;

}  // namespace frontdesk
