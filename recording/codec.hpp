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

// What a session sends and receives, as JSON trees: how a recording keeps it and a replay reads
// it back. One list of fields per record serves both directions. Deadlines are left out: they
// are steady-clock instants of the run that made them, never the same twice.
namespace frontdesk::recording {

json_value encode(const tool_call& x);
json_value encode(const tool_answer& x);
json_value encode(const slot_request& x);
json_value encode(const times_reply& x);
json_value encode(const found_slot& x);
json_value encode(const booking_request& x);
json_value encode(const move_request& x);
json_value encode(const cancel_request& x);
json_value encode(const history_request& x);
json_value encode(const booking_outcome& x);
json_value encode(const std::vector<appointment>& x);
json_value encode(const domain::clinic_directory& x);
/// The clinic without its directory (recorded once, under its hash: directory_hash).
json_value encode(const clinic_view& x, const std::string& directory_hash);
json_value encode(const caf::error& e);

/// Each reads what encode wrote; false (and `x` partly filled) when `v` does not fit.
bool decode(const json_value& v, tool_call& x);
bool decode(const json_value& v, tool_answer& x);
bool decode(const json_value& v, slot_request& x);
bool decode(const json_value& v, times_reply& x);
bool decode(const json_value& v, found_slot& x);
bool decode(const json_value& v, booking_request& x);
bool decode(const json_value& v, move_request& x);
bool decode(const json_value& v, cancel_request& x);
bool decode(const json_value& v, history_request& x);
bool decode(const json_value& v, booking_outcome& x);
bool decode(const json_value& v, std::vector<appointment>& x);
bool decode(const json_value& v, domain::clinic_directory& x);
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
