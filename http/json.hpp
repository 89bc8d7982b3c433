#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

// JSON in (an owned tree parsed with simdjson) and JSON out (a small streaming writer).
namespace frontdesk::http {

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

/// Parses `text`; nothing when it is not valid JSON (`error`, if given, says why).
std::optional<json_value> parse_json(std::string_view text, std::string* error = nullptr);

/// A field as the agent meant it: absent, null and "" are all absent; strings come as they are
/// (trimmed), numbers as their decimal text (ids may arrive as numbers), booleans as absent.
std::optional<std::string> text_field(const json_value& object, std::string_view key);

class json_writer;

/// Writes `value` as JSON text.
void write_json(json_writer& out, const json_value& value);
std::string to_json(const json_value& value);

/// The first legacy name of a location field in a request body ("locationId", "location_id",
/// "locationID"), or nothing. The contract names a location business_id, always.
std::optional<std::string> legacy_location_field(const json_value& body);

/// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
/// valid UTF-8 kept as it is, invalid bytes replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);

/// Writes JSON into a string, taking care of commas: begin_object().key("a").value(1).end_object().
class json_writer {
 public:
  json_writer& begin_object();
  json_writer& end_object();
  json_writer& begin_array();
  json_writer& end_array();
  json_writer& key(std::string_view name);
  json_writer& value(std::string_view text);
  json_writer& value(const char* text) { return value(std::string_view{text}); }
  json_writer& value(const std::string& text) { return value(std::string_view{text}); }
  json_writer& value(bool flag);
  json_writer& value(std::int64_t number);
  json_writer& value(int number) { return value(static_cast<std::int64_t>(number)); }
  json_writer& value(double number);
  json_writer& null();

  const std::string& str() const& { return out_; }
  std::string str() && { return std::move(out_); }

 private:
  void separate();

  std::string out_;
  std::vector<bool> has_members_;
  bool after_key_ = false;
};

}  // namespace frontdesk::http
