#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/json.hpp"
#include "messages/cliniko.hpp"

// Cliniko's JSON, read into frontdesk's records (and the little frontdesk writes back), as
// cliniko-api.md documents it: ids as strings, related records as links (absolute or relative),
// "" for an absent time.
namespace frontdesk::cliniko {

/// One page of a Cliniko list: its records and the link to the next page, as Cliniko wrote it.
struct list_page {
  std::vector<json_value> items;
  std::optional<std::string> next;
  std::int64_t total_entries = 0;
};

/// Reads {"<key>":[...],"total_entries":N,"links":{"next":...}}; nothing when the body is not
/// such a page.
std::optional<list_page> parse_page(std::string_view body, std::string_view key);

/// The id at the end of a link object's URL: {"links":{"self":".../practitioners/42"}} -> "42".
std::string id_from_link(const json_value& link_holder);

std::optional<business> to_business(const json_value& record);
std::optional<practitioner> to_practitioner(const json_value& record);
/// Reads `GET /settings` (`full`) or `GET /settings/public`.
std::optional<account_settings> to_account_settings(const json_value& doc, bool full);
std::optional<appointment_type> to_appointment_type(const json_value& record);
std::optional<appointment> to_appointment(const json_value& record);
std::optional<patient> to_patient(const json_value& record);

/// Request bodies of Cliniko's writes.
std::string to_json(const new_patient& p);
std::string to_json(const new_appointment& a);
std::string to_json(const appointment_change& c);
std::string to_json(const cancellation& c);

/// The field messages of a 422 answer ({"errors":{"field":"message"}}), "field: message; ...".
std::string validation_summary(std::string_view body);

}  // namespace frontdesk::cliniko
