#pragma once

#include <optional>
#include <string>

#include "recording/recording.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

// A recording as PostgreSQL keeps it (storage/recordings.hpp), opened.
namespace frontdesk::recording {

/// The recording with its chunks opened and read; when a chunk does not open or read, the
/// recording up to it, and `why` says so.
recording open_recording(const storage::stored_recording& stored, const storage::secret_box& box,
                         std::string* why = nullptr);

}  // namespace frontdesk::recording
