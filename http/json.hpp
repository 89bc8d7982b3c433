#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "messages/json_value.hpp"

// JSON in (an owned tree parsed with simdjson) and JSON out (a small streaming writer).
namespace frontdesk::http {

/// Parses `text`; nothing when it is not valid JSON (`error`, if given, says why).
std::optional<json_value> parse_json(std::string_view text, std::string* error = nullptr);

class json_writer;

/// Writes `value` as JSON text.
void write_json(json_writer& out, const json_value& value);
std::string to_json(const json_value& value);
/// The same, two spaces an indent, for a person to read (a configuration to review).
std::string to_indented_json(const json_value& value);

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
