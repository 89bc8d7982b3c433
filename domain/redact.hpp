#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Masking of personal data before it reaches a log line.
namespace frontdesk::domain {

/// Keeps a leading '+' with the first two digits and the last three digits: "+61412345678" ->
/// "+61*******678". Short inputs are masked whole.
std::string mask_phone(std::string_view phone);

/// Keeps the initial of each word: "Sarah Chen" -> "S**** C***".
std::string mask_name(std::string_view name);

/// `text` made safe to write as one log line: control characters (a newline that would start a
/// forged line, a terminal escape) are written as escapes (\n, \x1b, \u009b), a backslash as
/// \\, and bytes that are not valid UTF-8 as \xff; everything else is kept as it is.
std::string printable(std::string_view text);

/// The length of the valid UTF-8 sequence that starts at text[i]: 0 when the bytes there are not
/// one (overlong forms and UTF-16 surrogates included).
std::size_t utf8_length_at(std::string_view text, std::size_t i);

/// Masks every run that looks like a phone number (seven to fifteen digits, possibly broken by
/// spaces, dashes, dots or parentheses) inside free text.
std::string redact_phones(std::string_view text);

}  // namespace frontdesk::domain
