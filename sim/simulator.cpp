#include "sim/simulator.hpp"

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <variant>

#include "domain/encoding.hpp"
#include "http/url.hpp"
#include "sim/availability.hpp"
#include "sim/query.hpp"

namespace frontdesk::sim {
namespace {

using http::url_encode;

using namespace std::chrono_literals;
using records = std::vector<json_value>;

json_value text(std::string s) {
  return json_value{std::move(s)};
}

std::string id_of(const json_value& record) {
  return text_field(record, "id").value_or("");
}

bool is_archived(const json_value& record) {
  for (const char* key : {"archived_at", "deleted_at"})
    if (const auto* v = record.find(key); v && !v->is_null()) return true;
  return false;
}

bool is_cancelled(const json_value& record) {
  const auto* v = record.find("cancelled_at");
  return v && !v->is_null();
}

bool is_deleted(const json_value& record) {
  const auto* v = record.find("deleted_at");
  return v && !v->is_null();
}

http_response json_answer(unsigned status, const json_value& body) {
  return {status, http::to_json(body)};
}

http_response message(unsigned status, std::string text_message) {
  json_value body{json_value::object{}};
  body.set("message", text(std::move(text_message)));
  return json_answer(status, body);
}

http_response not_found() {
  // Cliniko has answered 404s both as JSON and as an HTML page; the simulator gives the page.
  http_response r{
      404, "<html><body><h1>The page you were looking for doesn't exist.</h1></body></html>"};
  r.content_type = "text/html";
  return r;
}

http_response validation_failed(const std::vector<std::pair<std::string, std::string>>& errors) {
  json_value fields{json_value::object{}};
  for (const auto& [field, why] : errors) fields.set(field, text(why));
  json_value body{json_value::object{}};
  body.set("message", text("Validation Failed"));
  body.set("errors", std::move(fields));
  return json_answer(422, body);
}

// The related records Cliniko shows as link objects, by the internal field that holds the id.
struct link_field {
  const char* internal;
  const char* name;
  const char* table;
};
const std::vector<link_field>& links_of(std::string_view table) {
  static const std::vector<link_field> appointment{
      {"appointment_type_id", "appointment_type", "appointment_types"},
      {"business_id", "business", "businesses"},
      {"practitioner_id", "practitioner", "practitioners"},
      {"patient_id", "patient", "patients"}};
  static const std::vector<link_field> practitioner{
      {"default_appointment_type_id", "default_appointment_type", "appointment_types"}};
  static const std::vector<link_field> none;
  if (table == "practitioners") return practitioner;
  return table == "individual_appointments" ? appointment : none;
}

json_value link_to(const std::string& url) {
  json_value links{json_value::object{}};
  links.set("self", text(url));
  json_value holder{json_value::object{}};
  holder.set("links", std::move(links));
  return holder;
}

std::vector<std::string_view> segments_of(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (slash != 0) parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

const std::set<int> cancellation_reasons{10, 20, 30, 31, 40, 50, 60};

std::string cancellation_description(int code) {
  switch (code) {
    case 10:
      return "Feeling better";
    case 20:
      return "Condition worse";
    case 30:
      return "Sick";
    case 31:
      return "COVID-19 related";
    case 40:
      return "Away";
    case 60:
      return "Work";
    default:
      return "Other";
  }
}

}  // namespace

struct simulator::impl {
  impl(scenario s, sim_options o)
      : data(std::move(s)), zone(account_zone(data)), options(std::move(o)), random(options.seed) {
    next_id = 514810976554460001;
    timers_thread = std::thread([this] { io.run(); });
  }

  ~impl() {
    guard.reset();
    io.stop();
    timers_thread.join();
  }

  // ---- the request as a whole: auth, user agent, rate limit, routing ----

  http_response answer(const http_request& req, domain::instant now) {
    ++served;
    const auto auth = req.header("authorization");
    const auto user = auth.starts_with("Basic ")
                          ? domain::base64_decode(auth.substr(6)).value_or("")
                          : std::string{};
    const auto presented = user.substr(0, user.find(':'));
    if (presented.empty() || presented != options.api_key) return message(401, "Unauthorized");
    if (req.header("user-agent").find('@') == std::string_view::npos)
      return message(403, "Requests need a User-Agent naming the application and a contact email");
    if (auto limited = over_rate_limit(presented, now)) return *limited;
    if (!req.path.starts_with("/v1/")) return not_found();
    std::string why;
    auto query = parse_query(req.query, &why);
    if (!query) return message(400, why);
    base = options.relative_links       ? std::string{}
           : options.public_url.empty() ? "http://" + std::string(req.header("host")) + "/v1"
                                        : options.public_url;
    return route(req, segments_of(std::string_view(req.path).substr(4)), *query, now);
  }

  std::optional<http_response> over_rate_limit(const std::string& key, domain::instant now) {
    auto& window = windows[key];
    const auto steady = std::chrono::steady_clock::now();
    while (!window.empty() && steady - window.front() >= options.rate_window) window.pop_front();
    if (static_cast<int>(window.size()) >= options.rate_limit) {
      ++limited;
      const auto reset = now +
                         std::chrono::duration_cast<std::chrono::seconds>(
                             window.front() + options.rate_window - steady) +
                         1s;
      auto r = message(429, "Too Many Requests");
      r.headers.emplace_back("X-RateLimit-Reset", std::to_string(reset.time_since_epoch().count()));
      return r;
    }
    window.push_back(steady);
    accepted.push_back(steady);
    return std::nullopt;
  }

  http_response route(const http_request& req, const std::vector<std::string_view>& s,
                      const list_query& q, domain::instant now) {
    const auto& m = req.method;
    const auto n = s.size();
    if (n == 0) return not_found();
    const std::string_view top = s[0];
    if (m == "GET" && top == "settings") return settings(n == 2 && s[1] == "public", n);
    if (m == "GET" && n == 1)
      return list_of(std::string(top), q, [](const json_value&) { return true; });
    if (m == "GET" && top == "practitioners" && n == 2 && s[1] == "inactive")
      return list_of(
          "practitioners", q, [](const json_value& p) { return !is_active(p); }, true);
    if (m == "GET" && n == 2) return one(std::string(top), std::string(s[1]));
    // A list under a record that does not exist is a 404, as at Cliniko.
    if (n == 3 && m == "GET" && s[2] != "conflicts" && !find(std::string(top), std::string(s[1])))
      return not_found();
    if (top == "businesses" && n == 3 && s[2] == "practitioners" && m == "GET")
      return list_of("practitioners", q,
                     [&](const json_value& p) { return works_at(id_of(p), std::string(s[1])); });
    if (top == "practitioners" && n == 3 && s[2] == "appointment_types" && m == "GET")
      return list_of("appointment_types", q,
                     [&](const json_value& t) { return offers(std::string(s[1]), id_of(t)); });
    if (top == "appointment_types" && n == 3 && s[2] == "practitioners" && m == "GET")
      return list_of("practitioners", q,
                     [&](const json_value& p) { return offers(id_of(p), std::string(s[1])); });
    if (top == "businesses" && n == 7 && s[2] == "practitioners" && s[4] == "appointment_types" &&
        m == "GET") {
      if (s[6] == "available_times") return available_times(s[1], s[3], s[5], q, now);
      if (s[6] == "next_available_time") return next_available_time(s[1], s[3], s[5], q, now);
    }
    if (top == "individual_appointments") {
      if (m == "POST" && n == 1) return create_appointment(req, now);
      if (m == "PATCH" && n == 2) return update_appointment(std::string(s[1]), req, now);
      if (m == "PATCH" && n == 3 && s[2] == "cancel")
        return cancel_appointment(std::string(s[1]), req, now);
      if (m == "GET" && n == 3 && s[2] == "conflicts") return conflicts(std::string(s[1]));
    }
    if (top == "patients") {
      if (m == "POST" && n == 1) return create_patient(req, now);
      if (m == "PATCH" && n == 2) return update_patient(std::string(s[1]), req, now);
    }
    return not_found();
  }

  // ---- reading ----

  records* table(const std::string& name) {
    if (name == "businesses") return &data.businesses;
    if (name == "practitioners") return &data.practitioners;
    if (name == "appointment_types") return &data.appointment_types;
    if (name == "individual_appointments") return &data.appointments;
    if (name == "patients") return &data.patients;
    return nullptr;
  }

  json_value* find(const std::string& name, const std::string& id) {
    auto* rows = table(name);
    if (!rows) return nullptr;
    for (auto& r : *rows)
      if (id_of(r) == id && !is_deleted(r)) return &r;
    return nullptr;
  }

  static bool is_active(const json_value& p) {
    const auto* active = p.find("active");
    return !active || !active->is<bool>() || active->as<bool>();
  }

  bool works_at(const std::string& practitioner, const std::string& business) const {
    return std::any_of(data.shifts.begin(), data.shifts.end(), [&](const shift& s) {
      return s.practitioner_id == practitioner && s.business_id == business;
    });
  }

  bool offers(const std::string& practitioner, const std::string& type) const {
    auto it = data.practitioner_types.find(practitioner);
    return it != data.practitioner_types.end() &&
           std::find(it->second.begin(), it->second.end(), type) != it->second.end();
  }

  json_value render(const std::string& name, const json_value& record) const {
    json_value out = record;
    for (const auto& link : links_of(name)) {
      const auto id = text_field(record, link.internal);
      out.erase(link.internal);
      out.set(link.name, id ? link_to(base + "/" + link.table + "/" + *id) : json_value{});
    }
    const auto self = base + "/" + name + "/" + id_of(record);
    if (name == "individual_appointments") {
      out.set("attendees", link_to(self + "/attendees"));
      out.set("conflicts", link_to(self + "/conflicts"));
    }
    json_value links{json_value::object{}};
    links.set("self", text(self));
    out.set("links", std::move(links));
    if (options.empty_string_dates)
      for (auto& [key, value] : out.as<json_value::object>())
        if (key.ends_with("_at") && value.is_null()) value = text("");
    return out;
  }

  // GET /settings for users who may view settings; GET /settings/public for anyone.
  http_response settings(bool public_part, std::size_t segments) {
    if (segments > 2 || (segments == 2 && !public_part)) return not_found();
    if (!public_part && options.settings_forbidden)
      return message(403, "You do not have permission to view settings");
    if (!public_part) return json_answer(200, data.settings);
    json_value shown{json_value::object{}};
    for (const char* key : {"account", "calendar"})
      if (const auto* part = data.settings.find(key)) shown.set(key, *part);
    return json_answer(200, shown);
  }

  http_response one(const std::string& name, const std::string& id) {
    const auto* record = find(name, id);
    if (!record) return not_found();
    return json_answer(200, render(name, *record));
  }

  template <class Predicate>
  http_response list_of(const std::string& name, const list_query& q, Predicate&& scope,
                        bool inactive = false) {
    auto* rows = table(name);
    if (!rows) return not_found();
    // Archived and cancelled records are left out unless a filter names them (Cliniko: "The *
    // operator can be used to find cancelled or archived records").
    const bool archived_too = mentions(q, "archived_at");
    const bool cancelled_too = mentions(q, "cancelled_at");
    std::vector<const json_value*> hits;
    for (const auto& r : *rows) {
      if (is_deleted(r) || (!archived_too && is_archived(r)) ||
          (!cancelled_too && is_cancelled(r)) || !scope(r))
        continue;
      if (name == "practitioners" && !inactive && !is_active(r)) continue;
      if (std::all_of(q.filters.begin(), q.filters.end(),
                      [&](const filter& f) { return matches(r, f); }))
        hits.push_back(&r);
    }
    sort_records(hits, q);
    json_value::array items;
    const auto first = static_cast<std::size_t>(q.page - 1) * static_cast<std::size_t>(q.per_page);
    for (std::size_t i = first; i < hits.size() && i < first + static_cast<std::size_t>(q.per_page);
         ++i)
      items.push_back(render(name, *hits[i]));
    return json_answer(200, envelope(name, std::move(items), hits.size(), q));
  }

  // {"<name>":[...],"total_entries":N,"links":{"self","next","previous"}}; links are absolute and
  // next is absent on the last page.
  json_value envelope(const std::string& name, json_value::array items, std::size_t total,
                      const list_query& q) const {
    const auto page_url = [&](int page) {
      std::string url = base + current_path + "?page=" + std::to_string(page) +
                        "&per_page=" + std::to_string(q.per_page);
      // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "&" + std::string.
      const auto add = [&](const std::string& key, const std::string& value) {
        url.append("&").append(url_encode(key)).append("=").append(url_encode(value));
      };
      for (const auto& f : q.filters) add("q[]", f.field + ":" + f.op + f.value);
      for (const auto& [key, value] : q.params) add(key, value);
      return url;
    };
    json_value links{json_value::object{}};
    links.set("self", text(page_url(q.page)));
    if (static_cast<std::size_t>(q.page) * static_cast<std::size_t>(q.per_page) < total)
      links.set("next", text(page_url(q.page + 1)));
    if (q.page > 1) links.set("previous", text(page_url(q.page - 1)));
    json_value body{json_value::object{}};
    body.set(name, json_value{std::move(items)});
    body.set("total_entries", json_value{static_cast<std::int64_t>(total)});
    body.set("links", std::move(links));
    return body;
  }

  // ---- free times ----

  struct slot_scope {
    std::string zone;
    std::vector<shift> shifts;
    std::vector<busy_period> busy;
    std::chrono::minutes duration{0};
    domain::instant not_before;
  };

  static bool online(const json_value& record) {
    const auto* shown = record.find("show_in_online_bookings");
    return !shown || !shown->is<bool>() || shown->as<bool>();
  }

  bool online_bookings_enabled() const {
    const auto* online = data.settings.find("online_bookings");
    const auto* enabled = online ? online->find("enabled") : nullptr;
    return !enabled || !enabled->is<bool>() || enabled->as<bool>();
  }

  // The practitioner's roster at the business, their booked times, and the service's length;
  // an error answer when an id does not name a record that could have free times. What is hidden
  // from online bookings has a scope without shifts: Cliniko "will not return available times"
  // for it.
  std::variant<slot_scope, http_response> scope_of(std::string_view b, std::string_view p,
                                                   std::string_view t, domain::instant now) {
    const auto* business = find("businesses", std::string(b));
    const auto* practitioner = find("practitioners", std::string(p));
    const auto* type = find("appointment_types", std::string(t));
    if (!business || !practitioner || !type || is_archived(*business) || !online_bookings_enabled())
      return not_found();
    slot_scope scope;
    scope.zone = *text_field(*business, "time_zone_identifier");
    scope.duration = std::chrono::minutes{std::stoi(*text_field(*type, "duration_in_minutes"))};
    const auto lead = std::chrono::hours{
        std::stoi(text_field(*type, "online_bookings_lead_time_hours").value_or("0"))};
    scope.not_before = now + lead;
    const auto& offered = business->find("appointment_type_ids")->as<json_value::array>();
    const bool at_business = std::any_of(offered.begin(), offered.end(), [&](const json_value& id) {
      return id.as<std::string>() == t;
    });
    if (!at_business || !offers(std::string(p), std::string(t)) || !online(*business) ||
        !online(*practitioner) || !online(*type))
      return scope;  // offered nowhere, or not online: no times
    for (const auto& s : data.shifts)
      if (s.practitioner_id == p && s.business_id == b) scope.shifts.push_back(s);
    for (const auto& a : data.appointments) {
      if (is_archived(a) || is_cancelled(a) || text_field(a, "practitioner_id") != p) continue;
      scope.busy.push_back({*domain::parse_instant(*text_field(a, "starts_at")),
                            *domain::parse_instant(*text_field(a, "ends_at"))});
    }
    return scope;
  }

  // The instants `from`..`to` cover: dates in the account's zone, from today, at most seven days
  // apart; Cliniko's 400 otherwise. Both free-time endpoints read them so.
  std::variant<std::pair<domain::instant, domain::instant>, http_response> time_frame(
      const list_query& q, domain::instant now) const {
    const auto date_of = [&](const char* key) {
      return q.params.count(key) ? domain::parse_date(q.params.at(key)) : std::nullopt;
    };
    const auto from = date_of("from"), to = date_of("to");
    const auto today = date::sys_days{domain::local_date(now, zone)};
    if (!from || !to || date::sys_days{*to} < date::sys_days{*from} ||
        date::sys_days{*to} - date::sys_days{*from} > date::days{7} ||
        date::sys_days{*from} < today)
      return message(
          400,
          "Invalid time frame definition. Please specify 'from' and 'to' dates, not in the past, "
          "at most 7 days apart.");
    return std::pair{
        domain::at_local_time(*from, std::chrono::minutes{0}, zone),
        domain::at_local_time(domain::plus_days(*to, 1), std::chrono::minutes{0}, zone)};
  }

  // The free starts of the scope within [begin, end), in time order.
  static std::vector<domain::instant> starts_within(const slot_scope& scope, domain::instant begin,
                                                    domain::instant end) {
    auto starts = free_starts(scope.shifts, domain::local_date(begin, scope.zone),
                              domain::local_date(end - std::chrono::seconds{1}, scope.zone),
                              scope.duration, scope.zone, scope.busy, scope.not_before);
    std::erase_if(starts, [&](domain::instant t) { return t < begin || t >= end; });
    return starts;
  }

  // The free starts a free-time question asks for, or the error Cliniko would answer it with.
  std::variant<std::vector<domain::instant>, http_response> free_starts_for(std::string_view b,
                                                                            std::string_view p,
                                                                            std::string_view t,
                                                                            const list_query& q,
                                                                            domain::instant now) {
    auto scoped = scope_of(b, p, t, now);
    if (auto* error = std::get_if<http_response>(&scoped)) return *error;
    auto frame = time_frame(q, now);
    if (auto* error = std::get_if<http_response>(&frame)) return *error;
    const auto [begin, end] = std::get<0>(frame);
    return starts_within(std::get<slot_scope>(scoped), begin, end);
  }

  http_response available_times(std::string_view b, std::string_view p, std::string_view t,
                                const list_query& q, domain::instant now) {
    auto found = free_starts_for(b, p, t, q, now);
    if (auto* error = std::get_if<http_response>(&found)) return *error;
    const auto& starts = std::get<0>(found);
    json_value::array items;
    const auto first = static_cast<std::size_t>(q.page - 1) * static_cast<std::size_t>(q.per_page);
    for (std::size_t i = first;
         i < starts.size() && i < first + static_cast<std::size_t>(q.per_page); ++i) {
      json_value item{json_value::object{}};
      item.set("appointment_start", text(domain::format_utc(starts[i])));
      items.push_back(std::move(item));
    }
    return json_answer(200, envelope("available_times", std::move(items), starts.size(), q));
  }

  // Nothing free comes as a null appointment_start: Cliniko does not document this case.
  http_response next_available_time(std::string_view b, std::string_view p, std::string_view t,
                                    const list_query& q, domain::instant now) {
    auto found = free_starts_for(b, p, t, q, now);
    if (auto* error = std::get_if<http_response>(&found)) return *error;
    const auto& starts = std::get<0>(found);
    json_value body{json_value::object{}};
    body.set("appointment_start",
             starts.empty() ? json_value{} : text(domain::format_utc(starts.front())));
    return json_answer(200, body);
  }

  // ---- writing ----

  std::string new_id() { return std::to_string(next_id++); }

  static std::optional<json_value> body_of(const http_request& req) {
    auto body = http::parse_json(req.raw_body);
    if (!body || !body->is_object()) return std::nullopt;
    return body;
  }

  // Checks an appointment's references; fills ends_at and patient_name.
  std::optional<http_response> complete_appointment(json_value& a) {
    std::vector<std::pair<std::string, std::string>> errors;
    for (const char* key :
         {"starts_at", "patient_id", "practitioner_id", "appointment_type_id", "business_id"})
      if (!text_field(a, key)) errors.emplace_back(key, "can't be blank");
    if (!errors.empty()) return validation_failed(errors);
    const auto starts = domain::parse_instant(*text_field(a, "starts_at"));
    if (!starts) return validation_failed({{"starts_at", "is invalid"}});
    for (const auto& [key, table_name, name] :
         {std::tuple{"practitioner_id", "practitioners", "practitioner"},
          std::tuple{"business_id", "businesses", "business"},
          std::tuple{"appointment_type_id", "appointment_types", "appointment_type"}})
      if (!find(table_name, *text_field(a, key))) errors.emplace_back(name, "must exist");
    if (!errors.empty()) return validation_failed(errors);
    const auto* patient = find("patients", *text_field(a, "patient_id"));
    // Cliniko once answered a nonexistent patient_id with a bare 500; so does the simulator.
    if (!patient)
      return http_response{500, "<html><body>We're sorry, but something went wrong.</body></html>"};
    const auto* type = find("appointment_types", *text_field(a, "appointment_type_id"));
    a.set("starts_at", text(domain::format_utc(*starts)));
    const auto ends =
        text_field(a, "ends_at") ? domain::parse_instant(*text_field(a, "ends_at")) : std::nullopt;
    const auto duration =
        std::chrono::minutes{std::stoi(*text_field(*type, "duration_in_minutes"))};
    a.set("ends_at",
          text(domain::format_utc(ends && *ends > *starts ? *ends : *starts + duration)));
    a.set("patient_name",
          text(*text_field(*patient, "first_name") + " " + *text_field(*patient, "last_name")));
    return std::nullopt;
  }

  http_response create_appointment(const http_request& req, domain::instant now) {
    auto body = body_of(req);
    if (!body) return message(400, "must be an object");
    json_value a{json_value::object{}};
    a.set("id", text(new_id()));
    for (const char* key : {"starts_at", "ends_at", "patient_id", "practitioner_id",
                            "appointment_type_id", "business_id", "notes"})
      a.set(key, text_field(*body, key) ? text(*text_field(*body, key)) : json_value{});
    if (auto error = complete_appointment(a)) return *error;
    for (const char* key :
         {"cancelled_at", "cancellation_reason", "cancellation_reason_description",
          "cancellation_note", "archived_at", "deleted_at", "telehealth_url"})
      a.set(key, json_value{});
    a.set("did_not_arrive", json_value{false});
    a.set("patient_arrived", json_value{false});
    a.set("created_at", text(domain::format_utc(now)));
    a.set("updated_at", text(domain::format_utc(now)));
    data.appointments.push_back(a);
    return json_answer(201, render("individual_appointments", a));
  }

  http_response update_appointment(const std::string& id, const http_request& req,
                                   domain::instant now) {
    auto* a = find("individual_appointments", id);
    if (!a) return not_found();
    auto body = body_of(req);
    if (!body) return message(400, "must be an object");
    json_value changed = *a;
    const bool moved = text_field(*body, "starts_at").has_value();
    for (const char* key : {"starts_at", "ends_at", "patient_id", "practitioner_id",
                            "appointment_type_id", "business_id", "notes"})
      if (auto value = text_field(*body, key)) changed.set(key, text(*value));
    if (moved && !text_field(*body, "ends_at")) changed.erase("ends_at");
    if (auto error = complete_appointment(changed)) return *error;
    changed.set("updated_at", text(domain::format_utc(now)));
    *a = std::move(changed);
    return json_answer(200, render("individual_appointments", *a));
  }

  http_response cancel_appointment(const std::string& id, const http_request& req,
                                   domain::instant now) {
    auto* a = find("individual_appointments", id);
    if (!a) return not_found();
    auto body = body_of(req);
    if (!body) return message(400, "must be an object");
    const auto reason = text_field(*body, "cancellation_reason");
    if (!reason) return validation_failed({{"cancellation_reason", "can't be blank"}});
    const int code = std::atoi(reason->c_str());
    if (!cancellation_reasons.count(code))
      return validation_failed({{"cancellation_reason", "is not included in the list"}});
    a->set("cancelled_at", text(domain::format_utc(now)));
    a->set("cancellation_reason", json_value{static_cast<std::int64_t>(code)});
    a->set("cancellation_reason_description", text(cancellation_description(code)));
    a->set("cancellation_note", text_field(*body, "cancellation_note")
                                    ? text(*text_field(*body, "cancellation_note"))
                                    : json_value{});
    a->set("updated_at", text(domain::format_utc(now)));
    http_response done{204, ""};
    return done;
  }

  http_response conflicts(const std::string& id) {
    const auto* a = find("individual_appointments", id);
    if (!a) return not_found();
    const auto start = *domain::parse_instant(*text_field(*a, "starts_at"));
    const auto end = *domain::parse_instant(*text_field(*a, "ends_at"));
    const bool exist = std::any_of(
        data.appointments.begin(), data.appointments.end(), [&](const json_value& other) {
          if (&other == a || is_archived(other) ||
              text_field(other, "practitioner_id") != text_field(*a, "practitioner_id"))
            return false;
          if (const auto* c = other.find("cancelled_at"); c && !c->is_null()) return false;
          return *domain::parse_instant(*text_field(other, "starts_at")) < end &&
                 start < *domain::parse_instant(*text_field(other, "ends_at"));
        });
    json_value inner{json_value::object{}};
    inner.set("exist", json_value{exist});
    json_value body{json_value::object{}};
    body.set("conflicts", std::move(inner));
    return json_answer(200, body);
  }

  std::optional<http_response> apply_patient_fields(json_value& patient, const json_value& body) {
    for (const char* key :
         {"first_name", "last_name", "preferred_first_name", "email", "date_of_birth", "notes"})
      if (auto value = text_field(body, key)) patient.set(key, text(*value));
    if (const auto* phones = body.find("patient_phone_numbers");
        phones && phones->is<json_value::array>()) {
      static const std::set<std::string> types{"Mobile", "Home", "Work", "Fax", "Other"};
      json_value::array numbers;
      for (const auto& phone : phones->as<json_value::array>()) {
        const auto type = text_field(phone, "phone_type").value_or("");
        const auto number = text_field(phone, "number");
        if (!types.count(type))
          return validation_failed(
              {{"patient_phone_numbers.phone_type", "is not included in the list"}});
        if (!number) return validation_failed({{"patient_phone_numbers.number", "can't be blank"}});
        json_value entry{json_value::object{}};
        entry.set("phone_type", text(type));
        entry.set("number", text(*number));
        numbers.push_back(std::move(entry));
      }
      patient.set("patient_phone_numbers", json_value{std::move(numbers)});
    }
    std::vector<std::pair<std::string, std::string>> errors;
    for (const char* key : {"first_name", "last_name"})
      if (!text_field(patient, key)) errors.emplace_back(key, "can't be blank");
    if (!errors.empty()) return validation_failed(errors);
    return std::nullopt;
  }

  http_response create_patient(const http_request& req, domain::instant now) {
    auto body = body_of(req);
    if (!body) return message(400, "must be an object");
    json_value p{json_value::object{}};
    p.set("id", text(new_id()));
    for (const char* key :
         {"first_name", "last_name", "preferred_first_name", "email", "date_of_birth"})
      p.set(key, json_value{});
    p.set("patient_phone_numbers", json_value{json_value::array{}});
    if (auto error = apply_patient_fields(p, *body)) return *error;
    for (const char* key : {"archived_at", "deleted_at"}) p.set(key, json_value{});
    p.set("created_at", text(domain::format_utc(now)));
    p.set("updated_at", text(domain::format_utc(now)));
    data.patients.push_back(p);
    return json_answer(201, render("patients", p));
  }

  http_response update_patient(const std::string& id, const http_request& req,
                               domain::instant now) {
    auto* p = find("patients", id);
    if (!p) return not_found();
    auto body = body_of(req);
    if (!body) return message(400, "must be an object");
    json_value changed = *p;
    if (auto error = apply_patient_fields(changed, *body)) return *error;
    changed.set("updated_at", text(domain::format_utc(now)));
    *p = std::move(changed);
    return json_answer(200, render("patients", *p));
  }

  // ---- state ----

  scenario data;
  std::string zone;  // the account's: availability queries' dates are read in it
  sim_options options;
  std::mt19937 random;
  std::int64_t next_id = 0;
  std::string base;          // of the request being answered
  std::string current_path;  // likewise, for page links
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> windows;
  std::vector<std::chrono::steady_clock::time_point> accepted;
  std::size_t limited = 0;
  std::size_t served = 0;
  std::vector<reply_sink_ptr> never_answered;
  mutable std::mutex mutex;

  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  std::thread timers_thread;
};

simulator::simulator(scenario data, sim_options options)
    : impl_(std::make_unique<impl>(std::move(data), std::move(options))) {}

simulator::~simulator() = default;

http_response simulator::answer(const http_request& request, domain::instant now) {
  std::lock_guard lock{impl_->mutex};
  impl_->current_path = request.path.substr(std::min<std::size_t>(3, request.path.size()));
  return impl_->answer(request, now);
}

// A write refused as the options ask, without making it.
static http_response refused_write(unsigned status) {
  if (status == 422) return validation_failed({{"base", "The appointment could not be saved"}});
  http_response r{status, "<html><body>Something went wrong</body></html>"};
  r.content_type = "text/html";
  return r;
}

void simulator::handle(const http_request& request, reply_sink_ptr sink) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  const bool write = request.method == "POST" || request.method == "PATCH";
  sim_options options;
  {
    std::lock_guard lock{impl_->mutex};
    options = impl_->options;
  }
  if (write && options.write_status != 0) return sink->deliver(refused_write(options.write_status));
  auto response = answer(request, now);
  std::chrono::milliseconds delay{write ? options.write_latency : std::chrono::milliseconds{0}};
  {
    std::lock_guard lock{impl_->mutex};
    auto& o = impl_->options;
    std::uniform_real_distribution<double> chance{0.0, 1.0};
    const double roll = chance(impl_->random);
    if (roll < o.timeout_rate) {
      impl_->never_answered.push_back(std::move(sink));
      return;
    }
    if (roll < o.timeout_rate + o.drop_rate) {
      response = http_response{};
      response.drop = true;
    } else if (roll < o.timeout_rate + o.drop_rate + o.error_rate) {
      static constexpr unsigned statuses[] = {500, 502, 503};
      response = http_response{statuses[impl_->random() % 3],
                               "<html><body>Service unavailable</body></html>"};
      response.content_type = "text/html";
    }
    delay += o.latency;
    if (o.jitter.count() > 0)
      delay +=
          std::chrono::milliseconds{impl_->random() % static_cast<unsigned>(o.jitter.count() + 1)};
  }
  if (delay.count() == 0) return sink->deliver(std::move(response));
  auto timer = std::make_shared<boost::asio::steady_timer>(impl_->io, delay);
  timer->async_wait([timer, sink, response = std::move(response)](
                        boost::system::error_code) mutable { sink->deliver(std::move(response)); });
}

void simulator::set_options(const sim_options& options) {
  std::lock_guard lock{impl_->mutex};
  impl_->options = options;
}

std::vector<std::chrono::steady_clock::time_point> simulator::accepted_times() const {
  std::lock_guard lock{impl_->mutex};
  return impl_->accepted;
}

std::size_t simulator::rate_limited() const {
  std::lock_guard lock{impl_->mutex};
  return impl_->limited;
}

std::size_t simulator::requests() const {
  std::lock_guard lock{impl_->mutex};
  return impl_->served;
}

}  // namespace frontdesk::sim
