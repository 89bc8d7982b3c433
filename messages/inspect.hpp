#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/meta/type_name.hpp>
#include <tuple>

#include "messages/fields.hpp"

// CAF's inspect of every record with a field list (messages/fields.hpp), found by ADL. Records
// that stay in this process (CAF_ALLOW_UNSAFE_MESSAGE_TYPE) are not inspected.
namespace frontdesk {

template <class Inspector, has_fields T>
requires(!caf::allowed_unsafe_message_type<T>::value) typename Inspector::result_type
    inspect(Inspector& f, T& x) {
  const auto described = fields(static_cast<const T*>(nullptr));
  return std::apply(
      [&](const auto&... each) {
        return f(caf::meta::type_name(described.type_name), x.*(each.member)...);
      },
      described.list);
}

}  // namespace frontdesk
