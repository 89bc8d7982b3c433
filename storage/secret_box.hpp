#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

// Sealing of secrets at rest (clinics' Cliniko API keys) with AES-256-GCM.
namespace frontdesk::storage {

class secret_box {
 public:
  explicit secret_box(const std::array<unsigned char, 32>& key) : key_(key) {}

  /// Encrypts `plaintext` under a fresh random nonce. `context` (e.g. "clinic:42") is
  /// authenticated but not stored, so a sealed value copied to another row does not open there.
  /// Layout: version byte 0x01 | 12-byte nonce | ciphertext | 16-byte tag.
  std::string seal(std::string_view plaintext, std::string_view context) const;

  /// The plaintext, or nothing when `sealed` was altered, sealed under another key or context.
  std::optional<std::string> open(std::string_view sealed, std::string_view context) const;

 private:
  std::array<unsigned char, 32> key_;
};

}  // namespace frontdesk::storage
