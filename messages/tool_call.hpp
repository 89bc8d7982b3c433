#pragma once

#include <cstdint>
#include <string>

#include "messages/fields.hpp"
#include "messages/json_value.hpp"

// A tool call as a session takes it, and the answer it gives. Plain records: no CAF here.
namespace frontdesk {

/// What every tool call carries besides its own fields.
struct call_context {
  std::string session_id;
  std::string dialed_number;
  std::string caller_phone;
  /// steady_clock nanoseconds by which the answer must be on its way (0: the default deadline).
  std::int64_t deadline_ns = 0;
};

constexpr auto fields(const call_context*) {
  return record_fields{"call_context", field{"session_id", &call_context::session_id},
                       field{"dialed_number", &call_context::dialed_number},
                       field{"caller_phone", &call_context::caller_phone},
                       field{"deadline_ns", &call_context::deadline_ns, not_recorded}};
}

/// One tool call: the tool (its path without the slash) and its fields as the agent sent them.
struct tool_call {
  std::string tool;
  call_context call;
  json_value input;
};

constexpr auto fields(const tool_call*) {
  return record_fields{"tool_call", field{"tool", &tool_call::tool},
                       field{"call", &tool_call::call}, field{"input", &tool_call::input}};
}

/// The answer to a tool call: an HTTP status and the JSON object to send.
struct tool_answer {
  unsigned status = 200;
  json_value body;
  /// Making it waited on a Cliniko request (free times not in the cache); for the console.
  bool waited_on_cliniko = false;
};

constexpr auto fields(const tool_answer*) {
  return record_fields{"tool_answer", field{"status", &tool_answer::status},
                       field{"body", &tool_answer::body},
                       field{"waited_on_cliniko", &tool_answer::waited_on_cliniko, not_recorded}};
}

}  // namespace frontdesk
