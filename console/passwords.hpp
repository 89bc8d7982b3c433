#pragma once

#include <optional>
#include <string>
#include <string_view>

// Secrets of the console: operators' passwords (Argon2id, libsodium's crypto_pwhash_str),
// session tokens and their comparison.
namespace frontdesk::console {

/// The Argon2id string of `password` (algorithm, parameters, salt and hash in one); nothing
/// when libsodium cannot have the memory it needs.
std::optional<std::string> hash_password(std::string_view password);

/// Whether `password` is the one `hash` was made from (constant time within libsodium).
bool password_matches(std::string_view password, const std::string& hash);

/// `bytes` random bytes from the system's generator, in lowercase hex.
std::string random_token(std::size_t bytes = 32);

/// A readable one-time password: 16 characters from an alphabet without look-alikes.
std::string one_time_password();

/// Whether two strings are equal, in time that does not depend on where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace frontdesk::console
