#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "messages/front.hpp"
#include "sim/scenario.hpp"

// A stand-in for Cliniko's API, faithful to the facts frontdesk relies on: shapes, ids, links,
// pagination, filters, auth, the rate limit, validation errors, quirks, and faults on demand.
namespace frontdesk::sim {

struct sim_options {
  /// The API key accepted (as the Basic-auth user name).
  std::string api_key = "demo-cliniko-key";
  /// Requests per rolling minute per key; beyond it, 429 with X-RateLimit-Reset.
  int rate_limit = 200;
  /// The rolling window the limit applies to (a minute at Cliniko; shorter in tests).
  std::chrono::milliseconds rate_window{60'000};
  /// Added to every answer: fixed, plus uniformly random up to `jitter`.
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds jitter{0};
  /// Fractions of requests answered 500/502/503, dropped without an answer (connection closed),
  /// or never answered at all.
  double error_rate = 0;
  double drop_rate = 0;
  double timeout_rate = 0;
  unsigned seed = 1;
  /// Writes (POST and PATCH) answered with this status instead of being made (0: made as usual);
  /// 422 comes with a validation error, anything else with an HTML page.
  unsigned write_status = 0;
  /// Writes are made at once but answered only after this long (a write whose answer is lost).
  std::chrono::milliseconds write_latency{0};
  /// The key's user may not view the account's settings: `GET /settings` answers 403
  /// (`/settings/public` still answers).
  bool settings_forbidden = false;
  /// Absent date-times come as `""` instead of null, as older documented examples show.
  bool empty_string_dates = false;
  /// Links come relative (`/practitioners/42`), as an older documented example shows.
  bool relative_links = false;
  /// Base of the absolute links in answers ("https://localhost:8443/v1"); by default
  /// "http://<Host header>/v1".
  std::string public_url;
};

class simulator {
 public:
  simulator(scenario data, sim_options options);
  ~simulator();
  simulator(const simulator&) = delete;
  simulator& operator=(const simulator&) = delete;

  /// Serves one request from the HTTP server, with the configured latency and faults.
  void handle(const http_request& request, reply_sink_ptr sink);

  /// The answer to one request, at `now`, without latency or faults (auth and the rate limit
  /// apply).
  http_response answer(const http_request& request, domain::instant now);

  void set_options(const sim_options& options);

  /// When each request that passed the rate limit arrived (tests count them per minute).
  std::vector<std::chrono::steady_clock::time_point> accepted_times() const;
  /// Requests answered 429.
  std::size_t rate_limited() const;
  /// Requests answered in all, by any status.
  std::size_t requests() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace frontdesk::sim
