#pragma once

#include <optional>
#include <string_view>

#include "http/json.hpp"
#include "messages/tools.hpp"

// The agent's tools as functions: a call's fields and the conversation's context in, the answer
// out (API.md's shapes and spoken messages). The decisions come from domain/; a session calls
// these and keeps the context between calls.
namespace frontdesk::http {

/// Answers `tool` ("location-resolver", ...) for `clinic`, reading and updating what the
/// conversation has settled. Nothing when there is no such tool.
std::optional<tool_answer> run_tool(std::string_view tool, const clinic_view& clinic,
                                    booking_context& context, const json_value& input);

}  // namespace frontdesk::http
