#include "tools/call.hpp"

#include <gtest/gtest.h>

#include "http/json.hpp"

// What the front reads of a body, in the one place it is read.
using namespace frontdesk;

namespace {

json_value body(std::string_view text) {
  return *http::parse_json(text);
}

}  // namespace

TEST(ToolCall, TheEnvelopeIsReadFromTheBody) {
  const auto read = tools::read_call(
      body(R"({"sessionId":" conv_1 ","dialedNumber":"+61290000000","callerPhone":412345678})"));
  ASSERT_TRUE(std::holds_alternative<call_context>(read));
  const auto& call = std::get<call_context>(read);
  EXPECT_EQ(call.session_id, "conv_1");
  EXPECT_EQ(call.dialed_number, "+61290000000");
  EXPECT_EQ(call.caller_phone, "412345678");  // numbers arrive as numbers too
  const auto bare = std::get<call_context>(tools::read_call(body("{}")));
  EXPECT_TRUE(bare.session_id.empty() && bare.dialed_number.empty());
}

TEST(ToolCall, ALegacyLocationNameIsRefusedNamingBusinessId) {
  for (const char* legacy : {"locationId", "location_id", "locationID", "LocationId"}) {
    const auto read = tools::read_call(body(std::string(R"({")") + legacy + R"(":"17"})"));
    ASSERT_TRUE(std::holds_alternative<tool_answer>(read)) << legacy;
    const auto& answer = std::get<tool_answer>(read);
    EXPECT_EQ(answer.status, 400u);
    EXPECT_EQ(text_field(answer.body, "error"), "legacy_field");
    EXPECT_NE(text_field(answer.body, "message")->find(legacy), std::string::npos);
  }
  EXPECT_FALSE(tools::legacy_field_answer(body(R"({"business_id":"17"})")));
}

TEST(ToolCall, TheInitiationWebhooksFields) {
  const auto call = tools::read_initiation(
      body(R"({"caller_id":"+61412345678","agent_id":"agent_1","called_number":"+61290000000",)"
           R"("call_sid":"CA1"})"));
  EXPECT_EQ(call.caller_id, "+61412345678");
  EXPECT_EQ(call.agent_id, "agent_1");
  EXPECT_EQ(call.called_number, "+61290000000");
}
