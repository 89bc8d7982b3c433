#include "tools/errors.hpp"

#include <gtest/gtest.h>

#include <caf/error.hpp>
#include <caf/sec.hpp>

#include "messages/error.hpp"

// The one map from errors to what the caller hears.
using namespace frontdesk;

namespace {

std::string code(const tool_answer& a) {
  return text_field(a.body, "error").value_or("");
}

}  // namespace

TEST(ToolErrors, BusyIsAHoldOnTheAgentActsOn) {
  const auto busy = tools::error_answer(make_error(error_code::cliniko_rate_limited));
  EXPECT_EQ(busy.status, 200u);
  EXPECT_EQ(code(busy), "busy");
  EXPECT_EQ(text_field(busy.body, "retryAfterSeconds"), "5");
  EXPECT_FALSE(busy.body.find("success")->as<bool>());
}

TEST(ToolErrors, OutagesAre503WithASpokenMessage) {
  for (auto e : {error_code::cliniko_unavailable, error_code::cliniko_timeout,
                 error_code::cliniko_unauthorized}) {
    const auto a = tools::error_answer(make_error(e));
    EXPECT_EQ(a.status, 503u);
    EXPECT_EQ(code(a), "cliniko_unavailable");
    EXPECT_FALSE(text_field(a.body, "message").value_or("").empty());
  }
  EXPECT_EQ(code(tools::error_answer(make_error(error_code::database_unavailable))),
            "database_unavailable");
  EXPECT_EQ(code(tools::error_answer(make_error(error_code::deadline_exceeded))), "timeout");
  // A collaborator that did not answer in time: the calendar did not answer.
  EXPECT_EQ(code(tools::error_answer(caf::make_error(caf::sec::request_timeout))),
            "cliniko_unavailable");
}

TEST(ToolErrors, OutcomesTheAgentCanActOnAre200) {
  const auto clinic = tools::error_answer(make_error(error_code::unknown_clinic));
  EXPECT_EQ(clinic.status, 200u);
  EXPECT_EQ(code(clinic), "clinic_not_found");
  const auto rejected = tools::error_answer(make_error(error_code::cliniko_validation, "bad"));
  EXPECT_EQ(rejected.status, 200u);
  EXPECT_EQ(code(rejected), "booking_rejected");
  const auto bug = tools::error_answer(make_error(error_code::database_error));
  EXPECT_EQ(bug.status, 500u);
  EXPECT_EQ(text_field(bug.body, "message"), "Something went wrong on our side.");
}
