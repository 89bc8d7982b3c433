#pragma once

#include <optional>
#include <string>
#include <string_view>

// Text encodings of bytes, one helper each: base64 (RFC 4648, with padding) for Basic auth, audio
// in post-call events and keys given as text; the hex of a SHA-256 digest for names made from
// content (a directory's hash, an event's key, an audio file's name).
namespace frontdesk::domain {

std::string base64_encode(std::string_view bytes);

/// The bytes `text` encodes; nullopt when it is not padded base64 (its length a multiple of 4).
std::optional<std::string> base64_decode(std::string_view text);

/// The SHA-256 digest of `bytes`, in lowercase hex (64 characters).
std::string sha256_hex(std::string_view bytes);

}  // namespace frontdesk::domain
