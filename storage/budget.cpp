#include "storage/budget.hpp"

#include <algorithm>
#include <cmath>
#include <pqxx/pqxx>

namespace frontdesk::storage {
namespace {

// Seconds counted as one minute: one more than Cliniko's, for the clocks' difference.
constexpr std::int64_t window_seconds = 61;

}  // namespace

budget_take take_budget(pqxx::transaction_base& tx, const std::string& key_hash, std::int64_t want,
                        std::int64_t limit, std::int64_t reserve) {
  tx.exec_params("INSERT INTO cliniko_budgets (key_hash) VALUES ($1) ON CONFLICT DO NOTHING",
                 key_hash);
  const auto head = tx.exec_params1(
      "SELECT CASE WHEN paused_until > clock_timestamp() THEN extract(epoch FROM paused_until)"
      " ELSE 0 END::float8, extract(epoch FROM clock_timestamp())::float8"
      " FROM cliniko_budgets WHERE key_hash = $1 FOR UPDATE",
      key_hash);
  const auto paused = head[0].as<double>();
  const auto now = static_cast<std::int64_t>(std::floor(head[1].as<double>()));
  if (paused > 0) return {0, static_cast<std::int64_t>(std::ceil(paused))};
  const auto used = tx.exec_params1(
                          "SELECT coalesce(sum(granted), 0)::bigint FROM cliniko_grants"
                          " WHERE key_hash = $1 AND second > $2",
                          key_hash, now - window_seconds)[0]
                        .as<std::int64_t>();
  const auto granted = std::clamp(limit - reserve - used, std::int64_t{0}, want);
  // The grant and the day's per-minute tally in one round trip.
  if (granted > 0)
    tx.exec_params(
        "WITH grant_row AS (INSERT INTO cliniko_grants (key_hash, second, granted)"
        " VALUES ($1, $2, $3) ON CONFLICT (key_hash, second)"
        " DO UPDATE SET granted = cliniko_grants.granted + $3)"
        " INSERT INTO cliniko_usage (key_hash, minute, granted) VALUES ($1, $2 / 60, $3)"
        " ON CONFLICT (key_hash, minute) DO UPDATE SET granted = cliniko_usage.granted + $3",
        key_hash, now, granted);
  tx.exec_params("DELETE FROM cliniko_grants WHERE key_hash = $1 AND second <= $2", key_hash,
                 now - 2 * window_seconds);
  if (granted > 0) return {granted, 0};
  const auto oldest = tx.exec_params1(
      "SELECT coalesce(min(second), $2) FROM cliniko_grants WHERE key_hash = $1 AND second > $3",
      key_hash, now, now - window_seconds)[0];
  return {0, oldest.as<std::int64_t>() + window_seconds + 1};
}

void pause_budget(pqxx::transaction_base& tx, const std::string& key_hash, std::int64_t until) {
  tx.exec_params(
      "INSERT INTO cliniko_budgets (key_hash, paused_until) VALUES ($1, to_timestamp($2))"
      " ON CONFLICT (key_hash) DO UPDATE SET paused_until ="
      " greatest(cliniko_budgets.paused_until, EXCLUDED.paused_until)",
      key_hash, until);
}

}  // namespace frontdesk::storage
