#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// A JSON tree as the vocabulary carries it: a tool call's fields as the agent sent them, and the
// body of an answer. Parsing and writing JSON text is http/'s job (http/json.hpp).
namespace frontdesk {

/// An owned JSON value. Objects keep their members in document order.
class json_value {
 public:
  using array = std::vector<json_value>;
  using object = std::vector<std::pair<std::string, json_value>>;
  using storage =
      std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, array, object>;

  json_value() : value_(nullptr) {}
  template <class T>
  explicit json_value(T x) : value_(std::move(x)) {}

  template <class T>
  bool is() const {
    return std::holds_alternative<T>(value_);
  }
  template <class T>
  const T& as() const {
    return std::get<T>(value_);
  }
  template <class T>
  T& as() {
    return std::get<T>(value_);
  }
  bool is_object() const { return is<object>(); }
  bool is_null() const { return is<std::nullptr_t>(); }

  /// The member named `key` of an object; nullptr when absent or when this is not an object.
  const json_value* find(std::string_view key) const;
  json_value* find(std::string_view key);
  /// Sets (or adds) a member of an object.
  void set(std::string_view key, json_value value);
  /// Removes a member of an object, if there.
  void erase(std::string_view key);

 private:
  storage value_;
};

/// A field as the agent meant it: absent, null and "" are all absent; strings come as they are
/// (trimmed), numbers as their decimal text (ids may arrive as numbers), booleans as absent.
std::optional<std::string> text_field(const json_value& object, std::string_view key);

}  // namespace frontdesk
