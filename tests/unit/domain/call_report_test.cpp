#include "domain/call_report.hpp"

#include <gtest/gtest.h>

using namespace frontdesk;
using namespace frontdesk::domain;

namespace {

agent_tool_call asked(std::string path, bool error = false, std::int64_t latency_ms = 300) {
  agent_tool_call call;
  call.path = std::move(path);
  call.is_error = error;
  call.latency_ms = latency_ms;
  return call;
}

served_call answered(std::string path) {
  served_call s;
  s.path = std::move(path);
  return s;
}

}  // namespace

TEST(CallReport, FlagsWhatTheAgentSawFailWhatWasSlowAndWhatNeverReachedUs) {
  const std::vector<agent_tool_call> agent{
      asked("/availability-checker"), asked("/availability-checker", false, 2400),
      asked("/appointment-handler", true), asked("/cancel-appointment"), asked("")};
  const std::vector<served_call> ours{answered("/availability-checker"),
                                      answered("/appointment-handler"),
                                      answered("/availability-checker")};
  const auto report = report_call(agent, ours);
  ASSERT_EQ(report.checks.size(), 5u);
  EXPECT_EQ(report.errors, 1);
  EXPECT_EQ(report.slow, 1);
  EXPECT_EQ(report.unserved, 1);  // the cancellation; a call without its URL is not counted
  EXPECT_EQ(report.checks[0].served, &ours[0]);
  EXPECT_EQ(report.checks[1].served, &ours[2]);  // each of ours once, in order
  EXPECT_TRUE(report.checks[1].slow);
  EXPECT_TRUE(report.checks[2].errored);
  EXPECT_EQ(report.checks[2].served, &ours[1]);
  EXPECT_TRUE(report.checks[3].unserved);
  EXPECT_FALSE(report.checks[4].unserved);
}
