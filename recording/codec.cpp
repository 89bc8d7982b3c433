#include "recording/codec.hpp"

#include <array>
#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <map>
#include <mutex>
#include <type_traits>

#include "domain/time_zone.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "messages/error.hpp"

namespace frontdesk::recording {
namespace {

using object = json_value::object;
using array = json_value::array;

// The fields of each record, by name, for writing and reading alike: each record specialises it.
template <class T>
struct record {};

template <class T>
concept a_record = requires {
  record<T>::known;
};

json_value put(const std::string& x);
json_value put(bool x);
json_value put(const json_value& x);
json_value put(const domain::calendar_date& x);
template <class I>
requires std::is_integral_v<I> json_value put(I x);
template <class E>
requires std::is_enum_v<E> json_value put(E x);
json_value put(booking_outcome::kind x);
template <class T>
json_value put(const std::vector<T>& xs);
template <class A, class B>
json_value put(const std::pair<A, B>& x);
template <class T>
requires a_record<T> json_value put(const T& x);

bool get(const json_value& v, std::string& x);
bool get(const json_value& v, bool& x);
bool get(const json_value& v, json_value& x);
bool get(const json_value& v, domain::calendar_date& x);
template <class I>
requires std::is_integral_v<I>
bool get(const json_value& v, I& x);
template <class E>
requires std::is_enum_v<E>
bool get(const json_value& v, E& x);
bool get(const json_value& v, booking_outcome::kind& x);
template <class T>
bool get(const json_value& v, std::vector<T>& xs);
template <class A, class B>
bool get(const json_value& v, std::pair<A, B>& x);
template <class T>
requires a_record<T>
bool get(const json_value& v, T& x);

struct writer {
  object out;
  template <class T>
  void operator()(const char* key, const T& x) {
    out.emplace_back(key, put(x));
  }
};

// A member that is missing keeps its default: a recording made before a field existed still
// reads.
struct reader {
  const json_value& in;
  bool ok = true;
  template <class T>
  void operator()(const char* key, T& x) {
    if (const auto* v = in.find(key)) ok = get(*v, x) && ok;
  }
};

json_value put(const std::string& x) {
  return json_value{x};
}
json_value put(bool x) {
  return json_value{x};
}
json_value put(const json_value& x) {
  return x;
}
json_value put(const domain::calendar_date& x) {
  return json_value{domain::format_date(x)};
}
template <class I>
requires std::is_integral_v<I> json_value put(I x) {
  return json_value{static_cast<std::int64_t>(x)};
}
template <class E>
requires std::is_enum_v<E> json_value put(E x) {
  return put(static_cast<std::underlying_type_t<E>>(x));
}
// What came of a booking is read in diffs: by name.
constexpr std::array<const char*, 12> outcome_names{
    "done",           "repeated",          "in_progress",        "taken",
    "choose_patient", "need_name",         "choose_appointment", "not_found",
    "verify",         "already_cancelled", "in_the_past",        "inside_notice"};

json_value put(booking_outcome::kind x) {
  const auto n = static_cast<std::size_t>(x);
  return n < outcome_names.size() ? json_value{std::string(outcome_names[n])}
                                  : put(static_cast<std::int64_t>(n));
}

template <class T>
json_value put(const std::vector<T>& xs) {
  array out;
  out.reserve(xs.size());
  for (const auto& x : xs) out.push_back(put(x));
  return json_value{std::move(out)};
}
template <class A, class B>
json_value put(const std::pair<A, B>& x) {
  return json_value{array{put(x.first), put(x.second)}};
}
template <class T>
requires a_record<T> json_value put(const T& x) {
  writer w;
  // The writer only reads: one list of fields serves both directions.
  record<T>::fields(w, const_cast<T&>(x));
  return json_value{std::move(w.out)};
}

bool get(const json_value& v, std::string& x) {
  if (!v.is<std::string>()) return false;
  x = v.as<std::string>();
  return true;
}
bool get(const json_value& v, bool& x) {
  if (!v.is<bool>()) return false;
  x = v.as<bool>();
  return true;
}
bool get(const json_value& v, json_value& x) {
  x = v;
  return true;
}
bool get(const json_value& v, domain::calendar_date& x) {
  if (!v.is<std::string>()) return false;
  const auto d = domain::parse_date(v.as<std::string>());
  if (d) x = *d;
  return d.has_value();
}
template <class I>
requires std::is_integral_v<I>
bool get(const json_value& v, I& x) {
  if (!v.is<std::int64_t>()) return false;
  x = static_cast<I>(v.as<std::int64_t>());
  return true;
}
template <class E>
requires std::is_enum_v<E>
bool get(const json_value& v, E& x) {
  std::underlying_type_t<E> n{};
  if (!get(v, n)) return false;
  x = static_cast<E>(n);
  return true;
}
bool get(const json_value& v, booking_outcome::kind& x) {
  if (!v.is<std::string>()) return false;
  for (std::size_t n = 0; n < outcome_names.size(); ++n)
    if (v.as<std::string>() == outcome_names[n]) {
      x = static_cast<booking_outcome::kind>(n);
      return true;
    }
  return false;
}

template <class T>
bool get(const json_value& v, std::vector<T>& xs) {
  if (!v.is<array>()) return false;
  xs.clear();
  xs.reserve(v.as<array>().size());
  for (const auto& item : v.as<array>())
    if (!get(item, xs.emplace_back())) return false;
  return true;
}
template <class A, class B>
bool get(const json_value& v, std::pair<A, B>& x) {
  if (!v.is<array>() || v.as<array>().size() != 2) return false;
  return get(v.as<array>()[0], x.first) && get(v.as<array>()[1], x.second);
}
template <class T>
requires a_record<T>
bool get(const json_value& v, T& x) {
  if (!v.is_object()) return false;
  reader r{v};
  record<T>::fields(r, x);
  return r.ok;
}

template <>
struct record<call_context> {
  static constexpr bool known = true;
  // The deadline is left out: a steady-clock instant of the run that made it.
  static void fields(auto& f, call_context& x) {
    f("session_id", x.session_id);
    f("dialed_number", x.dialed_number);
    f("caller_phone", x.caller_phone);
  }
};

template <>
struct record<call_options> {
  static constexpr bool known = true;
  static void fields(auto& f, call_options& x) { f("urgency", x.urgency); }
};

template <>
struct record<tool_call> {
  static constexpr bool known = true;
  static void fields(auto& f, tool_call& x) {
    f("tool", x.tool);
    f("call", x.call);
    f("input", x.input);
  }
};

template <>
struct record<tool_answer> {
  static constexpr bool known = true;
  static void fields(auto& f, tool_answer& x) {
    f("status", x.status);
    f("body", x.body);
  }
};

template <>
struct record<domain::offering> {
  static constexpr bool known = true;
  static void fields(auto& f, domain::offering& x) {
    f("location_id", x.location_id);
    f("practitioner_id", x.practitioner_id);
    f("service_id", x.service_id);
    f("zone", x.zone);
    f("online", x.online);
    f("account_zone", x.account_zone);
  }
};

template <>
struct record<slot_request> {
  static constexpr bool known = true;
  static void fields(auto& f, slot_request& x) {
    f("clinic", x.clinic);
    f("sources", x.sources);
    f("from", x.from);
    f("to", x.to);
    f("not_before", x.not_before);
    f("call", x.call);
  }
};

template <>
struct record<times_reply> {
  static constexpr bool known = true;
  static void fields(auto& f, times_reply& x) {
    f("times", x.times);
    f("unanswered", x.unanswered);
  }
};

template <>
struct record<found_slot> {
  static constexpr bool known = true;
  static void fields(auto& f, found_slot& x) {
    f("start", x.start);
    f("source", x.source);
    f("unanswered", x.unanswered);
  }
};

template <>
struct record<caller_details> {
  static constexpr bool known = true;
  static void fields(auto& f, caller_details& x) {
    f("first_name", x.first_name);
    f("last_name", x.last_name);
    f("phone", x.phone);
    f("email", x.email);
  }
};

template <>
struct record<booking_request> {
  static constexpr bool known = true;
  static void fields(auto& f, booking_request& x) {
    f("clinic", x.clinic);
    f("session_id", x.session_id);
    f("source", x.source);
    f("start", x.start);
    f("duration_minutes", x.duration_minutes);
    f("caller", x.caller);
    f("notes", x.notes);
    f("call", x.call);
  }
};

template <>
struct record<appointment_pick> {
  static constexpr bool known = true;
  static void fields(auto& f, appointment_pick& x) {
    f("appointment_id", x.appointment_id);
    f("phone", x.phone);
    f("date", x.date);
    f("zone", x.zone);
    f("practitioner_id", x.practitioner_id);
    f("start", x.start);
    f("known_to_call", x.known_to_call);
    f("caller_phone", x.caller_phone);
    f("said_name", x.said_name);
    f("said_birth_date", x.said_birth_date);
  }
};

template <>
struct record<move_request> {
  static constexpr bool known = true;
  static void fields(auto& f, move_request& x) {
    f("clinic", x.clinic);
    f("session_id", x.session_id);
    f("which", x.which);
    f("start", x.start);
    f("practitioner_id", x.practitioner_id);
    f("service_id", x.service_id);
    f("location_id", x.location_id);
    f("duration_minutes", x.duration_minutes);
    f("call", x.call);
  }
};

template <>
struct record<cancellation> {
  static constexpr bool known = true;
  static void fields(auto& f, cancellation& x) {
    f("reason", x.reason);
    f("note", x.note);
  }
};

template <>
struct record<cancel_request> {
  static constexpr bool known = true;
  static void fields(auto& f, cancel_request& x) {
    f("clinic", x.clinic);
    f("session_id", x.session_id);
    f("which", x.which);
    f("why", x.why);
    f("call", x.call);
    f("notice_hours", x.notice_hours);
    f("policy_accepted", x.policy_accepted);
  }
};

template <>
struct record<history_request> {
  static constexpr bool known = true;
  static void fields(auto& f, history_request& x) {
    f("clinic", x.clinic);
    f("phone", x.phone);
    f("before", x.before);
    f("call", x.call);
  }
};

template <>
struct record<appointment> {
  static constexpr bool known = true;
  static void fields(auto& f, appointment& x) {
    f("id", x.id);
    f("starts_at", x.starts_at);
    f("ends_at", x.ends_at);
    f("patient_id", x.patient_id);
    f("practitioner_id", x.practitioner_id);
    f("business_id", x.business_id);
    f("appointment_type_id", x.appointment_type_id);
    f("patient_name", x.patient_name);
    f("notes", x.notes);
    f("cancelled_at", x.cancelled_at);
    f("archived", x.archived);
    f("updated_at", x.updated_at);
  }
};

template <>
struct record<patient_phone> {
  static constexpr bool known = true;
  static void fields(auto& f, patient_phone& x) {
    f("type", x.type);
    f("number", x.number);
  }
};

template <>
struct record<patient> {
  static constexpr bool known = true;
  static void fields(auto& f, patient& x) {
    f("id", x.id);
    f("first_name", x.first_name);
    f("last_name", x.last_name);
    f("preferred_first_name", x.preferred_first_name);
    f("email", x.email);
    f("date_of_birth", x.date_of_birth);
    f("phones", x.phones);
    f("archived", x.archived);
    f("updated_at", x.updated_at);
  }
};

template <>
struct record<booking_outcome> {
  static constexpr bool known = true;
  static void fields(auto& f, booking_outcome& x) {
    f("what", x.what);
    f("result", x.result);
    f("who", x.who);
    f("patients", x.patients);
    f("appointments", x.appointments);
    f("alternatives", x.alternatives);
  }
};

template <>
struct record<domain::location> {
  static constexpr bool known = true;
  static void fields(auto& f, domain::location& x) {
    f("id", x.id);
    f("name", x.name);
    f("label", x.label);
    f("address", x.address);
    f("city", x.city);
    f("time_zone", x.time_zone);
    f("online", x.online);
  }
};

template <>
struct record<domain::practitioner> {
  static constexpr bool known = true;
  static void fields(auto& f, domain::practitioner& x) {
    f("id", x.id);
    f("display_name", x.display_name);
    f("first_name", x.first_name);
    f("last_name", x.last_name);
    f("designation", x.designation);
    f("online", x.online);
    f("default_service_id", x.default_service_id);
  }
};

template <>
struct record<domain::service> {
  static constexpr bool known = true;
  static void fields(auto& f, domain::service& x) {
    f("id", x.id);
    f("name", x.name);
    f("category", x.category);
    f("duration_minutes", x.duration_minutes);
    f("online", x.online);
  }
};

template <>
struct record<domain::clinic_directory> {
  static constexpr bool known = true;
  static void fields(auto& f, domain::clinic_directory& x) {
    f("clinic_id", x.clinic_id);
    f("clinic_name", x.clinic_name);
    f("account_zone", x.account_zone);
    f("country", x.country);
    f("slot_minutes", x.slot_minutes);
    f("cancellation_notice_hours", x.cancellation_notice_hours);
    f("lists_hidden", x.lists_hidden);
    f("locations", x.locations);
    f("practitioners", x.practitioners);
    f("services", x.services);
    f("offerings", x.offerings);
    f("works_at", x.works_at);
  }
};

template <>
struct record<clinic_view> {
  static constexpr bool known = true;
  // The directory goes apart, under its hash.
  static void fields(auto& f, clinic_view& x) {
    f("id", x.id);
    f("name", x.name);
    f("time_zone", x.time_zone);
  }
};

}  // namespace
}  // namespace frontdesk::recording

namespace frontdesk::recording {

json_value encode(const tool_call& x) {
  return put(x);
}
json_value encode(const tool_answer& x) {
  return put(x);
}
json_value encode(const slot_request& x) {
  return put(x);
}
json_value encode(const times_reply& x) {
  return put(x);
}
json_value encode(const found_slot& x) {
  return put(x);
}
json_value encode(const booking_request& x) {
  return put(x);
}
json_value encode(const move_request& x) {
  return put(x);
}
json_value encode(const cancel_request& x) {
  return put(x);
}
json_value encode(const history_request& x) {
  return put(x);
}
json_value encode(const booking_outcome& x) {
  return put(x);
}
json_value encode(const std::vector<appointment>& x) {
  return put(x);
}
json_value encode(const domain::clinic_directory& x) {
  return put(x);
}

json_value encode(const clinic_view& x, const std::string& directory_hash) {
  auto out = put(x);
  out.set("directory", json_value{directory_hash});
  return out;
}

// Ours by name and context; CAF's own (a timeout) by its number.
json_value encode(const caf::error& e) {
  json_value out{object{}};
  if (const auto code = code_of(e)) {
    out.set("code", json_value{to_string(*code)});
    out.set("context", json_value{context_of(e)});
  } else {
    out.set("category", json_value{caf::to_string(e.category())});
    out.set("number", json_value{static_cast<std::int64_t>(e.code())});
  }
  return out;
}

bool decode(const json_value& v, tool_call& x) {
  return get(v, x);
}
bool decode(const json_value& v, tool_answer& x) {
  return get(v, x);
}
bool decode(const json_value& v, slot_request& x) {
  return get(v, x);
}
bool decode(const json_value& v, times_reply& x) {
  return get(v, x);
}
bool decode(const json_value& v, found_slot& x) {
  return get(v, x);
}
bool decode(const json_value& v, booking_request& x) {
  return get(v, x);
}
bool decode(const json_value& v, move_request& x) {
  return get(v, x);
}
bool decode(const json_value& v, cancel_request& x) {
  return get(v, x);
}
bool decode(const json_value& v, history_request& x) {
  return get(v, x);
}
bool decode(const json_value& v, booking_outcome& x) {
  return get(v, x);
}
bool decode(const json_value& v, std::vector<appointment>& x) {
  return get(v, x);
}
bool decode(const json_value& v, domain::clinic_directory& x) {
  return get(v, x);
}

bool decode(const json_value& v, clinic_view& x, std::string& directory_hash) {
  const auto* hash = v.find("directory");
  return get(v, x) && hash && get(*hash, directory_hash);
}

bool decode(const json_value& v, caf::error& e) {
  if (!v.is_object()) return false;
  std::string code;
  if (const auto* c = v.find("code"); c && get(*c, code)) {
    for (int n = 1; n <= static_cast<int>(error_code::unknown_clinic); ++n) {
      const auto candidate = static_cast<error_code>(n);
      if (to_string(candidate) != code) continue;
      std::string context;
      if (const auto* ctx = v.find("context")) get(*ctx, context);
      e = context.empty() ? make_error(candidate) : make_error(candidate, std::move(context));
      return true;
    }
    return false;
  }
  std::int64_t number = 0;
  std::string category;
  const auto* n = v.find("number");
  const auto* c = v.find("category");
  if (!n || !get(*n, number) || !c || !get(*c, category)) return false;
  e = caf::error{static_cast<std::uint8_t>(number), caf::atom_from_string(category)};
  return true;
}

std::string directory_hash(const json_value& encoded_directory) {
  return http::sha256_hex(http::to_json(encoded_directory)).substr(0, 16);
}

std::shared_ptr<const directory_snapshot> snapshot_of(const directory_ptr& d) {
  struct made {
    std::weak_ptr<const domain::clinic_directory> of;
    std::shared_ptr<const directory_snapshot> snapshot;
  };
  static std::mutex mutex;
  static std::map<const domain::clinic_directory*, made> made_so_far;
  {
    std::lock_guard lock{mutex};
    if (const auto it = made_so_far.find(d.get());
        it != made_so_far.end() && it->second.of.lock() == d)
      return it->second.snapshot;
  }
  auto encoded = encode(*d);
  auto hash = directory_hash(encoded);
  auto snapshot = std::make_shared<const directory_snapshot>(
      directory_snapshot{std::move(hash), std::move(encoded)});
  std::lock_guard lock{mutex};
  // Directories are replaced a few times a day: forget those gone.
  std::erase_if(made_so_far, [](const auto& entry) { return entry.second.of.expired(); });
  made_so_far[d.get()] = {d, snapshot};
  return snapshot;
}

}  // namespace frontdesk::recording
