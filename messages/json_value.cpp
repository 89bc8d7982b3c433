#include "messages/json_value.hpp"

#include <charconv>
#include <cmath>

namespace frontdesk {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

const json_value* json_value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const auto& [name, member] : as<object>())
    if (name == key) return &member;
  return nullptr;
}

json_value* json_value::find(std::string_view key) {
  return const_cast<json_value*>(std::as_const(*this).find(key));
}

void json_value::set(std::string_view key, json_value value) {
  if (auto* member = find(key)) {
    *member = std::move(value);
    return;
  }
  as<object>().emplace_back(std::string(key), std::move(value));
}

void json_value::erase(std::string_view key) {
  auto& members = as<object>();
  std::erase_if(members, [key](const auto& member) { return member.first == key; });
}

std::optional<std::string> text_field(const json_value& object, std::string_view key) {
  const json_value* field = object.find(key);
  if (!field) return std::nullopt;
  if (field->is<std::string>()) {
    auto text = trim(field->as<std::string>());
    if (text.empty()) return std::nullopt;
    return std::string(text);
  }
  if (field->is<std::int64_t>()) return std::to_string(field->as<std::int64_t>());
  if (field->is<double>()) {
    const double number = field->as<double>();
    char buffer[32];
    const auto end =
        std::floor(number) == number && std::fabs(number) < 1e18
            ? std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed, 0).ptr
            : std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
    return std::string(buffer, end);
  }
  return std::nullopt;
}

}  // namespace frontdesk
