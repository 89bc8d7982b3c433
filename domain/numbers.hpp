#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

// Numbers as they arrive in a tool call's fields.
namespace frontdesk::domain {

/// Whether `text` can be a Cliniko id: digits only, at most 19 (Cliniko's ids are 64-bit
/// integers). "abc", "12ab", "../businesses" and "-5" cannot.
bool is_cliniko_id(std::string_view text);

/// `text` as a whole number ("14", "-5", "+3"); one too large for 64 bits saturates rather than
/// fails. Nothing when `text` is not a whole number ("2.5", "1e3", "", "ten").
std::optional<std::int64_t> whole_number(std::string_view text);

}  // namespace frontdesk::domain
