#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"
#include "messages/recorder.hpp"

// Sessions' recordings: their entries in sealed chunks, and a row each to list them by.
namespace frontdesk::storage {

/// A batch of one session's entries, already sealed (recording_context), with how many tool
/// calls it starts and answers.
struct recording_chunk {
  recording_header of;
  std::string sealed;
  int calls = 0;
  int answered = 0;
  unix_seconds at = 0;
  /// Appended only while the recording holds this many tool calls (any when negative).
  std::int64_t calls_before = -1;
};

/// Appends the chunk, making the recording's row on its first; false, appending nothing, when
/// the recording holds other than `calls_before` tool calls (another node went on meanwhile).
bool append_recording(pqxx::transaction_base& tx, const recording_chunk& chunk);

/// A recording as stored: its header, and its chunks in order, still sealed.
struct stored_recording {
  recording_header header;
  std::vector<std::string> sealed_chunks;
};

/// The session's recording; when `within_seconds` > 0, only if it was written to that recently
/// (before `now`); when `unless_calls` >= 0, only if it holds another number of tool calls.
std::optional<stored_recording> read_recording(pqxx::transaction_base& tx,
                                               const std::string& session_id,
                                               std::int64_t within_seconds = 0,
                                               unix_seconds now = 0,
                                               std::int64_t unless_calls = -1);

/// A recording as `frontdesk sessions list` shows it, beside its call's outcome (the summary
/// still sealed, under storage::call_context).
struct recording_row {
  std::string session_id;
  std::string clinic;
  unix_seconds started_at = 0;
  unix_seconds updated_at = 0;
  int calls = 0;
  int answered = 0;
  std::int64_t bytes = 0;
  std::string build;
  std::string outcome;  // "" when no post-call event came
  std::string summary;
};

struct recording_filter {
  std::string clinic;  // name; "" any
  unix_seconds since = 0;
  std::string outcome;  // "" any
  int limit = 50;
};

std::vector<recording_row> list_recordings(pqxx::transaction_base& tx,
                                           const recording_filter& filter);

/// Drops recordings last written before `before`. Answers how many.
std::int64_t prune_recordings(pqxx::transaction_base& tx, unix_seconds before);

/// The sealing context of a session's recording: a chunk opens only in its own recording.
std::string recording_context(const std::string& session_id);

}  // namespace frontdesk::storage
