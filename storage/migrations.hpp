#pragma once

#include <pqxx/connection>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Versioned schema migrations, embedded in the binary and applied in order, each once.
namespace frontdesk::storage {

struct migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

/// Every migration this build knows, in version order (generated from storage/migrations/).
const std::vector<migration>& all_migrations();

/// The database's schema disagrees with this build in a way migrating cannot fix.
struct migration_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct schema_status {
  /// Highest version applied (0 on an empty database).
  int current = 0;
  /// Known migrations not applied yet, in order.
  std::vector<migration> pending;
};

/// Reads what has been applied. Throws migration_error when an applied migration's text was
/// changed since (its checksum differs).
schema_status read_schema_status(pqxx::connection& conn);

/// Applies every pending migration in one transaction (all or none), under an advisory lock so
/// that concurrent migrators wait for each other. Returns the versions it applied.
std::vector<int> apply_migrations(pqxx::connection& conn);

/// SHA-256 of a migration's text, in hex.
std::string checksum(std::string_view sql);

}  // namespace frontdesk::storage
