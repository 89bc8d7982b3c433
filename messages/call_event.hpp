#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"

// A call as ElevenLabs reported it after it ended, and the events that carry it: read from the
// post-call webhook, kept by the webhook actor, compared with what frontdesk answered. Plain
// records: no CAF here.
namespace frontdesk {

/// One tool call as the agent saw it (from the transcript), and what it saw come back.
struct agent_tool_call {
  std::string request_id;
  std::string tool_name;
  /// The path of the URL called ("/availability-checker"): which of our tools it was.
  std::string path;
  std::string params;
  std::string result;
  bool is_error = false;
  /// As the agent measured it, in milliseconds (-1: no result seen).
  std::int64_t latency_ms = -1;
  std::int64_t time_in_call_secs = 0;
};

/// One turn of the conversation.
struct transcript_turn {
  std::string role;
  std::string message;
  std::int64_t time_in_call_secs = 0;
};

/// A post-call event as read from ElevenLabs' payload.
struct call_event {
  /// post_call_transcription, post_call_audio, call_initiation_failure, or another.
  std::string type;
  std::int64_t event_timestamp = 0;
  std::string agent_id;
  std::string conversation_id;
  std::string status;
  /// success, failure or unknown.
  std::string outcome;
  std::string summary;
  std::string title;
  std::string termination_reason;
  /// busy, no-answer or unknown (call_initiation_failure).
  std::string failure_reason;
  /// The number called (the clinic's) and the caller's, as given.
  std::string agent_number;
  std::string caller_number;
  unix_seconds started_at = 0;
  std::int64_t duration_secs = 0;
  std::vector<transcript_turn> transcript;
  std::vector<agent_tool_call> tool_calls;
  /// The size of the call's audio (post_call_audio), in base64 characters.
  std::size_t audio_chars = 0;
};

/// Whether the event describes the call (its transcript, tool calls and outcome): the
/// transcription event, as JSON or as an OpenTelemetry trace.
inline bool describes_call(const call_event& e) {
  return e.type == "post_call_transcription" || e.type == "post_call_transcription_otel";
}

/// One tool call frontdesk answered, as the front saw it.
struct served_call {
  std::string session_id;
  std::string path;
  unix_seconds received_at = 0;
  std::int64_t latency_ms = 0;
  int status = 200;
  /// The answer's `success`, when it had one.
  bool success = true;
  std::string error;
  /// The answer waited on a Cliniko request.
  bool waited = false;
};

/// An event ready to keep: read, with what is secret sealed, and when it ends.
struct stored_event {
  std::string key;
  call_event event;
  /// The number called, as E.164 ("" when not one): the clinic when the agent is not known.
  std::string dialed;
  unix_seconds received_at = 0;
  unix_seconds expires_at = 0;
  /// Sealed: the payload ("" for audio), the caller's number, title, summary, transcript.
  std::string raw;
  std::string caller;
  std::string title;
  std::string summary;
  std::string details;
};

/// A verified event as it arrived: its bytes, and when.
struct webhook_delivery {
  std::string raw_body;
  unix_seconds received_at = 0;
};

/// Where an event ended up: stored now, stored before (a redelivery), or spooled.
enum class event_fate : std::uint8_t { stored, repeated, spooled };

}  // namespace frontdesk
