#include "http/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <charconv>
#include <optional>

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

namespace {

struct signature_parts {
  std::int64_t timestamp = 0;
  std::string_view timestamp_text;  // signed as written
  std::string_view hex;
};

bool is_lower_hex(std::string_view text) {
  return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// `t=<digits>` and `v0=<hex>`, once each; other parts (a future `v1=`) are let be, as the SDKs do.
std::optional<signature_parts> split_signature(std::string_view header) {
  std::optional<std::string_view> t, v0;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto part = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto* slot = part.starts_with("t=") ? &t : part.starts_with("v0=") ? &v0 : nullptr;
    if (!slot) continue;
    if (*slot) return std::nullopt;
    *slot = part.substr(part.find('=') + 1);
  }
  if (!t || !v0 || !is_lower_hex(*v0) || t->empty()) return std::nullopt;
  signature_parts out;
  const auto [end, ec] = std::from_chars(t->data(), t->data() + t->size(), out.timestamp);
  if (ec != std::errc{} || end != t->data() + t->size()) return std::nullopt;
  out.timestamp_text = *t;
  out.hex = *v0;
  return out;
}

}  // namespace

namespace {

std::string hex_of(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex.push_back(digits[bytes[i] >> 4]);
    hex.push_back(digits[bytes[i] & 0xF]);
  }
  return hex;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view secret, std::string_view text) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &length);
  return hex_of(mac, length);
}

signature_check check_signature(std::string_view header, std::string_view raw_body,
                                const std::vector<std::string>& secrets, std::int64_t now,
                                signature_window window) {
  if (header.empty()) return signature_check::missing;
  const auto parts = split_signature(header);
  if (!parts) return signature_check::malformed;
  if (parts->timestamp < now - window.past.count()) return signature_check::stale;
  if (parts->timestamp > now + window.future.count()) return signature_check::future;
  std::string signed_text{parts->timestamp_text};
  signed_text.push_back('.');
  signed_text.append(raw_body);
  bool matched = false;
  for (const auto& secret : secrets)
    matched |= constant_time_equal(hmac_sha256_hex(secret, signed_text), parts->hex);
  return matched ? signature_check::valid : signature_check::mismatch;
}

std::string_view explain(signature_check result) {
  switch (result) {
    case signature_check::valid:
      return "The signature is valid.";
    case signature_check::missing:
      return "The ElevenLabs-Signature header is missing.";
    case signature_check::malformed:
      return "The ElevenLabs-Signature header is not t=<unix seconds>,v0=<hex HMAC-SHA256>.";
    case signature_check::stale:
      return "The signature's timestamp is too old.";
    case signature_check::future:
      return "The signature's timestamp is in the future.";
    case signature_check::mismatch:
      return "The signature does not match the body.";
  }
  return "The signature could not be checked.";
}

}  // namespace frontdesk::http
