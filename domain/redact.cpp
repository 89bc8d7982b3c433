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

std::size_t utf8_length_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > s.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return length;
}

namespace {

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static constexpr char hex[] = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      append_hex(out, "\\x", c, 2);
    } else if (c >= 0x80) {
      const auto length = utf8_length_at(text, i);
      if (length == 0) {
        append_hex(out, "\\x", c, 2);
      } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
        // C1 controls (U+0080 to U+009F): a terminal may act on them as on escapes.
        append_hex(out, "\\u00", static_cast<unsigned char>(text[i + 1]), 2);
      } else {
        out.append(text.substr(i, length));
      }
      i += length == 0 ? 1 : length;
      continue;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

}  // namespace frontdesk::domain
