#include "domain/histogram.hpp"

#include <algorithm>
#include <numeric>

namespace frontdesk::domain {

const std::vector<double>& latency_bounds() {
  static const std::vector<double> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                          0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};
  return bounds;
}

void histogram::observe(double value) {
  const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), value) - bounds.begin();
  ++counts[static_cast<std::size_t>(bucket)];
  sum += value;
}

std::uint64_t histogram::count() const {
  return std::accumulate(counts.begin(), counts.end(), std::uint64_t{0});
}

std::uint64_t histogram::at_or_below(std::size_t i) const {
  const auto end = counts.begin() + static_cast<std::ptrdiff_t>(std::min(i + 1, counts.size()));
  return std::accumulate(counts.begin(), end, std::uint64_t{0});
}

}  // namespace frontdesk::domain
