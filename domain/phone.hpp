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

/// The `phone_type` Cliniko should file a number under: "Home" for a landline (Cliniko's own
/// rule: a landline is Home or Work, never Mobile), "Other" for VoIP, toll-free and the like,
/// "Mobile" for a mobile or a number that could be either.
std::string cliniko_phone_type(std::string_view number, std::string_view default_region = "AU");

/// Whether libphonenumber knows the region code ("AU", "GB", ...).
bool is_supported_region(std::string_view region);

}  // namespace frontdesk::domain
