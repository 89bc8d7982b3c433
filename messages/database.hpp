#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>

#include "messages/atoms.hpp"

// The storage actors: each owns PostgreSQL connections, so nothing else blocks on the database.
namespace frontdesk {

/// What a successful ping learned about the database.
struct database_status {
  /// Highest schema migration applied.
  std::int32_t schema_version = 0;
  /// Round trip of the ping query, in microseconds.
  std::int64_t round_trip_us = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, database_status& x) {
  return f(caf::meta::type_name("database_status"), x.schema_version, x.round_trip_us);
}

/// The DATABASE actor interface (a pool of connection-owning workers behind one handle).
using database_actor = caf::typed_actor<
    /// Check that the database answers; fails with error_code::database_unavailable if not.
    caf::replies_to<ping_atom>::with<database_status>>;

}  // namespace frontdesk
