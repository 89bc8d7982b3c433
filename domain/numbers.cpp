#include "domain/numbers.hpp"

#include <algorithm>
#include <limits>

namespace frontdesk::domain {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool is_cliniko_id(std::string_view text) {
  return text.size() <= 19 && all_digits(text);
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (!all_digits(text)) return std::nullopt;
  constexpr auto most = std::numeric_limits<std::int64_t>::max();
  std::int64_t value = 0;
  for (const char c : text) {
    const int digit = c - '0';
    if (value > (most - digit) / 10) return negative ? -most : most;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

}  // namespace frontdesk::domain
