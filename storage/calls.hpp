#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/local_copy.hpp"
#include "messages/webhook.hpp"

// Post-call events, the calls they tell of, and what frontdesk answered during each call.
namespace frontdesk::storage {

/// Keeps an event once (by its key) and updates its call, with the call report worked out
/// against what frontdesk answered in that conversation. `repeated` when it was kept before.
event_fate store_event(pqxx::transaction_base& tx, const stored_event& e);

/// Records one tool call frontdesk answered.
/// Keeps tool calls frontdesk answered, in one statement a thousand.
void record_served(pqxx::transaction_base& tx, const std::vector<served_call>& calls);

/// What frontdesk answered in a conversation, in order.
std::vector<served_call> served_in(pqxx::transaction_base& tx, const std::string& session_id);

/// Clears what was said of calls past their retention (outcomes and timings stay), and drops
/// records of served tool calls as old, and the Cliniko usage tally older than a week. Answers
/// how many calls were cleared.
std::int64_t prune_calls(pqxx::transaction_base& tx, unix_seconds now);

/// A call as `frontdesk calls` shows it; the sealed fields still sealed.
struct call_row {
  std::string conversation_id;
  std::string clinic;
  std::string status;
  std::string outcome;
  bool missed = false;
  std::string failure_reason;
  std::string termination_reason;
  unix_seconds started_at = 0;
  unix_seconds received_at = 0;
  std::int64_t duration_secs = 0;
  int tool_calls = 0, tool_errors = 0, slow_tools = 0, unserved_tools = 0;
  bool has_audio = false;
  std::string caller, title, summary, details;
};

struct call_filter {
  std::string clinic;  // name; "" any
  unix_seconds since = 0;
  std::string outcome;  // "" any
  bool missed_only = false;
  int limit = 50;
};

std::vector<call_row> list_calls(pqxx::transaction_base& tx, const call_filter& filter);
std::optional<call_row> find_call(pqxx::transaction_base& tx, const std::string& conversation_id);

/// The sealing context of a call's field: a sealed value opens only where it was sealed.
std::string call_context(const std::string& conversation_id, std::string_view field);

}  // namespace frontdesk::storage
