#pragma once

#include <caf/fwd.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "messages/availability.hpp"
#include "messages/booking.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"
#include "messages/json_value.hpp"
#include "messages/session.hpp"
#include "recording/codec_detail.hpp"

// What a session sends and receives, as JSON trees: how a recording keeps it and a replay reads
// it back. One list of fields per record serves both directions. Deadlines are left out: they
// are steady-clock instants of the run that made them, never the same twice.
namespace frontdesk::recording {

/// Any record with a field list (messages/fields.hpp), or a list of them: what a session takes
/// and gives (tool_call, tool_answer), a directory, every question and answer of
/// tools/questions.hpp.
template <class T>
json_value encode(const T& x) {
  return detail::put(x);
}
/// The clinic without its directory (recorded once, under its hash: directory_hash).
json_value encode(const clinic_view& x, const std::string& directory_hash);
json_value encode(const caf::error& e);

/// Each reads what encode wrote; false (and `x` partly filled) when `v` does not fit.
template <class T>
bool decode(const json_value& v, T& x) {
  return detail::get(v, x);
}
/// The clinic as recorded; its directory is set apart (it was recorded under its hash).
bool decode(const json_value& v, clinic_view& x, std::string& directory_hash);
bool decode(const json_value& v, caf::error& e);

/// A short, stable name of a directory's content (hex of SHA-256 of its JSON).
std::string directory_hash(const json_value& encoded_directory);

/// A directory as a recording keeps it: its JSON and that hash.
struct directory_snapshot {
  std::string hash;
  json_value encoded;
};

/// The snapshot of `d`, made once per directory: a directory is immutable and shared while
/// cached, so every session recording it reuses the first one made. Safe from any thread.
std::shared_ptr<const directory_snapshot> snapshot_of(const directory_ptr& d);

}  // namespace frontdesk::recording
