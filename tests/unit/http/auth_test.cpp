#include "http/auth.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::http;

TEST(Auth, ConstantTimeEqualComparesContentsAndLengths) {
  EXPECT_TRUE(constant_time_equal("secret-key", "secret-key"));
  EXPECT_FALSE(constant_time_equal("secret-key", "secret-kez"));
  EXPECT_FALSE(constant_time_equal("secret-key", "secret-key-longer"));
  EXPECT_FALSE(constant_time_equal("secret-key", ""));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(Auth, AcceptsAnyConfiguredKeySoKeysCanRotate) {
  const api_key_set keys{{"old-key-0000000001", "new-key-0000000002"}};
  EXPECT_TRUE(keys.accepts("old-key-0000000001"));
  EXPECT_TRUE(keys.accepts("new-key-0000000002"));
  EXPECT_FALSE(keys.accepts("new-key-000000000"));  // a prefix is not the key
  EXPECT_FALSE(keys.accepts("NEW-KEY-0000000002"));
  EXPECT_FALSE(keys.accepts(""));
}

TEST(Auth, NoKeysAcceptsNothing) {
  const api_key_set keys{{}};
  EXPECT_TRUE(keys.empty());
  EXPECT_FALSE(keys.accepts("anything"));
  EXPECT_FALSE(keys.accepts(""));
}

namespace {

const std::string body = R"({"type":"post_call_transcription","data":{"conversation_id":"c1"}})";
const std::vector<std::string> secrets{"wsec_first", "wsec_second"};
constexpr std::int64_t now = 1'785'254'619;

std::string signed_header(std::string_view secret, std::int64_t t, std::string_view text = body) {
  std::string header = "t=" + std::to_string(t);
  header.append(",v0=").append(
      hmac_sha256_hex(secret, std::to_string(t) + "." + std::string(text)));
  return header;
}

}  // namespace

TEST(Signature, AValidSignatureByAnyConfiguredSecret) {
  EXPECT_EQ(check_signature(signed_header("wsec_first", now), body, secrets, now),
            signature_check::valid);
  // The second workspace, or a secret being rotated in.
  EXPECT_EQ(check_signature(signed_header("wsec_second", now - 60), body, secrets, now),
            signature_check::valid);
  // 29 minutes old is inside ElevenLabs' 30; a minute ahead (clock skew) is accepted.
  EXPECT_EQ(check_signature(signed_header("wsec_first", now - 29 * 60), body, secrets, now),
            signature_check::valid);
  EXPECT_EQ(check_signature(signed_header("wsec_first", now + 60), body, secrets, now),
            signature_check::valid);
}

TEST(Signature, EveryWayASignatureFails) {
  const auto good = signed_header("wsec_first", now);
  EXPECT_EQ(check_signature(signed_header("another", now), body, secrets, now),
            signature_check::mismatch);
  EXPECT_EQ(check_signature(signed_header("wsec_first", now - 31 * 60), body, secrets, now),
            signature_check::stale);
  EXPECT_EQ(check_signature(signed_header("wsec_first", now + 6 * 60), body, secrets, now),
            signature_check::future);
  EXPECT_EQ(check_signature("", body, secrets, now), signature_check::missing);
  // One byte of the body changed.
  auto altered = body;
  altered[altered.size() - 3] = '2';
  EXPECT_EQ(check_signature(good, altered, secrets, now), signature_check::mismatch);
  const auto v0 = good.substr(good.find(",v0="));
  for (const std::string& header : std::vector<std::string>{
           std::string("t=") + std::to_string(now) + ", v0=" + good.substr(good.find("v0=") + 3),
           " " + good, "t=" + std::to_string(now), good.substr(good.find("v0=")),
           good + v0,                                // two v0 parts
           "t=" + std::to_string(now) + "," + good,  // two t parts
           "t=12ab" + v0, "t=" + std::to_string(now) + ",v0=ABC", "garbage",
           "t=" + std::to_string(now) + ",v0=" + std::string(64, 'A')})
    EXPECT_EQ(check_signature(header, body, secrets, now), signature_check::malformed) << header;
  // Without any secret nothing is valid.
  EXPECT_EQ(check_signature(good, body, {}, now), signature_check::mismatch);
  // A part the SDKs do not know is let be.
  EXPECT_EQ(check_signature(good + ",v1=whatever", body, secrets, now), signature_check::valid);
}
