#include "tools/call.hpp"

#include "tools/answers.hpp"
#include "tools/field_names.hpp"

namespace frontdesk::tools {
namespace {

std::string text_of(const json_value& body, std::string_view key) {
  return text_field(body, key).value_or("");
}

}  // namespace

std::optional<tool_answer> legacy_field_answer(const json_value& body) {
  for (const char* name : {"locationId", "location_id", "locationID", "LocationId"})
    if (body.find(name))
      return tool_answer{400, failure("legacy_field", std::string("The field ") + name +
                                                          " is no longer accepted: send the "
                                                          "location as business_id.")};
  return std::nullopt;
}

std::variant<call_context, tool_answer> read_call(const json_value& body) {
  if (auto legacy = legacy_field_answer(body)) return std::move(*legacy);
  return call_context{text_of(body, field_names::session_id),
                      text_of(body, field_names::dialed_number),
                      text_of(body, field_names::caller_phone), 0};
}

initiation_call read_initiation(const json_value& body) {
  return {text_of(body, "called_number"), text_of(body, "agent_id"), text_of(body, "caller_id")};
}

}  // namespace frontdesk::tools
