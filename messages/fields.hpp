#pragma once

#include <tuple>
#include <type_traits>

// One list of fields per record, written beside its struct as `fields(const T*)` and found by
// ADL: CAF's inspect (messages/inspect.hpp) and the recording codec (recording/codec.cpp) are
// both made from it, so a field added to a record reaches both or neither. Plain C++: no CAF.
namespace frontdesk {

/// A field recordings keep (the usual), or one they leave out: a deadline is a steady-clock
/// instant of the run that made it, never the same twice (CAF still carries it).
struct recorded_t {};
struct not_recorded_t {};
inline constexpr not_recorded_t not_recorded{};

/// A field of T: its name in recordings, its member, and whether recordings keep it.
template <class T, class M, class Kept = recorded_t>
struct field {
  const char* name;
  M T::*member;
  Kept kept{};
};

template <class T, class M>
field(const char*, M T::*) -> field<T, M, recorded_t>;
template <class T, class M>
field(const char*, M T::*, not_recorded_t) -> field<T, M, not_recorded_t>;

/// Whether recordings keep a field (its `kept`).
template <class Kept>
inline constexpr bool is_recorded = std::is_same_v<std::decay_t<Kept>, recorded_t>;

/// A record's name and its fields, in order.
template <class... Fields>
struct record_fields {
  const char* type_name;
  std::tuple<Fields...> list;

  constexpr record_fields(const char* name, Fields... fields) : type_name(name), list(fields...) {}
};

/// A record with a field list.
template <class T>
concept has_fields = requires {
  fields(static_cast<const T*>(nullptr));
};

/// Calls `f(name, member, kept)` for each field of `x`, in order.
template <has_fields T, class F>
void for_each_field(T& x, F&& f) {
  const auto described = fields(static_cast<const T*>(nullptr));
  std::apply([&](const auto&... each) { (f(each.name, x.*(each.member), each.kept), ...); },
             described.list);
}

}  // namespace frontdesk
