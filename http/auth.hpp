#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

// Authentication of callers: API keys for the agent's tools, HMAC signatures for webhooks.
namespace frontdesk::http {

/// Compares two secrets in time that depends on neither their contents nor where they differ
/// (both are hashed first, so differing lengths leak nothing either).
bool constant_time_equal(std::string_view a, std::string_view b);

/// The configured API keys (several at once, so a key can be rotated without downtime).
class api_key_set {
 public:
  explicit api_key_set(const std::vector<std::string>& keys);

  /// Whether `presented` is one of the keys. Every key is compared, match or not.
  bool accepts(std::string_view presented) const;

  bool empty() const { return digests_.empty(); }

 private:
  std::vector<std::array<unsigned char, 32>> digests_;
};

}  // namespace frontdesk::http
