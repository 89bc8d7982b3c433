#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "http/router.hpp"
#include "messages/stats.hpp"

// What the server answered, counted on its I/O threads as each answer is written: every request,
// the ones refused before any actor saw them (401, 404, 413, 429) included.
namespace frontdesk::http {

class request_meter {
 public:
  /// One row per route, and one for requests that match none ("other").
  explicit request_meter(const router& routes);

  /// Unmatched requests are counted under this route.
  std::size_t unmatched() const { return rows_.size() - 1; }

  /// From any thread: a request of `route` answered `status` after `took`.
  void observe(std::size_t route, unsigned status, std::chrono::steady_clock::duration took);

  /// Requests by endpoint and status, and their latency by endpoint, for /metrics.
  std::vector<metric> metrics() const;

 private:
  static constexpr std::size_t statuses = 600;
  struct row {
    std::string endpoint;
    std::vector<std::atomic<std::uint64_t>> by_status =
        std::vector<std::atomic<std::uint64_t>>(statuses);
    std::vector<std::atomic<std::uint64_t>> buckets;
    std::atomic<std::uint64_t> sum_ns{0};
  };
  std::vector<std::unique_ptr<row>> rows_;
};

}  // namespace frontdesk::http
