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
};

}  // namespace frontdesk
