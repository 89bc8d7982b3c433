#include "recording/codec.hpp"

#include <array>
#include <caf/error.hpp>
#include <caf/sec.hpp>
#include <map>
#include <mutex>
#include <type_traits>

#include "domain/encoding.hpp"
#include "domain/time_zone.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "messages/error.hpp"

namespace frontdesk::recording::detail {

// What came of a booking is read in diffs: by name.
constexpr std::array<const char*, 12> outcome_names{
    "done",           "repeated",          "in_progress",        "taken",
    "choose_patient", "need_name",         "choose_appointment", "not_found",
    "verify",         "already_cancelled", "in_the_past",        "inside_notice"};

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

json_value put(booking_outcome::kind x) {
  const auto n = static_cast<std::size_t>(x);
  return n < outcome_names.size() ? json_value{std::string(outcome_names[n])}
                                  : put(static_cast<std::int64_t>(n));
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

bool get(const json_value& v, booking_outcome::kind& x) {
  if (!v.is<std::string>()) return false;
  for (std::size_t n = 0; n < outcome_names.size(); ++n)
    if (v.as<std::string>() == outcome_names[n]) {
      x = static_cast<booking_outcome::kind>(n);
      return true;
    }
  return false;
}

}  // namespace frontdesk::recording::detail

namespace frontdesk::recording {
namespace {
using detail::get;
using detail::put;
using object = json_value::object;
}  // namespace

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

bool decode(const json_value& v, clinic_view& x, std::string& directory_hash) {
  const auto* hash = v.find("directory");
  return get(v, x) && hash && get(*hash, directory_hash);
}

bool decode(const json_value& v, caf::error& e) {
  if (!v.is_object()) return false;
  std::string code;
  if (const auto* c = v.find("code"); c && get(*c, code)) {
    for (int n = 1; n <= static_cast<int>(error_code::conversation_moved); ++n) {
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
  return domain::sha256_hex(http::to_json(encoded_directory)).substr(0, 16);
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
