#include "http/prometheus.hpp"

#include <gtest/gtest.h>

#include "domain/histogram.hpp"
#include "http/request_meter.hpp"

// The exposition's own rules, line by line; the e2e test reads a whole one with Prometheus'
// parser.
using namespace frontdesk;

TEST(Histogram, CountsEachValueIntoTheFirstBucketAtOrAboveIt) {
  domain::histogram h;
  h.bounds = {0.1, 1.0};
  h.counts = {0, 0, 0};
  for (const double v : {0.05, 0.1, 0.5, 3.0}) h.observe(v);
  EXPECT_EQ(h.counts, (std::vector<std::uint64_t>{2, 1, 1}));
  EXPECT_EQ(h.at_or_below(0), 2u);
  EXPECT_EQ(h.at_or_below(1), 3u);
  EXPECT_EQ(h.at_or_below(2), 4u);
  EXPECT_EQ(h.count(), 4u);
  EXPECT_DOUBLE_EQ(h.sum, 3.65);
}

TEST(Exposition, PlainFiguresTakeBaseUnitsAndCountersEndInTotal) {
  const actor_stats report{"rate_limiter",
                           {{"granted", 7},
                            {"waited_ms", 1500},
                            {"read_age_ms_sum", 250},
                            {"budget", 190, stat_kind::gauge},
                            {"synced_at", 1700000000, stat_kind::gauge}}};
  const auto text = http::exposition(http::metrics_of(report, {{"clinic", "Harbour \"HH\""}}));
  EXPECT_NE(text.find("# TYPE frontdesk_rate_limiter_granted_total counter\n"
                      "frontdesk_rate_limiter_granted_total{clinic=\"Harbour \\\"HH\\\"\"} 7\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("frontdesk_rate_limiter_waited_seconds_total{clinic=\"Harbour \\\"HH\\\"\"} 1.5\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("frontdesk_rate_limiter_read_age_seconds_total{"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE frontdesk_rate_limiter_budget gauge\n"), std::string::npos) << text;
  EXPECT_NE(text.find("frontdesk_rate_limiter_synced_timestamp_seconds{"), std::string::npos)
      << text;
}

TEST(Exposition, AFamilyFromSeveralActorsIsWrittenOnceWithAllItsSamples) {
  const actor_stats a{"cliniko_gateway", {{"requests", 1}}};
  const actor_stats b{"cliniko_gateway", {{"requests", 2}}};
  auto all = http::metrics_of(a, {{"clinic", "A"}});
  auto more = http::metrics_of(b, {{"clinic", "B"}});
  all.insert(all.end(), more.begin(), more.end());
  const auto text = http::exposition(all);
  EXPECT_EQ(
      text,
      "# HELP frontdesk_cliniko_gateway_requests_total The cliniko_gateway actor's requests.\n"
      "# TYPE frontdesk_cliniko_gateway_requests_total counter\n"
      "frontdesk_cliniko_gateway_requests_total{clinic=\"A\"} 1\n"
      "frontdesk_cliniko_gateway_requests_total{clinic=\"B\"} 2\n");
}

TEST(Exposition, AHistogramHasCumulativeBucketsUpToInfinityItsSumAndCount) {
  domain::histogram h;
  h.bounds = {0.5};
  h.counts = {0, 0};
  h.observe(0.25);
  h.observe(2);
  const auto text = http::exposition({metric{"x_seconds", "X.", {{"route", "GET /a"}}, h}});
  EXPECT_EQ(text,
            "# HELP frontdesk_x_seconds X.\n"
            "# TYPE frontdesk_x_seconds histogram\n"
            "frontdesk_x_seconds_bucket{route=\"GET /a\",le=\"0.5\"} 1\n"
            "frontdesk_x_seconds_bucket{route=\"GET /a\",le=\"+Inf\"} 2\n"
            "frontdesk_x_seconds_sum{route=\"GET /a\"} 2.25\n"
            "frontdesk_x_seconds_count{route=\"GET /a\"} 2\n");
}

TEST(RequestMeter, CountsByRouteAndStatusAndUnmatchedRequestsApart) {
  const http::router routes{{{"GET", "/health", http::access::open, false}}};
  http::request_meter meter{routes};
  meter.observe(0, 200, std::chrono::milliseconds{2});
  meter.observe(0, 503, std::chrono::milliseconds{20});
  meter.observe(meter.unmatched(), 404, std::chrono::microseconds{100});
  const auto metrics = meter.metrics();
  std::map<std::string, double> requests;
  for (const auto& m : metrics)
    if (m.name == "http_requests_total")
      requests[m.labels[0].second + " " + m.labels[1].second] = m.value;
  EXPECT_EQ(requests, (std::map<std::string, double>{
                          {"/health 200", 1}, {"/health 503", 1}, {"other 404", 1}}));
  for (const auto& m : metrics)
    if (m.name == "http_request_duration_seconds" && m.labels[0].second == "/health") {
      EXPECT_EQ(m.histogram.count(), 2u);
      EXPECT_NEAR(m.histogram.sum, 0.022, 1e-9);
    }
}
