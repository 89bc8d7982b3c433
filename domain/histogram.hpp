#pragma once

#include <cstdint>
#include <vector>

// A distribution counted into fixed buckets, as Prometheus' histograms count it: a latency's
// percentiles can then be read across processes and over any window, not only since start.
namespace frontdesk::domain {

/// Upper bounds in seconds from 0.5 ms to 10 s: a warm tool call sits in the first buckets, a
/// Cliniko request in the middle ones, a timeout in the last.
const std::vector<double>& latency_bounds();

struct histogram {
  /// Upper bounds, increasing; the bucket beyond the last is +Inf.
  std::vector<double> bounds = latency_bounds();
  /// Observations per bucket (not cumulative): one more than there are bounds.
  std::vector<std::uint64_t> counts = std::vector<std::uint64_t>(bounds.size() + 1, 0);
  double sum = 0;

  void observe(double value);
  std::uint64_t count() const;
  /// Observations at or below bounds[i], and all for i == bounds.size(): Prometheus' `le` rows.
  std::uint64_t at_or_below(std::size_t i) const;
};

}  // namespace frontdesk::domain
