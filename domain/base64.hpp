#pragma once

#include <optional>
#include <string>
#include <string_view>

// Base64 (RFC 4648, with padding), the one helper for it: Basic auth, audio in post-call events,
// keys given as text.
namespace frontdesk::domain {

std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes; nullopt when it is not padded base64 (its length a multiple of 4).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace frontdesk::domain
