#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "http/json.hpp"
#include "support/directories.hpp"
#include "tools/catalogue.hpp"

// Calling the tools as plain functions, on a directory built by hand: no actors, no database.
// Each call goes through the catalogue, as a session's would.
namespace frontdesk::tool_testing {

using tools::booking_context;

inline json_value body(std::string_view text) {
  return *http::parse_json(text);
}

inline std::string text(const json_value& v, std::string_view key) {
  return text_field(v, key).value_or("");
}

// Wednesday the 25th of November 2026, 11 AM in Sydney: the session's clock in these tests.
inline const domain::instant wednesday_11am = *domain::parse_instant("2026-11-25T00:00:00Z");

inline std::optional<tools::tool_step> step(std::string_view tool, const clinic_view& clinic,
                                            booking_context& context, std::string_view input) {
  const auto fields = body(input);
  std::string path = "/";  // appended: GCC 12 warns falsely (-Wrestrict) of "/" + string
  path.append(tool);
  const auto* found = tools::find_tool(path);
  if (!found) return std::nullopt;
  return found->run(context, {clinic, fields, wednesday_11am, {}, "", "", "AU"});
}

// The answer of a tool that needs no free times.
inline std::optional<tool_answer> run(std::string_view tool, const clinic_view& clinic,
                                      booking_context& context, std::string_view input) {
  auto next = step(tool, clinic, context, input);
  if (!next) return std::nullopt;
  auto* answer = std::get_if<tool_answer>(&*next);
  if (!answer) {
    ADD_FAILURE() << tool << " asked for free times";
    return std::nullopt;
  }
  return std::move(*answer);
}

/// The question a step asks of the availability actor, if that is what it is.
template <class Reply>
tools::ask_step<slot_request, Reply>* asked(std::optional<tools::tool_step>& step) {
  if (!step) return nullptr;
  return std::get_if<tools::ask_step<slot_request, Reply>>(&*step);
}

inline unix_seconds seconds(const char* text) {
  return domain::seconds_of(*domain::parse_instant(text));
}

}  // namespace frontdesk::tool_testing
