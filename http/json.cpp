#include "http/json.hpp"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>
#include <string>
#include <utility>

#include "domain/redact.hpp"

namespace frontdesk::http {
namespace {

json_value convert(simdjson::dom::element element) {
  using simdjson::dom::element_type;
  switch (element.type()) {
    case element_type::ARRAY: {
      json_value::array items;
      for (auto child : element.get_array()) items.push_back(convert(child));
      return json_value{std::move(items)};
    }
    case element_type::OBJECT: {
      json_value::object members;
      for (auto field : element.get_object())
        members.emplace_back(std::string(field.key), convert(field.value));
      return json_value{std::move(members)};
    }
    case element_type::INT64:
      return json_value{element.get_int64().value()};
    case element_type::UINT64:
      return json_value{static_cast<double>(element.get_uint64().value())};
    case element_type::DOUBLE:
      return json_value{element.get_double().value()};
    case element_type::STRING:
      return json_value{std::string(element.get_string().value())};
    case element_type::BOOL:
      return json_value{element.get_bool().value()};
    case element_type::NULL_VALUE:
      break;
  }
  return json_value{};
}

}  // namespace

void write_json(json_writer& out, const json_value& value) {
  if (value.is<bool>()) {
    out.value(value.as<bool>());
  } else if (value.is<std::int64_t>()) {
    out.value(value.as<std::int64_t>());
  } else if (value.is<double>()) {
    out.value(value.as<double>());
  } else if (value.is<std::string>()) {
    out.value(value.as<std::string>());
  } else if (value.is<json_value::array>()) {
    out.begin_array();
    for (const auto& item : value.as<json_value::array>()) write_json(out, item);
    out.end_array();
  } else if (value.is_object()) {
    out.begin_object();
    for (const auto& [name, member] : value.as<json_value::object>()) {
      out.key(name);
      write_json(out, member);
    }
    out.end_object();
  } else {
    out.null();
  }
}

std::string to_json(const json_value& value) {
  json_writer out;
  write_json(out, value);
  return std::move(out).str();
}

std::string to_indented_json(const json_value& value) {
  const auto compact = to_json(value);
  std::string out;
  std::size_t depth = 0;
  bool in_string = false;
  const auto new_line = [&] { out += '\n' + std::string(depth * 2, ' '); };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    const bool closes_next =
        i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']');
    out += c;
    if (in_string) {
      if (c == '\\') {
        out += compact[++i];
        continue;
      }
      if (c != '"') continue;
      in_string = false;  // what follows a string may close its container
    } else if (c == '"') {
      in_string = true;
      continue;
    } else if (c == '{' || c == '[') {
      if (!closes_next) {
        ++depth;
        new_line();
      }
      continue;
    } else if (c == ',') {
      new_line();
      continue;
    } else if (c == ':') {
      out += ' ';
      continue;
    }
    if (closes_next && compact[i] != '{' && compact[i] != '[') {
      --depth;
      new_line();
    }
  }
  return out + '\n';
}

namespace {

// A number JSON allows but a 64-bit integer or a double cannot hold: a whole number of more than
// 18 digits, or one beyond a double's range. Only tokens that follow JSON's number grammar count.
bool is_outsized_number(std::string_view token) {
  static const std::regex grammar{R"(-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)"};
  if (!std::regex_match(token.begin(), token.end(), grammar)) return false;
  if (token.find_first_of(".eE") == std::string_view::npos)
    return std::count_if(token.begin(), token.end(), [](char c) { return c != '-'; }) > 18;
  return !std::isfinite(std::strtod(std::string(token).c_str(), nullptr));
}

// `text` with its outsized numbers written as strings of their digits; nothing when it has none.
std::optional<std::string> quote_outsized_numbers(std::string_view text) {
  const auto number_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
  };
  std::string out;
  bool in_string = false, changed = false;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (in_string || c == '"') {
      if (in_string && c == '\\' && i + 1 < text.size())
        out += text[i++];
      else if (c == '"')
        in_string = !in_string;
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && number_char(text[end])) ++end;
    const auto token = text.substr(i, end - i);
    if (end == i) ++end;
    const bool quote = is_outsized_number(token);
    changed = changed || quote;
    out += quote ? "\"" + std::string(token) + "\"" : std::string(text.substr(i, end - i));
    i = end;
  }
  if (!changed) return std::nullopt;
  return out;
}

std::optional<json_value> parse_once(std::string_view text, simdjson::error_code& code) {
  // One parser per thread: simdjson parsers reuse their buffers and are not thread-safe.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  code = parser.parse(text.data(), text.size()).get(root);
  if (code != simdjson::SUCCESS) return std::nullopt;
  return convert(root);
}

}  // namespace

std::optional<json_value> parse_json(std::string_view text, std::string* error) {
  simdjson::error_code code = simdjson::SUCCESS;
  if (auto doc = parse_once(text, code)) return doc;
  // Valid JSON with a number too large to hold: read again with it as its digits, so the field
  // it is in can be named, rather than calling the whole body malformed.
  if (code == simdjson::NUMBER_ERROR || code == simdjson::NUMBER_OUT_OF_RANGE)
    if (const auto quoted = quote_outsized_numbers(text))
      if (auto doc = parse_once(*quoted, code)) return doc;
  if (error) *error = simdjson::error_message(code);
  return std::nullopt;
}

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (auto length = domain::utf8_length_at(text, i)) {
        const auto sequence = text.substr(i, length);
        // U+2028 and U+2029 are valid JSON but end lines in JavaScript.
        if (sequence == "\xE2\x80\xA8" || sequence == "\xE2\x80\xA9")
          out += sequence.back() == '\xA8' ? "\\u2028" : "\\u2029";
        else
          out += sequence;
        i += length;
      } else {
        out += "\xEF\xBF\xBD";
        ++i;
      }
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

void json_writer::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_members_.empty()) {
    if (has_members_.back()) out_ += ',';
    has_members_.back() = true;
  }
}

json_writer& json_writer::begin_object() {
  separate();
  out_ += '{';
  has_members_.push_back(false);
  return *this;
}

json_writer& json_writer::end_object() {
  out_ += '}';
  has_members_.pop_back();
  return *this;
}

json_writer& json_writer::begin_array() {
  separate();
  out_ += '[';
  has_members_.push_back(false);
  return *this;
}

json_writer& json_writer::end_array() {
  out_ += ']';
  has_members_.pop_back();
  return *this;
}

json_writer& json_writer::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

json_writer& json_writer::value(std::string_view text) {
  separate();
  append_json_string(out_, text);
  return *this;
}

json_writer& json_writer::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

json_writer& json_writer::value(std::int64_t number) {
  separate();
  out_ += std::to_string(number);
  return *this;
}

json_writer& json_writer::value(double number) {
  separate();
  if (!std::isfinite(number)) {
    out_ += "null";  // JSON has no NaN or infinity
    return *this;
  }
  // Shortest text that reads back as the same double: 1.721, not 1.7210000000000001. Negative
  // zero is written as 0: "-0" would read back as the integer 0 and write differently.
  if (number == 0) number = 0;
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  out_.append(buffer, end);
  return *this;
}

json_writer& json_writer::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace frontdesk::http
