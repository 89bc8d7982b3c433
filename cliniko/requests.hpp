#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "messages/cliniko.hpp"
#include "messages/http_exchange.hpp"

// How frontdesk asks Cliniko: where (the key's shard), as whom (Basic auth, the User-Agent
// Cliniko requires), and the paths and filters of each question (cliniko-api.md, "Connection"
// and "Lists"). Paths are relative to the API's base path ("/v1").
namespace frontdesk::cliniko {

/// The shard a key belongs to: the suffix after its last dash ("...-au2" -> "au2"); au1 when it
/// has none, or when the suffix is not shaped like one.
std::string shard_of(std::string_view api_key);

/// "https://api.<shard>.cliniko.com/v1".
std::string base_url_of(std::string_view api_key);

/// `Basic base64(key + ":")`: the key is the user name, the password empty.
std::string basic_auth(std::string_view api_key);

/// The headers of every request: Authorization, Accept and the deployment's User-Agent.
header_fields headers_for(std::string_view api_key, std::string_view user_agent);

/// One `q[]=<condition>` filter, URL-encoded, with its leading `&`.
std::string filter(std::string_view condition);

/// A list's path with the largest page Cliniko allows (`per_page=100`).
std::string listed(std::string_view path);

/// Businesses and services, archived ones included (a sync marks them archived here).
std::string businesses_path();
std::string appointment_types_path();

/// Appointments as `q` asks, archived and cancelled ones included: a sync that left them out
/// would never see a cancellation made at the front desk.
std::string appointments_path(const appointment_query& q);

/// Patients changed after `updated_since` (0: all), archived ones included.
std::string patients_path(unix_seconds updated_since);

/// The path of a free-times question; nothing when an id is not Cliniko's or the dates are not
/// in order and at most 6 days apart (Cliniko allows 7 dates; support once said 6: the safer).
std::optional<std::string> slots_path(const slot_query& q);

/// The request target a link names: the path and query of an absolute URL
/// ("https://h/v1/x?page=2" -> "/v1/x?page=2"), or a relative one put under `base_path`
/// ("/x?page=2" -> "/v1/x?page=2").
std::string target_of(std::string_view link, std::string_view base_path);

/// A request as metrics name it, ids and query left out so that the names stay few:
/// ("GET", "/v1/practitioners/42/appointment_types?page=2", "/v1") ->
/// "GET /practitioners/:id/appointment_types".
std::string route_of(std::string_view method, std::string_view target, std::string_view base_path);

}  // namespace frontdesk::cliniko
