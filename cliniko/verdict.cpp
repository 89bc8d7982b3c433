#include "cliniko/verdict.hpp"

#include <charconv>
#include <string>

#include "cliniko/codec.hpp"
#include "http/json.hpp"
#include "messages/error.hpp"

namespace frontdesk::cliniko {

verdict judge(const http::client_result& r) {
  if (!r.response) {
    const auto code = r.error == http::transport_error::timed_out ? error_code::cliniko_timeout
                                                                  : error_code::cliniko_unavailable;
    return {make_error(code, r.detail), true};
  }
  const auto status = r.response->status;
  if (status >= 200 && status < 300) return {};
  switch (status) {
    case 401:
    case 403:
      return {make_error(error_code::cliniko_unauthorized,
                         status == 401 ? "Cliniko did not accept the API key"
                                       : "Cliniko refused the request"),
              false};
    case 404:
      return {make_error(error_code::cliniko_not_found, "no such record in Cliniko"), false};
    case 422:
      return {make_error(error_code::cliniko_validation, validation_summary(r.response->body)),
              false};
    case 429:
      return {make_error(error_code::cliniko_rate_limited, "Cliniko answered 429"), true};
    case 504:
      return {make_error(error_code::cliniko_timeout, "Cliniko timed out (504)"), true};
    default:
      break;
  }
  if (status >= 500)
    return {
        make_error(error_code::cliniko_unavailable, "Cliniko answered " + std::to_string(status)),
        true};
  const auto doc = http::parse_json(r.response->body);
  const auto message = doc ? text_field(*doc, "message") : std::nullopt;
  return {make_error(error_code::invalid_request,
                     message.value_or("Cliniko answered " + std::to_string(status))),
          false};
}

std::string_view outcome_of(const http::client_result& r) {
  if (!r.response) return r.error == http::transport_error::timed_out ? "timeout" : "unreachable";
  const auto status = r.response->status;
  if (status >= 200 && status < 300) return "ok";
  if (status == 429) return "rate_limited";
  return status >= 500 ? "failed" : "refused";
}

std::chrono::milliseconds retry_wait(int attempt, double jitter) {
  return std::chrono::milliseconds{static_cast<std::int64_t>(150.0 * (1 << attempt) * jitter)};
}

bool try_again(bool repeatable, const verdict& v, int attempt, int attempts,
               std::chrono::milliseconds wait, std::chrono::milliseconds time_left) {
  return repeatable && v.worth_retrying && attempt + 1 < attempts && time_left > wait;
}

std::int64_t window_opens_at(const http::client_result& r, std::int64_t now) {
  std::int64_t at = 0;
  if (r.response) {
    const auto reset = r.response->header("x-ratelimit-reset");
    std::from_chars(reset.data(), reset.data() + reset.size(), at);
  }
  return at > 0 ? at : now + 60;
}

caf::error unanswered_write() {
  return make_error(error_code::cliniko_timeout,
                    "no answer from Cliniko: the change may or may not have been made");
}

}  // namespace frontdesk::cliniko
