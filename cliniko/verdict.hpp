#pragma once

#include <caf/error.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "http/client.hpp"

// What an answer from Cliniko means, and what to do about it (cliniko-api.md, "Limits" and
// "Errors"): which failures a read may try again, how long it waits first, when the rate window
// opens again after a 429, and the words metrics count an exchange by.
namespace frontdesk::cliniko {

/// The error an answer means (none for 2xx), and whether trying again could help.
struct verdict {
  caf::error error;
  bool worth_retrying = false;
};

verdict judge(const http::client_result& r);

/// How an exchange ended, in the few words metrics count it by: ok, refused (4xx),
/// rate_limited (429), failed (5xx), timeout, unreachable.
std::string_view outcome_of(const http::client_result& r);

/// The wait before attempt `attempt + 1`: 150 ms doubling each time, times `jitter` (0.5 to 1.5,
/// so that many readers do not come back at once).
std::chrono::milliseconds retry_wait(int attempt, double jitter);

/// Whether an exchange is tried again. Writes never are: Cliniko has no idempotency keys, so a
/// repeat could book twice. A read is while attempts and its deadline allow the wait.
bool try_again(bool repeatable, const verdict& v, int attempt, int attempts,
               std::chrono::milliseconds wait, std::chrono::milliseconds time_left);

/// When the rate window opens again after a 429: Cliniko's X-RateLimit-Reset (UNIX seconds), or a
/// minute from `now` when it sent none.
std::int64_t window_opens_at(const http::client_result& r, std::int64_t now);

/// What an unanswered write means: it may or may not have been made.
caf::error unanswered_write();

}  // namespace frontdesk::cliniko
