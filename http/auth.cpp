#include "http/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace frontdesk::http {
namespace {

std::array<unsigned char, 32> sha256(std::string_view text) {
  std::array<unsigned char, 32> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
  return digest;
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  const auto da = sha256(a), db = sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

api_key_set::api_key_set(const std::vector<std::string>& keys) {
  for (const auto& key : keys) digests_.push_back(sha256(key));
}

bool api_key_set::accepts(std::string_view presented) const {
  if (presented.empty()) return false;
  const auto digest = sha256(presented);
  bool found = false;
  for (const auto& key : digests_)
    found |= CRYPTO_memcmp(key.data(), digest.data(), digest.size()) == 0;
  return found;
}

}  // namespace frontdesk::http
