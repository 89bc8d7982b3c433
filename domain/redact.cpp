#include "domain/redact.hpp"

#include <cctype>

namespace frontdesk::domain {
namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

bool is_phone_separator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

// Length of the phone-like run starting at text[i] (digits and separators, ending on a digit),
// and how many digits it holds.
std::pair<std::size_t, std::size_t> phone_run(std::string_view text, std::size_t i) {
  std::size_t end = i, digits = 0;
  for (std::size_t j = i; j < text.size(); ++j) {
    if (is_digit(text[j])) {
      ++digits;
      end = j + 1;
    } else if (!is_phone_separator(text[j]) && !(j == i && text[j] == '+')) {
      break;
    }
  }
  return {end - i, digits};
}

// An ISO date ("2026-11-25") has eight digits too, but is no phone number.
bool is_iso_date(std::string_view text, std::size_t i) {
  if (i + 10 > text.size()) return false;
  for (std::size_t k = 0; k < 10; ++k) {
    const bool dash = k == 4 || k == 7;
    if (dash ? text[i + k] != '-' : !is_digit(text[i + k])) return false;
  }
  return i + 10 == text.size() || !is_digit(text[i + 10]);
}

}  // namespace

std::string mask_phone(std::string_view phone) {
  std::string digits;
  for (char c : phone)
    if (is_digit(c)) digits += c;
  const bool plus = !phone.empty() && phone.front() == '+';
  if (digits.size() < 7) return std::string(phone.size(), '*');
  std::string out = plus ? "+" : "";
  out += digits.substr(0, 2);
  out.append(digits.size() - 5, '*');
  out += digits.substr(digits.size() - 3);
  return out;
}

std::string mask_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool word_start = true;
  for (char c : name) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    // Continuation bytes of a multi-byte initial are masked too: only ASCII initials survive.
    if (space || (word_start && static_cast<unsigned char>(c) < 0x80))
      out += c;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      out += '*';
    word_start = space;
  }
  return out;
}

std::string redact_phones(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const bool starts_run =
        is_digit(text[i]) || (text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]));
    const bool inside_word = i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]));
    if (starts_run && !inside_word && is_iso_date(text, i)) {
      out += text.substr(i, 10);
      i += 10;
      continue;
    }
    if (starts_run && !inside_word) {
      auto [length, digits] = phone_run(text, i);
      // E.164 numbers have at most 15 digits; longer runs are ids (Cliniko's have 18).
      if (digits >= 7 && digits <= 15) {
        out += mask_phone(text.substr(i, length));
        i += length;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace frontdesk::domain
