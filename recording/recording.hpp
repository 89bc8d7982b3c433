#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "messages/json_value.hpp"
#include "messages/recorder.hpp"

// A session's recording: everything it was told and asked, in order, so that a replay can
// rebuild it. Each entry is a JSON object with a "kind" and the tool call ("call", from 1) it
// belongs to:
//   call       the tool call as it came ("request": tool, call context, input)
//   clock      a reading of the session's wall clock ("now", ISO 8601 UTC)
//   directory  a clinic directory the session was given, once per content ("hash", "directory")
//   ask        a question to a collaborator ("to", "what", "question") and its "reply" or "error"
//   answer     what the session answered ("answer": status and body)
// A replay adds "replayed" to an ask whose answer did not come from the recording.
namespace frontdesk::recording {

using recording = session_recording;

/// An entry of `kind` for tool call `call`, with these fields.
json_value entry(std::string_view kind, int call, json_value::object fields);

/// An entry's kind ("ask"), and the tool call it belongs to (0 when not said).
std::string_view kind_of(const json_value& entry);
int call_of(const json_value& entry);

/// The entries, one object per line after a header line: what `replay export` writes.
std::string to_text(const recording& r);
/// Reads to_text's output; nothing, and `why`, when it does not read.
std::optional<recording> from_text(std::string_view text, std::string* why = nullptr);

/// Entries as JSON lines, and back (false when a line is not an entry).
std::string lines_of(const std::vector<json_value>& entries);
bool read_lines(std::string_view text, std::vector<json_value>& entries);

/// The entries a session noted, made into JSON (on the recorder's thread).
recording made_of(const session_steps& steps);

/// How many tool calls the recording holds, and how many of them were answered.
int calls_in(const recording& r);
int answered_in(const recording& r);

}  // namespace frontdesk::recording
