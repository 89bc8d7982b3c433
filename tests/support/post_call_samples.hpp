#pragma once

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "http/auth.hpp"
#include "support/tool_fixture.hpp"

// ElevenLabs' documented post-call payloads (tests/data/elevenlabs) as the tests post them:
// read, made into a call to the demo clinic, and signed as ElevenLabs signs them.
namespace frontdesk::test_support {

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(FRONTDESK_TEST_DATA) + "/elevenlabs/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

inline const std::string sample_conversation = "conv_01k1b7x4qzf3r9m2a6c8d5e0hy";

/// The documented transcription, as a call to the demo clinic's number in conversation `id`.
inline std::string transcription(const std::string& id) {
  auto body = replaced(sample("post_call_transcription.json"), sample_conversation, id);
  return replaced(body, "\"agent_number\": \"+14155550123\"", "\"agent_number\": \"+61298765432\"");
}

inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// The ElevenLabs-Signature header for `body` at `t`.
inline std::string signature(const std::string& body, std::int64_t t = unix_now(),
                             const std::string& secret = webhook_secret) {
  return "t=" + std::to_string(t) +
         ",v0=" + http::hmac_sha256_hex(secret, std::to_string(t) + "." + body);
}

}  // namespace frontdesk::test_support
