#include "http/request_meter.hpp"

#include <algorithm>

namespace frontdesk::http {
namespace {

constexpr auto relaxed = std::memory_order_relaxed;

}  // namespace

request_meter::request_meter(const router& routes) {
  const auto& bounds = domain::latency_bounds();
  const auto add = [&](std::string endpoint) {
    auto r = std::make_unique<row>();
    r->endpoint = std::move(endpoint);
    r->buckets = std::vector<std::atomic<std::uint64_t>>(bounds.size() + 1);
    rows_.push_back(std::move(r));
  };
  for (const auto& route : routes.routes()) add(route.path);
  add("other");
}

void request_meter::observe(std::size_t route, unsigned status,
                            std::chrono::steady_clock::duration took) {
  auto& r = *rows_[std::min(route, unmatched())];
  r.by_status[std::min<std::size_t>(status, statuses - 1)].fetch_add(1, relaxed);
  const auto& bounds = domain::latency_bounds();
  const std::chrono::duration<double> seconds = took;
  const auto bucket =
      std::lower_bound(bounds.begin(), bounds.end(), seconds.count()) - bounds.begin();
  r.buckets[static_cast<std::size_t>(bucket)].fetch_add(1, relaxed);
  r.sum_ns.fetch_add(static_cast<std::uint64_t>(
                         std::chrono::duration_cast<std::chrono::nanoseconds>(took).count()),
                     relaxed);
}

std::vector<metric> request_meter::metrics() const {
  std::vector<metric> out;
  for (const auto& r : rows_) {
    domain::histogram took;
    for (std::size_t i = 0; i < r->buckets.size(); ++i)
      took.counts[i] = r->buckets[i].load(relaxed);
    if (took.count() == 0) continue;  // never asked: no rows for it
    took.sum = static_cast<double>(r->sum_ns.load(relaxed)) / 1e9;
    for (std::size_t status = 0; status < statuses; ++status)
      if (const auto n = r->by_status[status].load(relaxed); n > 0)
        out.push_back({"http_requests_total",
                       "HTTP requests answered, by endpoint and status.",
                       metric_kind::counter,
                       {{"endpoint", r->endpoint}, {"status", std::to_string(status)}},
                       static_cast<double>(n)});
    out.push_back({"http_request_duration_seconds",
                   "Time from a request's arrival to its answer being written, by endpoint.",
                   {{"endpoint", r->endpoint}},
                   std::move(took)});
  }
  return out;
}

}  // namespace frontdesk::http
