#pragma once

#include <optional>
#include <string>
#include <string_view>

// Phone numbers as callers and clinics write them, normalised to E.164 so that "02 9876 5432",
// "+61 2 9876 5432" and "61298765432" name the same line.
namespace frontdesk::domain {

/// E.164 form ("+61298765432") of a number in any common format; national formats are read in
/// `default_region` (ISO 3166 code such as "AU"). Nothing when it cannot be a phone number.
std::optional<std::string> to_e164(std::string_view number, std::string_view default_region);

/// Whether libphonenumber knows the region code ("AU", "GB", ...).
bool is_supported_region(std::string_view region);

}  // namespace frontdesk::domain
