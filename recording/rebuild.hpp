#pragma once

#include <string>

#include "recording/recording.hpp"
#include "tools/context.hpp"

// A session brought back from its recording after a restart: each recorded tool call run again
// through today's tools against the answers recorded for it, asking no one.
namespace frontdesk::recording {

/// What the session had settled, and how far its recording went.
struct rebuilt_session {
  tools::booking_context context;
  /// Tool calls recorded (the next one is number calls + 1).
  int calls = 0;
  /// The directory last recorded, so that it is not recorded again.
  std::string directory_hash;
  /// Calls that today's tools answer differently from the recording (they were still taken as
  /// recorded: what the caller heard is what happened).
  int diverged = 0;
};

/// The session as its recording leaves it; `why` says what did not read (the context is then
/// as far as it got).
rebuilt_session rebuild(const recording& r, std::string_view region, std::string* why = nullptr);

}  // namespace frontdesk::recording
