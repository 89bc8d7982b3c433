#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "messages/json_value.hpp"
#include "messages/local_copy.hpp"

// A session's recording as the recorder takes it: whose, what made it, its entries. Plain records:
// no CAF here.
namespace frontdesk {

/// The build that made a recording, and a hash of the settings that shape answers.
struct build_info {
  std::string version;
  std::string commit;
  std::string settings_hash;
};

/// Whose recording it is, and what made it.
struct recording_header {
  std::string session_id;
  clinic_id clinic = 0;
  build_info build;
  /// The region callers' national numbers were read in (it shapes answers).
  std::string region;
};

/// A session's recording, or a part of it: its entries in order (recording/recording.hpp
/// describes them).
struct session_recording : recording_header {
  std::vector<json_value> entries;
};

/// An entry as a session noted it: made into JSON by the recorder, on its own thread, so that
/// a session spends nothing on it before it answers. It holds copies, never references.
using noted_entry = std::function<json_value()>;

/// What a session did since it last told the recorder, in order.
struct session_steps : recording_header {
  std::vector<noted_entry> entries;
  /// The tool calls the session's recording held when the session took up these entries'
  /// call: they are stored only if it holds as many still, so that two nodes never both
  /// continue one conversation. Negative: stored whatever it holds.
  std::int64_t calls_before = -1;
};

/// What became of a session's steps.
enum class write_outcome : std::uint8_t {
  /// Committed: any node now continues the conversation from them.
  stored,
  /// Not stored: another node recorded calls of this conversation meanwhile.
  conflict,
  /// The database is away: kept in memory, written when it is back.
  kept,
};

}  // namespace frontdesk
