#include "cliniko/requests.hpp"

#include <algorithm>
#include <cctype>

#include "domain/encoding.hpp"
#include "domain/numbers.hpp"
#include "domain/time_zone.hpp"
#include "http/url.hpp"

namespace frontdesk::cliniko {
namespace {

std::string iso(unix_seconds t) {
  return domain::format_utc(domain::at(t));
}

bool is_id(const std::string& s) {
  return domain::is_cliniko_id(s);
}

const std::string every_archived = "archived_at:*";

}  // namespace

std::string shard_of(std::string_view api_key) {
  const auto dash = api_key.rfind('-');
  if (dash == std::string_view::npos) return "au1";
  const auto suffix = api_key.substr(dash + 1);
  const bool shaped = suffix.size() >= 3 && std::isalpha(static_cast<unsigned char>(suffix[0])) &&
                      std::isalpha(static_cast<unsigned char>(suffix[1])) &&
                      std::all_of(suffix.begin() + 2, suffix.end(), [](char c) {
                        return std::isdigit(static_cast<unsigned char>(c));
                      });
  return shaped ? std::string(suffix) : "au1";
}

std::string base_url_of(std::string_view api_key) {
  return "https://api." + shard_of(api_key) + ".cliniko.com/v1";
}

std::string route_of(std::string_view method, std::string_view target, std::string_view base_path) {
  auto path = target.substr(0, target.find('?'));
  if (!base_path.empty() && path.starts_with(base_path)) path.remove_prefix(base_path.size());
  std::string out{method};
  out += ' ';
  while (!path.empty()) {
    path.remove_prefix(1);  // the slash
    const auto segment = path.substr(0, path.find('/'));
    const bool id = !segment.empty() && std::all_of(segment.begin(), segment.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
    out += '/';
    out += id ? std::string_view{":id"} : segment;
    path.remove_prefix(segment.size());
  }
  return out;
}

std::string target_of(std::string_view link, std::string_view base_path) {
  const auto scheme = link.find("://");
  if (scheme != std::string_view::npos) {
    const auto slash = link.find('/', scheme + 3);
    return slash == std::string_view::npos ? "/" : std::string(link.substr(slash));
  }
  // A relative link ("/businesses/1/…", as an older documented example shows) is relative to
  // the API's base, not to the host.
  const bool based = !base_path.empty() && link.starts_with(base_path) &&
                     (link.size() == base_path.size() || link[base_path.size()] == '/');
  if (based) return std::string(link);
  std::string target{base_path};
  if (!link.starts_with('/')) target += '/';
  return target.append(link);
}

std::string basic_auth(std::string_view api_key) {
  std::string credentials{api_key};
  credentials += ':';
  return "Basic " + domain::base64_encode(credentials);
}

header_fields headers_for(std::string_view api_key, std::string_view user_agent) {
  return {{"Authorization", basic_auth(api_key)},
          {"Accept", "application/json"},
          {"User-Agent", std::string(user_agent)}};
}

std::string filter(std::string_view condition) {
  return "&" + http::url_encode("q[]") + "=" + http::url_encode(condition);
}

std::string listed(std::string_view path) {
  std::string out{path};
  out += path.find('?') == std::string_view::npos ? "?" : "&";
  return out + "per_page=100";
}

std::string businesses_path() {
  return "/businesses?" + filter(every_archived).substr(1);
}

std::string appointment_types_path() {
  return "/appointment_types?" + filter(every_archived).substr(1);
}

std::string appointments_path(const appointment_query& q) {
  std::string path =
      "/individual_appointments?" + filter(every_archived).substr(1) + filter("cancelled_at:*");
  if (q.updated_since > 0) path += filter("updated_at:>" + iso(q.updated_since));
  if (q.starts_from > 0) path += filter("starts_at:>=" + iso(q.starts_from));
  if (q.starts_until > 0) path += filter("starts_at:<=" + iso(q.starts_until));
  if (is_id(q.practitioner_id)) path += filter("practitioner_id:=" + q.practitioner_id);
  return path;
}

std::string patients_path(unix_seconds updated_since) {
  std::string path = "/patients?" + filter(every_archived).substr(1);
  if (updated_since > 0) path += filter("updated_at:>" + iso(updated_since));
  return path;
}

std::optional<std::string> slots_path(const slot_query& q) {
  const auto from = domain::parse_date(q.from), to = domain::parse_date(q.to);
  if (!is_id(q.business_id) || !is_id(q.practitioner_id) || !is_id(q.appointment_type_id) ||
      !from || !to || date::sys_days{*to} < date::sys_days{*from} ||
      date::sys_days{*to} - date::sys_days{*from} > date::days{6})
    return std::nullopt;
  return "/businesses/" + q.business_id + "/practitioners/" + q.practitioner_id +
         "/appointment_types/" + q.appointment_type_id + "/available_times?from=" + q.from +
         "&to=" + q.to;
}

}  // namespace frontdesk::cliniko
