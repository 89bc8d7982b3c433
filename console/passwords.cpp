#include "console/passwords.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace frontdesk::console {
namespace {

void ready() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium could not start");
}

}  // namespace

std::optional<std::string> hash_password(std::string_view password) {
  ready();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return std::nullopt;
  return std::string(out);
}

bool password_matches(std::string_view password, const std::string& hash) {
  ready();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_token(std::size_t bytes) {
  ready();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string one_time_password() {
  ready();
  static constexpr std::string_view alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out;
  for (int i = 0; i < 16; ++i)
    out += alphabet[randombytes_uniform(static_cast<std::uint32_t>(alphabet.size()))];
  return out;
}

bool same_secret(std::string_view a, std::string_view b) {
  ready();
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace frontdesk::console
