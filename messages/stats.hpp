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
#include "domain/histogram.hpp"
#include "messages/actor_stats.hpp"
#include "messages/atoms.hpp"

// The one way every actor reports on itself: /cache-stats and /metrics read them all alike.
namespace frontdesk {

/// The STATS interface that every actor with counters extends (`extend_with<stats_actor>`).
using stats_actor = caf::typed_actor<
    /// The actor's counters now.
    caf::replies_to<stats_atom>::with<actor_stats>>;

}  // namespace frontdesk

// Local only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::actor_stats)
