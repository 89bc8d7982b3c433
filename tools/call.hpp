#pragma once

#include <optional>
#include <string>
#include <variant>

#include "messages/json_value.hpp"
#include "messages/session.hpp"

// What the front reads of a body before the call goes on: the envelope every tool call carries
// (ElevenLabs' system variables) and the fields of the conversation-initiation webhook. This is
// the one place they are read.
namespace frontdesk::tools {

/// The 400 for a body that names a location the old way ("locationId", "location_id", ...): the
/// contract names it business_id, always. Nothing when the body is fine.
std::optional<tool_answer> legacy_field_answer(const json_value& body);

/// A tool call's envelope: `sessionId`, `dialedNumber` and `callerPhone` (each "" when absent),
/// or the answer for a body that cannot be a call.
std::variant<call_context, tool_answer> read_call(const json_value& body);

/// The conversation-initiation webhook's fields (elevenlabs.md), each "" when absent.
struct initiation_call {
  std::string called_number;
  std::string agent_id;
  std::string caller_id;
};

initiation_call read_initiation(const json_value& body);

}  // namespace frontdesk::tools
