#pragma once

#include <string>
#include <string_view>

// Masking of personal data before it reaches a log line.
namespace frontdesk::domain {

/// Keeps a leading '+' with the first two digits and the last three digits: "+61412345678" ->
/// "+61*******678". Short inputs are masked whole.
std::string mask_phone(std::string_view phone);

/// Keeps the initial of each word: "Sarah Chen" -> "S**** C***".
std::string mask_name(std::string_view name);

/// Masks every run that looks like a phone number (seven to fifteen digits, possibly broken by
/// spaces, dashes, dots or parentheses) inside free text.
std::string redact_phones(std::string_view text);

}  // namespace frontdesk::domain
