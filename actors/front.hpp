#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "http/auth.hpp"
#include "http/router.hpp"
#include "messages/availability.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"
#include "messages/front.hpp"
#include "messages/recorder.hpp"
#include "messages/session.hpp"
#include "messages/stats.hpp"
#include "messages/webhook.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk::http {
class request_meter;
}

namespace frontdesk {

/// The routes the front serves; every other path is 404 until its feature exists. Post-call
/// events may be as large as `webhook_body_limit` (audio); everything else keeps the server's.
http::router front_routes(std::size_t webhook_body_limit = std::size_t{64} << 20);

/// What the caller hears when a tool call is not answered in time (the server sends it).
http_response front_timeout_reply();

/// How post-call events are authenticated.
struct webhook_auth {
  /// One per ElevenLabs workspace, and rotation. None: every event is refused, unless
  /// `accept_unsigned`.
  std::vector<std::string> secrets;
  /// How old and how far ahead a signature's timestamp may be.
  http::signature_window window{};
  /// Development only (configuration enforces it): events without a signature are taken.
  bool accept_unsigned = false;
};

struct front_config {
  /// The longest a tool call may take before the front answers 503 for it.
  std::chrono::milliseconds tool_deadline{8000};
  /// Region for reading callers' national numbers.
  std::string region = "AU";
  /// Where the front reads the time: the local date and time the greeting gives, uptime.
  domain::clock clock{};
  webhook_auth webhook;
  /// What the HTTP server counted of every request (unset: /metrics has no request figures).
  std::shared_ptr<const http::request_meter> requests;
};

/// An actor /metrics reads, and the labels its figures carry (a clinic's gateway: its clinic).
struct reporter {
  stats_actor actor;
  metric_labels labels;
};

/// The actors the front asks.
struct front_peers {
  database_actor database;
  session_registry_actor sessions;
  /// Asked for their caches' counters (/cache-stats).
  directory_actor directory;
  availability_actor availability;
  /// Keeps post-call events (unset: /post-call-webhook answers 503).
  webhook_actor webhook;
  /// Writes sessions' recordings (unset: not recorded); its counters are in /cache-stats.
  recorder_actor recorder{};
  /// Every actor with figures, each read alike for /metrics.
  std::vector<reporter> reporters{};
};

/// Spawns the front: it answers each routed request itself or by asking the actor that knows.
front_actor spawn_front(caf::actor_system& system, front_peers peers, front_config config = {});

}  // namespace frontdesk
