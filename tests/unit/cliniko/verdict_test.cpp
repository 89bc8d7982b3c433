#include "cliniko/verdict.hpp"

#include <gtest/gtest.h>

#include "messages/error.hpp"

// What Cliniko's answers mean (cliniko-api.md, "Limits" and "Errors"), and when to try again.
using namespace frontdesk;
using namespace std::chrono_literals;

namespace {

http::client_result answered(unsigned status, std::string body = "", header_fields headers = {}) {
  http::client_response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return {r};
}

http::client_result unanswered(http::transport_error e) {
  return {std::nullopt, e, "connection refused"};
}

}  // namespace

TEST(ClinikoVerdict, EachStatusMeansItsErrorAndOnlyPassingTroubleIsWorthRetrying) {
  struct row {
    http::client_result r;
    std::optional<error_code> code;
    bool retry;
    std::string_view outcome;
  };
  const std::vector<row> rows{
      {answered(200, "{}"), std::nullopt, false, "ok"},
      {answered(204), std::nullopt, false, "ok"},  // a cancellation: no body
      {answered(401), error_code::cliniko_unauthorized, false, "refused"},
      {answered(403), error_code::cliniko_unauthorized, false, "refused"},
      {answered(404, "<html>Not Found</html>"), error_code::cliniko_not_found, false, "refused"},
      {answered(422, R"({"errors":{"starts_at":"is invalid"}})"), error_code::cliniko_validation,
       false, "refused"},
      {answered(429), error_code::cliniko_rate_limited, true, "rate_limited"},
      {answered(500, "oops"), error_code::cliniko_unavailable, true, "failed"},
      {answered(504), error_code::cliniko_timeout, true, "failed"},
      {answered(400, R"({"message":"Invalid time frame definition"})"), error_code::invalid_request,
       false, "refused"},
      {unanswered(http::transport_error::timed_out), error_code::cliniko_timeout, true, "timeout"},
      {unanswered(http::transport_error::connect_failed), error_code::cliniko_unavailable, true,
       "unreachable"},
  };
  for (const auto& [r, code, retry, outcome] : rows) {
    const auto v = cliniko::judge(r);
    const auto status = r.response ? r.response->status : 0u;
    EXPECT_EQ(code_of(v.error), code) << status;
    EXPECT_EQ(v.worth_retrying, retry) << status;
    EXPECT_EQ(cliniko::outcome_of(r), outcome) << status;
  }
  EXPECT_EQ(
      context_of(cliniko::judge(answered(422, R"({"errors":{"starts_at":"is invalid"}})")).error),
      "starts_at: is invalid");
}

TEST(ClinikoVerdict, ReadsBackOffWithJitterWhileTheDeadlineAllowsAndWritesNeverRepeat) {
  EXPECT_EQ(cliniko::retry_wait(0, 1.0), 150ms);
  EXPECT_EQ(cliniko::retry_wait(2, 1.0), 600ms);
  EXPECT_EQ(cliniko::retry_wait(1, 0.5), 150ms);
  const cliniko::verdict passing{make_error(error_code::cliniko_unavailable), true};
  const cliniko::verdict refused{make_error(error_code::cliniko_unauthorized), false};
  EXPECT_TRUE(cliniko::try_again(true, passing, 0, 3, 150ms, 2s));
  EXPECT_FALSE(cliniko::try_again(false, passing, 0, 3, 150ms, 2s));  // a write
  EXPECT_FALSE(cliniko::try_again(true, refused, 0, 3, 150ms, 2s));
  EXPECT_FALSE(cliniko::try_again(true, passing, 2, 3, 150ms, 2s));     // attempts spent
  EXPECT_FALSE(cliniko::try_again(true, passing, 0, 3, 300ms, 200ms));  // past the deadline
  EXPECT_EQ(code_of(cliniko::unanswered_write()), error_code::cliniko_timeout);
}

TEST(ClinikoVerdict, TheRateWindowOpensWhenClinikoSaysOrInAMinute) {
  EXPECT_EQ(cliniko::window_opens_at(answered(429, "", {{"x-ratelimit-reset", "1796193770"}}), 5),
            1796193770);
  EXPECT_EQ(cliniko::window_opens_at(answered(429), 1000), 1060);
  EXPECT_EQ(cliniko::window_opens_at(answered(429, "", {{"x-ratelimit-reset", "soon"}}), 1000),
            1060);
}
