#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "domain/time_zone.hpp"
#include "messages/booking.hpp"
#include "messages/fields.hpp"
#include "messages/json_value.hpp"

// How the codec writes and reads a value: JSON for each kind of member, and for any record by its
// field list. Used through recording/codec.hpp's encode and decode.
namespace frontdesk::recording::detail {

using object = json_value::object;
using array = json_value::array;

// Every record is written and read by its one field list (messages/fields.hpp), beside its
// struct; what recordings leave out (deadlines) is marked there.
template <class T>
concept a_record = has_fields<T>;

// Declared for every kind of value first, so that each template below finds all of them.
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

template <class I>
requires std::is_integral_v<I> json_value put(I x) {
  return json_value{static_cast<std::int64_t>(x)};
}
template <class E>
requires std::is_enum_v<E> json_value put(E x) {
  return put(static_cast<std::underlying_type_t<E>>(x));
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

}  // namespace frontdesk::recording::detail
