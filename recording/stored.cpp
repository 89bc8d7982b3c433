#include "recording/stored.hpp"

namespace frontdesk::recording {

recording open_recording(const storage::stored_recording& stored, const storage::secret_box& box,
                         std::string* why) {
  recording out{stored.header, {}};
  const auto context = storage::recording_context(out.session_id);
  for (std::size_t i = 0; i < stored.sealed_chunks.size(); ++i) {
    const auto lines = box.open(stored.sealed_chunks[i], context);
    if (lines && read_lines(*lines, out.entries)) continue;
    if (why)
      *why = "part " + std::to_string(i + 1) + " of " +
             std::to_string(stored.sealed_chunks.size()) +
             (lines ? " does not read" : " does not open with FRONTDESK_MASTER_KEY");
    break;
  }
  return out;
}

}  // namespace frontdesk::recording
