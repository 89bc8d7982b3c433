#include "sim/scenario.hpp"

#include <algorithm>
#include <array>

namespace frontdesk::sim {
namespace {

using namespace std::chrono_literals;

json_value text(std::string s) {
  return json_value{std::move(s)};
}
json_value number(std::int64_t n) {
  return json_value{n};
}
json_value flag(bool b) {
  return json_value{b};
}

std::string field(const json_value& record, std::string_view key, std::string_view what) {
  auto value = text_field(record, key);
  if (!value) throw scenario_error(std::string(what) + " needs \"" + std::string(key) + "\"");
  return *value;
}

const json_value::array& list(const json_value& record, std::string_view key) {
  static const json_value::array none;
  const auto* value = record.find(key);
  return value && value->is<json_value::array>() ? value->as<json_value::array>() : none;
}

void set_default(json_value& record, std::string_view key, json_value value) {
  if (!record.find(key)) record.set(key, std::move(value));
}

int minutes_of(const std::string& hh_mm, std::string_view what) {
  if (hh_mm.size() != 5 || hh_mm[2] != ':')
    throw scenario_error(std::string(what) + ": time must be HH:MM");
  return std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2));
}

unsigned weekday_of(const std::string& day) {
  static const std::array<std::string_view, 7> names{"sun", "mon", "tue", "wed",
                                                     "thu", "fri", "sat"};
  for (unsigned i = 0; i < names.size(); ++i)
    if (day == names[i]) return i;
  throw scenario_error("unknown weekday \"" + day + "\" (use mon, tue, …)");
}

// Every record starts life with the fields Cliniko gives it.
void stamp(json_value& record, domain::instant created) {
  const auto at = domain::format_utc(created);
  set_default(record, "created_at", text(at));
  set_default(record, "updated_at", text(at));
  set_default(record, "archived_at", json_value{});
  set_default(record, "deleted_at", json_value{});
}

void complete_business(json_value& b, domain::instant created) {
  const auto zone = field(b, "time_zone_identifier", "a business");
  if (!domain::is_known_time_zone(zone)) throw scenario_error("unknown time zone " + zone);
  const auto name = field(b, "business_name", "a business");
  set_default(b, "display_name", text(name));
  set_default(b, "label", text(name));
  set_default(b, "time_zone", text(zone.substr(zone.find('/') + 1)));
  set_default(b, "show_in_online_bookings", flag(true));
  for (const char* key : {"address_1", "address_2", "city", "state", "post_code", "country_code"})
    set_default(b, key, text(""));
  set_default(b, "appointment_type_ids", json_value{json_value::array{}});
  stamp(b, created);
}

void complete_type(json_value& t, domain::instant created) {
  field(t, "name", "an appointment type");
  if (!text_field(t, "duration_in_minutes"))
    throw scenario_error("an appointment type needs \"duration_in_minutes\"");
  set_default(t, "category", text(""));
  set_default(t, "color", text("#5B8DEF"));
  set_default(t, "description", text(""));
  set_default(t, "max_attendees", number(1));
  set_default(t, "show_in_online_bookings", flag(true));
  set_default(t, "online_bookings_lead_time_hours", number(0));
  set_default(t, "telehealth_enabled", flag(false));
  stamp(t, created);
}

void take_practitioner(scenario& s, json_value p, domain::instant created) {
  const auto id = field(p, "id", "a practitioner");
  const auto first = field(p, "first_name", "a practitioner");
  const auto last = field(p, "last_name", "a practitioner");
  const auto title = text_field(p, "title").value_or("");
  for (const auto& type : list(p, "appointment_type_ids"))
    s.practitioner_types[id].push_back(type.as<std::string>());
  // Cliniko's default_appointment_type: the scenario's, else the first service offered.
  if (!text_field(p, "default_appointment_type_id") && !s.practitioner_types[id].empty())
    p.set("default_appointment_type_id", text(s.practitioner_types[id].front()));
  for (const auto& entry : list(p, "roster")) {
    const auto business = field(entry, "business_id", "a roster entry");
    const int start = minutes_of(field(entry, "start", "a roster entry"), "roster start");
    const int end = minutes_of(field(entry, "end", "a roster entry"), "roster end");
    for (const auto& day : list(entry, "days"))
      s.shifts.push_back({id, business, weekday_of(day.as<std::string>()), start, end});
  }
  p.erase("appointment_type_ids");
  p.erase("roster");
  const auto display = (title.empty() ? "" : title + " ") + first + " " + last;
  set_default(p, "title", text(title));
  set_default(p, "designation", text(""));
  set_default(p, "display_name", text(display));
  set_default(p, "label", text(display));
  set_default(p, "active", flag(true));
  set_default(p, "show_in_online_bookings", flag(true));
  stamp(p, created);
  s.practitioners.push_back(std::move(p));
}

void take_patient(scenario& s, json_value p, domain::instant created) {
  field(p, "first_name", "a patient");
  field(p, "last_name", "a patient");
  json_value::array numbers;
  for (const auto& phone : list(p, "phones")) {
    json_value entry{json_value::object{}};
    entry.set("phone_type", text(text_field(phone, "type").value_or("Mobile")));
    entry.set("number", text(field(phone, "number", "a phone")));
    numbers.push_back(std::move(entry));
  }
  const bool archived =
      p.find("archived") && p.find("archived")->is<bool>() && p.find("archived")->as<bool>();
  p.erase("phones");
  p.erase("archived");
  p.set("patient_phone_numbers", json_value{std::move(numbers)});
  for (const char* key : {"preferred_first_name", "email", "date_of_birth"})
    set_default(p, key, json_value{});
  stamp(p, created);
  if (archived) p.set("archived_at", text(domain::format_utc(created + 24h)));
  s.patients.push_back(std::move(p));
}

const json_value* by_id(const std::vector<json_value>& records, const std::string& id) {
  for (const auto& r : records)
    if (text_field(r, "id") == id) return &r;
  return nullptr;
}

void take_appointment(scenario& s, json_value a, domain::instant now) {
  const auto business_id = field(a, "business_id", "an appointment");
  const auto* business = by_id(s.businesses, business_id);
  const auto* type = by_id(s.appointment_types, field(a, "appointment_type_id", "an appointment"));
  const auto* patient = by_id(s.patients, field(a, "patient_id", "an appointment"));
  if (!business || !type || !patient ||
      !by_id(s.practitioners, field(a, "practitioner_id", "an appointment")))
    throw scenario_error("appointment " + field(a, "id", "an appointment") +
                         " refers to a missing record");
  const auto zone = *text_field(*business, "time_zone_identifier");
  const auto offset = std::stoi(text_field(a, "day_offset").value_or("0"));
  const auto day = date::sys_days{domain::local_date(now, zone)} + date::days{offset};
  const auto starts = domain::at_local_time(
      date::year_month_day{day},
      std::chrono::minutes{minutes_of(field(a, "time", "an appointment"), "time")}, zone);
  const auto duration = std::chrono::minutes{std::stoi(*text_field(*type, "duration_in_minutes"))};
  const bool cancelled =
      a.find("cancelled") && a.find("cancelled")->is<bool>() && a.find("cancelled")->as<bool>();
  for (const char* key : {"day_offset", "time", "cancelled"}) a.erase(key);
  a.set("starts_at", text(domain::format_utc(starts)));
  a.set("ends_at", text(domain::format_utc(starts + duration)));
  a.set("patient_name",
        text(*text_field(*patient, "first_name") + " " + *text_field(*patient, "last_name")));
  set_default(a, "notes", json_value{});
  for (const char* key : {"cancellation_note", "cancellation_reason",
                          "cancellation_reason_description", "telehealth_url"})
    set_default(a, key, json_value{});
  set_default(a, "cancelled_at", json_value{});
  set_default(a, "did_not_arrive", flag(false));
  set_default(a, "patient_arrived", flag(false));
  stamp(a, now - 7 * 24h);
  if (cancelled) {
    a.set("cancelled_at", text(domain::format_utc(now - 24h)));
    a.set("cancellation_reason", number(50));
    a.set("cancellation_reason_description", text("Other"));
    a.set("updated_at", text(domain::format_utc(now - 24h)));
  }
  s.appointments.push_back(std::move(a));
}

json_value& section(json_value& settings, std::string_view key) {
  if (!settings.find(key) || !settings.find(key)->is_object())
    settings.set(key, json_value{json_value::object{}});
  return *settings.find(key);
}

// The account's settings, with Cliniko's defaults for what the scenario leaves out. The account's
// zone defaults to the first business's city ("Australia/Sydney" gives "Sydney").
json_value complete_settings(const json_value* given, const std::vector<json_value>& businesses) {
  json_value settings = given && given->is_object() ? *given : json_value{json_value::object{}};
  const auto first_zone = businesses.empty()
                              ? std::string{"Australia/Sydney"}
                              : *text_field(businesses.front(), "time_zone_identifier");
  auto& account = section(settings, "account");
  set_default(
      account, "name",
      text(businesses.empty() ? "Clinic" : *text_field(businesses.front(), "business_name")));
  set_default(account, "country", text("Australia"));
  set_default(account, "time_zone", text(first_zone.substr(first_zone.rfind('/') + 1)));
  const auto label = *text_field(account, "time_zone");
  if (!domain::zone_of_account_label(label))
    throw scenario_error("unknown account time zone " + label);
  set_default(section(settings, "calendar"), "timeslot_size_in_minutes", number(15));
  auto& online = section(settings, "online_bookings");
  set_default(online, "enabled", flag(true));
  set_default(online, "min_hours_advance_required_to_book", number(0));
  set_default(online, "min_hours_notice_for_patient_cancellation", number(24));
  set_default(online, "max_appointments_per_day_segment", json_value{});
  set_default(online, "practitioner_order", text("random"));
  return settings;
}

std::vector<json_value> records(const json_value& doc, std::string_view key) {
  const auto& items = list(doc, key);
  return {items.begin(), items.end()};
}

}  // namespace

scenario load_scenario(std::string_view json_text, domain::instant now) {
  std::string why;
  const auto doc = http::parse_json(json_text, &why);
  if (!doc || !doc->is_object()) throw scenario_error("scenario is not a JSON object: " + why);
  const auto created = now - 90 * 24h;
  scenario s;
  s.businesses = records(*doc, "businesses");
  for (auto& b : s.businesses) complete_business(b, created);
  s.appointment_types = records(*doc, "appointment_types");
  for (auto& t : s.appointment_types) complete_type(t, created);
  for (auto& p : records(*doc, "practitioners")) take_practitioner(s, std::move(p), created);
  for (auto& p : records(*doc, "patients")) take_patient(s, std::move(p), created);
  for (auto& a : records(*doc, "appointments")) take_appointment(s, std::move(a), now);
  s.settings = complete_settings(doc->find("settings"), s.businesses);
  return s;
}

std::string account_zone(const scenario& s) {
  const auto* account = s.settings.find("account");
  const auto label = account ? text_field(*account, "time_zone") : std::nullopt;
  return domain::zone_of_account_label(label.value_or("")).value_or("Australia/Sydney");
}

std::string_view demo_scenario_json();  // generated from scenarios/demo.json

scenario demo_scenario(domain::instant now) {
  return load_scenario(demo_scenario_json(), now);
}

scenario generated_scenario(int locations, int practitioners, domain::instant now) {
  http::json_writer out;
  out.begin_object().key("appointment_types").begin_array();
  static const std::array<std::pair<const char*, int>, 6> types{{{"Initial Consultation", 45},
                                                                 {"Follow-up Consultation", 30},
                                                                 {"Remedial Massage", 60},
                                                                 {"Sports Massage", 45},
                                                                 {"Clinical Pilates", 55},
                                                                 {"Telehealth Review", 20}}};
  for (std::size_t t = 0; t < types.size(); ++t)
    out.begin_object()
        .key("id")
        .value(std::to_string(700000000000000001 + t))
        .key("name")
        .value(types[t].first)
        .key("duration_in_minutes")
        .value(types[t].second)
        .end_object();
  out.end_array().key("businesses").begin_array();
  for (int b = 0; b < locations; ++b) {
    out.begin_object()
        .key("id")
        .value(std::to_string(710000000000000001 + b))
        .key("business_name")
        .value("Location " + std::to_string(b + 1))
        .key("time_zone_identifier")
        .value(b % 2 ? "Australia/Melbourne" : "Australia/Sydney")
        .key("appointment_type_ids")
        .begin_array();
    for (std::size_t t = 0; t < types.size(); ++t)
      out.value(std::to_string(700000000000000001 + t));
    out.end_array().end_object();
  }
  out.end_array().key("practitioners").begin_array();
  static const std::array<const char*, 7> days{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (int p = 0; p < practitioners; ++p) {
    out.begin_object()
        .key("id")
        .value(std::to_string(720000000000000001 + p))
        .key("first_name")
        .value("Practitioner")
        .key("last_name")
        .value(std::to_string(p + 1))
        .key("appointment_type_ids")
        .begin_array()
        .value(std::to_string(700000000000000001 + p % 6))
        .value(std::to_string(700000000000000001 + (p + 1) % 6))
        .end_array()
        .key("roster")
        .begin_array();
    for (int b = 0; b < locations; ++b)
      out.begin_object()
          .key("business_id")
          .value(std::to_string(710000000000000001 + b))
          .key("days")
          .begin_array()
          .value(days[static_cast<std::size_t>((b + p) % 7)])
          .end_array()
          .key("start")
          .value("09:00")
          .key("end")
          .value("17:00")
          .end_object();
    out.end_array().end_object();
  }
  out.end_array().end_object();
  return load_scenario(out.str(), now);
}

scenario_counts count(const scenario& s) {
  const auto live = [](const std::vector<json_value>& records) {
    return static_cast<std::size_t>(
        std::count_if(records.begin(), records.end(), [](const json_value& r) {
          const auto* archived = r.find("archived_at");
          return !archived || archived->is_null();
        }));
  };
  return {live(s.businesses), live(s.practitioners), live(s.appointment_types), live(s.patients),
          live(s.appointments)};
}

}  // namespace frontdesk::sim
