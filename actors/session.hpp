#pragma once

#include <chrono>
#include <functional>

#include "domain/clock.hpp"
#include "messages/availability.hpp"
#include "messages/bookings.hpp"
#include "messages/directory.hpp"
#include "messages/recorder.hpp"
#include "messages/session.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct session_config {
  /// A conversation silent this long is over (its context forgotten).
  std::chrono::seconds idle{1800};
  /// How long a call may take when the front gave it no deadline.
  std::chrono::milliseconds deadline{7500};
  /// Where sessions read the time: "today" and "not before now" come from here, never from the
  /// system directly, so a recorded conversation replays the same.
  domain::clock clock{};
  /// Region for reading callers' national phone numbers.
  std::string region = "AU";
  /// Noted in every recording: the build, and the settings that shape answers.
  build_info build{};
};

/// The actors sessions ask: clinics and their directories, free times, bookings; the recorder
/// they tell what they did (none: nothing is recorded), and where a conversation's recording is
/// read back before each call, to take up what another node or an earlier run recorded (none:
/// never read).
struct session_peers {
  directory_actor directory;
  availability_actor availability;
  bookings_actor bookings;
  recorder_actor recorder{};
  recordings_actor recordings{};
};

/// Spawns the registry of call sessions: one session per sessionId, spawned on first sight (and
/// taking up its recording before each call, when another node or run went further), gone after the
/// idle time or on request; calls without a sessionId get a session of their own ("no-session-..."
/// in the recordings).
session_registry_actor spawn_session_registry(caf::actor_system& system, session_peers peers,
                                              session_config config);

}  // namespace frontdesk
