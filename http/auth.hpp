#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/defaults.hpp"

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

/// What came of checking an ElevenLabs webhook signature.
enum class signature_check {
  valid,
  missing,    // no ElevenLabs-Signature header
  malformed,  // not `t=<unix seconds>,v0=<64 lowercase hex>`, exactly one of each
  stale,      // signed longer ago than the tolerance
  future,     // signed further ahead than the clock can be off
  mismatch,   // no configured secret signed these bytes
};

/// How old and how far ahead a signature's timestamp may be.
struct signature_window {
  std::chrono::seconds past{domain::signature_max_age_seconds};
  std::chrono::seconds future{domain::signature_max_ahead_seconds};
};

/// Checks `ElevenLabs-Signature: t=<unix seconds>,v0=<hex>` as ElevenLabs' SDKs do: the header
/// split on ',' with nothing trimmed, the signed string `<t>.<raw body>` over the bytes as
/// received, lowercase hex HMAC-SHA256. Beyond them: every secret is tried (one per workspace,
/// and rotation) and compared in constant time, a header with two `t` or two `v0` parts is
/// refused rather than read one way, and so is a timestamp beyond `window.future`.
signature_check check_signature(std::string_view header, std::string_view raw_body,
                                const std::vector<std::string>& secrets, std::int64_t now,
                                signature_window window = {});

/// What the sender is told of a failed check, one sentence.
std::string_view explain(signature_check result);

/// Lowercase hex HMAC-SHA256 of `text` (also for signing in tests and benchmarks).
std::string hmac_sha256_hex(std::string_view secret, std::string_view text);

}  // namespace frontdesk::http
