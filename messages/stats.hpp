#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/cache_counters.hpp"
#include "messages/atoms.hpp"

// The one way every actor reports on itself: /cache-stats and the metrics to come read them all
// alike.
namespace frontdesk {

/// A cache, named ("free_times"), with its counters.
struct cache_stats {
  std::string name;
  domain::cache_counters counters;
};

/// What an actor reports: named counts and gauges ("requests", "sessions"), and its caches.
struct actor_stats {
  std::string actor;
  std::vector<std::pair<std::string, std::int64_t>> counters;
  std::vector<cache_stats> caches;

  /// The counter of that name, 0 when there is none.
  std::int64_t value(std::string_view name) const {
    for (const auto& [key, count] : counters)
      if (key == name) return count;
    return 0;
  }
};

/// The STATS interface that every actor with counters extends (`extend_with<stats_actor>`).
using stats_actor = caf::typed_actor<
    /// The actor's counters now.
    caf::replies_to<stats_atom>::with<actor_stats>>;

}  // namespace frontdesk

// Local only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::actor_stats)
