#include "storage/migrations.hpp"

#include <openssl/sha.h>

#include <map>
#include <pqxx/pqxx>

namespace frontdesk::storage {
namespace {

// Any fixed number works; it only has to be the same in every frontdesk process.
constexpr long long migration_lock_key = 7'261'450'113;

void ensure_history_table(pqxx::transaction_base& tx) {
  tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version integer PRIMARY KEY,"
      " name text NOT NULL,"
      " checksum text NOT NULL,"
      " applied_at timestamptz NOT NULL DEFAULT now())");
}

schema_status status_of(pqxx::transaction_base& tx) {
  std::map<int, std::string> applied;
  const bool has_history =
      tx.exec1("SELECT to_regclass('schema_migrations') IS NOT NULL")[0].as<bool>();
  if (has_history)
    for (const auto& row : tx.exec("SELECT version, checksum FROM schema_migrations"))
      applied[row[0].as<int>()] = row[1].as<std::string>();
  schema_status status;
  for (const auto& m : all_migrations()) {
    auto it = applied.find(m.version);
    if (it == applied.end()) {
      status.pending.push_back(m);
      continue;
    }
    if (it->second != checksum(m.sql))
      throw migration_error("migration " + std::string(m.name) +
                            " was changed after it was applied; add a new migration instead");
    status.current = std::max(status.current, m.version);
  }
  if (!applied.empty()) status.current = std::max(status.current, applied.rbegin()->first);
  return status;
}

}  // namespace

std::string checksum(std::string_view sql) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(sql.data()), sql.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += hex[byte >> 4];
    out += hex[byte & 0xF];
  }
  return out;
}

schema_status read_schema_status(pqxx::connection& conn) {
  pqxx::read_transaction tx{conn};
  return status_of(tx);
}

std::vector<int> apply_migrations(pqxx::connection& conn) {
  std::vector<int> applied;
  pqxx::work tx{conn};
  // Transaction-scoped lock: a second migrator waits here, then sees nothing pending.
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", migration_lock_key);
  ensure_history_table(tx);
  for (const auto& m : status_of(tx).pending) {
    tx.exec(std::string(m.sql));
    tx.exec_params("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                   m.version, std::string(m.name), checksum(m.sql));
    applied.push_back(m.version);
  }
  tx.commit();
  return applied;
}

}  // namespace frontdesk::storage
