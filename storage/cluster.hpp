#pragma once

#include <chrono>
#include <cstdint>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/local_copy.hpp"

// The nodes of one frontdesk on one database: who is alive, and who leads what.
namespace frontdesk::storage {

/// A node as the others see it.
struct node_row {
  std::string name;
  std::string address;
  int pid = 0;
  unix_seconds started_at = 0;
  /// Seconds since its last beat, as the database's clock reads it.
  double silent_for = 0;
  bool draining = false;
  /// The clinics whose background work it leads.
  std::vector<std::string> leads;
};

/// A node silent this long is gone: its leases are anyone's, its pending intents are settled.
constexpr std::chrono::seconds node_gone_after{5};

/// The node's beat: its row made or refreshed; the first of a run marks when it started (an
/// intent older than that was not written by this run).
void beat(pqxx::transaction_base& tx, const std::string& name, const std::string& address, int pid,
          bool draining, bool first);

/// The node's row and leases removed (a clean stop): the others take over at once.
void leave(pqxx::transaction_base& tx, const std::string& name);

/// Of `clinics`, those whose `work` this node leads after the call: leases it held renewed,
/// leases free, lapsed or held by a node that is gone taken, each for `lease` from now.
std::vector<clinic_id> lead(pqxx::transaction_base& tx, const std::string& name,
                            const std::vector<clinic_id>& clinics, const std::string& work,
                            std::chrono::seconds lease);

/// Every node that beat within `since` seconds (all when 0), with what each leads.
std::vector<node_row> list_nodes(pqxx::transaction_base& tx, std::int64_t since = 0);

}  // namespace frontdesk::storage
