#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "messages/json_value.hpp"
#include "messages/webhook.hpp"

// ElevenLabs' post-call payloads read into the vocabulary (elevenlabs.md, and the samples beside
// it). Only here is their JSON known.
namespace frontdesk::http {

/// The event in `raw`; nothing when it is not an ElevenLabs event (not JSON, no `type`, no
/// `data` object). An audio event's recording is measured, not copied (nor is the body, when
/// its capacity leaves simdjson's padding).
std::optional<call_event> read_call_event(const std::string& raw);

/// The base64 recording of a post_call_audio event, as a view into `raw` ("" when none).
std::string_view audio_of(std::string_view raw);

/// What was said in a call, as frontdesk keeps it (sealed): the transcript's turns and the
/// agent's tool calls, each with what it saw come back.
std::string call_details_json(const call_event& e);

/// The agent's tool calls as call_details_json kept them (`details`, opened and parsed).
std::vector<agent_tool_call> agent_tool_calls(const json_value& details);

/// An audio event without its recording: what waits for PostgreSQL once the audio was kept where
/// configured (or not), so that the spool never holds a call's audio.
std::string without_audio_json(const call_event& e);

}  // namespace frontdesk::http
