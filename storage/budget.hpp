#pragma once

#include <cstdint>
#include <pqxx/transaction_base>
#include <string>

// Cliniko's request budget per API key, shared by every node (the key itself is never stored:
// its SHA-256).
namespace frontdesk::storage {

/// What a node got from the shared budget.
struct budget_take {
  /// Requests it may send now (0 to the number asked for).
  std::int64_t granted = 0;
  /// When none was granted: no request is to be had before this UNIX time (Cliniko's pause, or
  /// when the oldest grant of the minute ages out).
  std::int64_t not_before = 0;
};

/// Takes up to `want` requests from the key's rolling minute of `limit` requests; background
/// work only while the minute has more than `reserve` left for live calls.
budget_take take_budget(pqxx::transaction_base& tx, const std::string& key_hash, std::int64_t want,
                        std::int64_t limit, std::int64_t reserve);

/// Cliniko answered 429: no node sends with this key before `until` (UNIX seconds).
void pause_budget(pqxx::transaction_base& tx, const std::string& key_hash, std::int64_t until);

}  // namespace frontdesk::storage
