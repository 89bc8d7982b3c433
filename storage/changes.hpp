#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <thread>
#include <vector>

#include "messages/local_copy.hpp"

// What one node changed that every other node keeps in memory (free times, directories), told
// through PostgreSQL's LISTEN/NOTIFY: delivered at commit, to every listening node, as keys
// (clinic and practitioners), never as data.
namespace frontdesk::storage {

/// A change as told: whose free times, or whose directory.
struct change {
  enum class kind : std::uint8_t { times, directory };
  kind what = kind::times;
  /// The node whose work it was (it has already forgotten what changed).
  std::string node;
  clinic_id clinic = 0;
  /// The practitioners whose calendars changed; empty: all of the clinic's.
  std::vector<std::string> practitioners;
};

/// The channel changes go on.
inline constexpr const char* changes_channel = "frontdesk_changes";

/// Tells every node, at this transaction's commit, of the change.
void notify(pqxx::transaction_base& tx, const change& c);

/// The payload as sent (under PostgreSQL's 8,000 bytes: a long list becomes "all").
std::string payload_of(const change& c);
std::optional<change> change_of(const std::string& payload);

/// Listens for changes on a connection and thread of its own, reconnecting while the database
/// is away; hands each one to `on_change` (on its thread).
class change_listener {
 public:
  change_listener(std::string url, std::function<void(const change&)> on_change);
  ~change_listener();
  change_listener(const change_listener&) = delete;
  change_listener& operator=(const change_listener&) = delete;

 private:
  void run();

  std::string url_;
  std::function<void(const change&)> on_change_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace frontdesk::storage
