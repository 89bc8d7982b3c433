#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "domain/clock.hpp"
#include "domain/defaults.hpp"
#include "messages/database.hpp"
#include "messages/session.hpp"
#include "messages/webhook.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct webhook_config {
  /// Seals what was said of a call, at rest and in the spool.
  std::array<unsigned char, 32> master_key{};
  std::string spool_dir{domain::spool_dir};
  std::chrono::hours transcript_retention{24 * domain::transcript_retention_days};
  /// Where a call's audio is kept, sealed ("": not kept), and for how long.
  std::string audio_dir;
  std::chrono::hours audio_retention{24 * domain::audio_retention_days};
  /// How long an event waits on PostgreSQL before it is spooled instead.
  std::chrono::milliseconds database_wait{1000};
  /// How often the spool is drained, and past retention pruned.
  std::chrono::seconds drain_every{5};
  std::chrono::seconds prune_every{3600};
  /// Region for reading the number called.
  std::string region = "AU";
  domain::clock clock{};
};

/// Spawns the webhook actor on its own thread (it fsyncs). It drains what an earlier run left in
/// the spool at once.
webhook_actor spawn_webhook(caf::actor_system& system, calls_actor calls,
                            session_registry_actor sessions, webhook_config config);

}  // namespace frontdesk
