#include "cliniko/codec.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "domain/time_zone.hpp"

namespace frontdesk::cliniko {

using http::json_writer;
using http::parse_json;
namespace {

std::string text(const json_value& record, std::string_view key) {
  return text_field(record, key).value_or("");
}

bool flag(const json_value& record, std::string_view key, bool otherwise) {
  const auto* v = record.find(key);
  return v && v->is<bool>() ? v->as<bool>() : otherwise;
}

// Whether a date-time such as archived_at is set: null, absent and "" (older documented examples
// show "archived_at": "") all mean it is not.
bool present(const json_value& record, std::string_view key) {
  const auto* v = record.find(key);
  return v && !v->is_null() && !(v->is<std::string>() && v->as<std::string>().empty());
}

unix_seconds instant(const json_value& record, std::string_view key) {
  const auto value = text_field(record, key);
  if (!value) return 0;
  const auto t = domain::parse_instant(*value);
  return t ? domain::seconds_of(*t) : 0;
}

std::string link(const json_value& record, std::string_view key) {
  const auto* v = record.find(key);
  return v ? id_from_link(*v) : "";
}

std::vector<std::string> strings(const json_value& record, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = record.find(key);
  if (!v || !v->is<json_value::array>()) return out;
  for (const auto& item : v->as<json_value::array>())
    if (auto s = item.is<std::string>() ? std::optional{item.as<std::string>()} : std::nullopt)
      out.push_back(*s);
    else if (item.is<std::int64_t>())
      out.push_back(std::to_string(item.as<std::int64_t>()));
  return out;
}

bool has_id(const json_value& record) {
  return record.is_object() && text_field(record, "id").has_value();
}

}  // namespace

std::optional<list_page> parse_page(std::string_view body, std::string_view key) {
  auto doc = parse_json(body);
  if (!doc || !doc->is_object()) return std::nullopt;
  auto* items = doc->find(key);
  if (!items || !items->is<json_value::array>()) return std::nullopt;
  list_page page;
  page.items = std::move(items->as<json_value::array>());
  if (const auto* total = doc->find("total_entries"); total && total->is<std::int64_t>())
    page.total_entries = total->as<std::int64_t>();
  if (const auto* links = doc->find("links"))
    if (auto next = text_field(*links, "next")) page.next = *next;
  return page;
}

std::string id_from_link(const json_value& link_holder) {
  const auto* links = link_holder.find("links");
  const auto self = links ? text_field(*links, "self") : std::nullopt;
  if (!self) return "";
  std::string_view url = *self;
  url = url.substr(0, url.find('?'));
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string(url.substr(url.rfind('/') + 1));
}

std::optional<business> to_business(const json_value& r) {
  if (!has_id(r)) return std::nullopt;
  business b;
  b.id = text(r, "id");
  b.name = text(r, "business_name");
  if (b.name.empty()) b.name = text(r, "display_name");
  b.label = text(r, "label");
  b.address = text(r, "address_1");
  if (auto second = text(r, "address_2"); !second.empty()) b.address += ", " + second;
  b.city = text(r, "city");
  b.state = text(r, "state");
  b.post_code = text(r, "post_code");
  b.country_code = text(r, "country_code");
  b.time_zone = text(r, "time_zone_identifier");
  b.appointment_type_ids = strings(r, "appointment_type_ids");
  b.archived = present(r, "archived_at") || present(r, "deleted_at");
  b.online_bookings = flag(r, "show_in_online_bookings", true);
  return b;
}

std::optional<practitioner> to_practitioner(const json_value& r) {
  if (!has_id(r)) return std::nullopt;
  practitioner p;
  p.id = text(r, "id");
  p.first_name = text(r, "first_name");
  p.last_name = text(r, "last_name");
  p.title = text(r, "title");
  p.designation = text(r, "designation");
  p.display_name = text(r, "display_name");
  if (p.display_name.empty()) p.display_name = p.first_name + " " + p.last_name;
  p.active = flag(r, "active", true);
  p.online_bookings = flag(r, "show_in_online_bookings", true);
  p.default_service_id = link(r, "default_appointment_type");
  return p;
}

std::optional<account_settings> to_account_settings(const json_value& doc, bool full) {
  const auto* account = doc.find("account");
  if (!account || !account->is_object()) return std::nullopt;
  account_settings s;
  s.name = text(*account, "name");
  s.country = text(*account, "country");
  s.time_zone = domain::zone_of_account_label(text(*account, "time_zone")).value_or("");
  const auto whole = [](const json_value& part, std::string_view key) {
    std::int64_t n = -1;
    const auto t = text_field(part, key);
    if (t) std::from_chars(t->data(), t->data() + t->size(), n);
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(n, -1, 100'000));
  };
  if (const auto* calendar = doc.find("calendar"))
    s.slot_minutes = std::max(0, whole(*calendar, "timeslot_size_in_minutes"));
  s.full = full;
  if (const auto* online = doc.find("online_bookings"); full && online) {
    s.cancellation_notice_hours = whole(*online, "min_hours_notice_for_patient_cancellation");
    s.online_bookings = flag(*online, "enabled", true);
  }
  return s;
}

std::optional<appointment_type> to_appointment_type(const json_value& r) {
  if (!has_id(r)) return std::nullopt;
  appointment_type t;
  t.id = text(r, "id");
  t.name = text(r, "name");
  t.category = text(r, "category");
  t.description = text(r, "description");
  const auto minutes = text(r, "duration_in_minutes");
  std::from_chars(minutes.data(), minutes.data() + minutes.size(), t.duration_minutes);
  t.archived = present(r, "archived_at");
  t.online_bookings = flag(r, "show_in_online_bookings", true);
  return t;
}

std::optional<appointment> to_appointment(const json_value& r) {
  if (!has_id(r)) return std::nullopt;
  appointment a;
  a.id = text(r, "id");
  a.starts_at = instant(r, "starts_at");
  a.ends_at = instant(r, "ends_at");
  a.patient_id = link(r, "patient");
  a.practitioner_id = link(r, "practitioner");
  a.business_id = link(r, "business");
  a.appointment_type_id = link(r, "appointment_type");
  a.patient_name = text(r, "patient_name");
  a.notes = text(r, "notes");
  a.cancelled_at = instant(r, "cancelled_at");
  a.archived = present(r, "archived_at") || present(r, "deleted_at");
  a.updated_at = instant(r, "updated_at");
  if (a.starts_at == 0) return std::nullopt;
  return a;
}

std::optional<patient> to_patient(const json_value& r) {
  if (!has_id(r)) return std::nullopt;
  patient p;
  p.id = text(r, "id");
  p.first_name = text(r, "first_name");
  p.last_name = text(r, "last_name");
  p.preferred_first_name = text(r, "preferred_first_name");
  p.email = text(r, "email");
  p.date_of_birth = text(r, "date_of_birth");
  if (const auto* phones = r.find("patient_phone_numbers");
      phones && phones->is<json_value::array>())
    for (const auto& phone : phones->as<json_value::array>())
      if (auto number = text_field(phone, "number"))
        p.phones.push_back({text(phone, "phone_type"), *number});
  p.archived = present(r, "archived_at") || present(r, "deleted_at");
  p.updated_at = instant(r, "updated_at");
  return p;
}

std::string to_json(const new_patient& p) {
  json_writer out;
  out.begin_object().key("first_name").value(p.first_name).key("last_name").value(p.last_name);
  if (!p.email.empty()) out.key("email").value(p.email);
  out.key("patient_phone_numbers").begin_array();
  for (const auto& phone : p.phones)
    out.begin_object()
        .key("phone_type")
        .value(phone.type)
        .key("number")
        .value(phone.number)
        .end_object();
  out.end_array().end_object();
  return std::move(out).str();
}

std::string to_json(const new_appointment& a) {
  json_writer out;
  out.begin_object()
      .key("starts_at")
      .value(domain::format_utc(domain::at(a.starts_at)))
      .key("patient_id")
      .value(a.patient_id)
      .key("practitioner_id")
      .value(a.practitioner_id)
      .key("appointment_type_id")
      .value(a.appointment_type_id)
      .key("business_id")
      .value(a.business_id);
  if (!a.notes.empty()) out.key("notes").value(a.notes);
  out.end_object();
  return std::move(out).str();
}

std::string to_json(const appointment_change& c) {
  json_writer out;
  out.begin_object();
  for (const auto& [key, value] :
       {std::pair{"starts_at", c.starts_at}, std::pair{"ends_at", c.ends_at}})
    if (value != 0) out.key(key).value(domain::format_utc(domain::at(value)));
  for (const auto& [key, value] :
       {std::pair{"practitioner_id", &c.practitioner_id},
        std::pair{"appointment_type_id", &c.appointment_type_id},
        std::pair{"business_id", &c.business_id}, std::pair{"notes", &c.notes}})
    if (!value->empty()) out.key(key).value(*value);
  out.end_object();
  return std::move(out).str();
}

std::string to_json(const cancellation& c) {
  json_writer out;
  out.begin_object().key("cancellation_reason").value(static_cast<std::int64_t>(c.reason));
  if (!c.note.empty()) out.key("cancellation_note").value(c.note);
  out.end_object();
  return std::move(out).str();
}

std::string validation_summary(std::string_view body) {
  const auto doc = parse_json(body);
  const auto* errors = doc ? doc->find("errors") : nullptr;
  if (!errors || !errors->is_object())
    return doc ? text_field(*doc, "message").value_or("validation failed") : "validation failed";
  std::string out;
  for (const auto& [field, why] : errors->as<json_value::object>()) {
    if (!out.empty()) out += "; ";
    out += field + ": ";
    if (why.is<std::string>()) {
      out += why.as<std::string>();
    } else if (why.is<json_value::array>()) {
      for (const auto& item : why.as<json_value::array>())
        if (item.is<std::string>()) out += item.as<std::string>() + " ";
    }
  }
  return out;
}

}  // namespace frontdesk::cliniko
