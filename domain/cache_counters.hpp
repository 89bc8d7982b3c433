#pragma once

#include <cstdint>

namespace frontdesk::domain {

/// Counters of one cache, for /cache-stats.
struct cache_counters {
  std::int64_t size = 0;
  std::int64_t hits = 0;
  std::int64_t misses = 0;
};

}  // namespace frontdesk::domain
