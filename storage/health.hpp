#pragma once

#include <cstdint>
#include <map>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"

// What the console's pages read beside calls: the clinics' zones and practitioners, what calls
// booked, sync state, tool latency over a day, webhook events. For the clinics given by id only.
namespace frontdesk::storage {

/// Every clinic's IANA zone, by its name.
std::map<std::string, std::string> clinic_zones(pqxx::transaction_base& tx);

/// The practitioners of these clinics: id and display name, by name.
std::vector<std::pair<std::string, std::string>> practitioner_names(
    pqxx::transaction_base& tx, const std::vector<std::int64_t>& clinics);

/// A booking, move or cancellation carried out in a conversation.
struct change_row {
  std::string session_id, kind, practitioner_id, clinic, appointment_id;
  unix_seconds starts_at = 0;
};
std::vector<change_row> changes_in(pqxx::transaction_base& tx,
                                   const std::vector<std::string>& sessions);

struct sync_row {
  std::string clinic;
  unix_seconds directory_synced_at = 0, last_success_at = 0, last_attempt_at = 0;
  std::string last_error;
};
std::vector<sync_row> sync_states(pqxx::transaction_base& tx,
                                  const std::vector<std::int64_t>& clinics);

/// The tool calls answered in one hour of the day (local to `zone`).
struct latency_hour {
  int hour = 0;
  int calls = 0;
  int failed = 0;  // answered success:false, or not 200
  int waited = 0;  // waited on a Cliniko request
  double p50_ms = 0, p95_ms = 0;
};
std::vector<latency_hour> tool_latency(pqxx::transaction_base& tx,
                                       const std::vector<std::int64_t>& clinics, unix_seconds from,
                                       unix_seconds to, const std::string& zone);

/// Cliniko requests granted against one key in each hour of the day (local to `zone`).
struct usage_hour {
  int hour = 0;
  int granted = 0;
  int busiest_minute = 0;
};
std::vector<usage_hour> cliniko_usage(pqxx::transaction_base& tx, const std::string& key_hash,
                                      unix_seconds from, unix_seconds to, const std::string& zone);

struct event_count {
  std::string type;
  int events = 0;
};
std::vector<event_count> webhook_events(pqxx::transaction_base& tx,
                                        const std::vector<std::int64_t>& clinics, unix_seconds from,
                                        unix_seconds to);

}  // namespace frontdesk::storage
