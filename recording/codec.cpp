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

// Every record is written and read by its one field list (messages/fields.hpp), beside its
// struct; what recordings leave out (deadlines) is marked there.
template <class T>
concept a_record = has_fields<T>;

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
  template <class T, class Kept>
  void operator()(const char* key, const T& x, Kept) {
    if constexpr (is_recorded<Kept>) out.emplace_back(key, put(x));
  }
};

// A member that is missing keeps its default: a recording made before a field existed still
// reads.
struct reader {
  const json_value& in;
  bool ok = true;
  template <class T, class Kept>
  void operator()(const char* key, T& x, Kept) {
    if constexpr (is_recorded<Kept>)
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
  for_each_field(const_cast<T&>(x), w);
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
  for_each_field(x, r);
  return r.ok;
}

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
