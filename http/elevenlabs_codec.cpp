#include "http/elevenlabs_codec.hpp"

#include <simdjson.h>

#include <cmath>

#include "http/json.hpp"

namespace frontdesk::http {
namespace {

std::string text(const json_value* v) {
  if (!v) return {};
  if (v->is<std::string>()) return v->as<std::string>();
  return {};
}

std::string text(const json_value& object, std::string_view key) {
  return text(object.find(key));
}

std::int64_t number(const json_value* v) {
  if (!v) return 0;
  if (v->is<std::int64_t>()) return v->as<std::int64_t>();
  if (v->is<double>()) return static_cast<std::int64_t>(v->as<double>());
  return 0;
}

double real(const json_value* v) {
  if (!v) return 0;
  if (v->is<double>()) return v->as<double>();
  if (v->is<std::int64_t>()) return static_cast<double>(v->as<std::int64_t>());
  return 0;
}

const json_value::array* array_at(const json_value& object, std::string_view key) {
  const auto* v = object.find(key);
  return v && v->is<json_value::array>() ? &v->as<json_value::array>() : nullptr;
}

// "https://frontdesk.example.com/availability-checker?x=1" -> "/availability-checker".
std::string path_of(std::string_view url) {
  if (const auto scheme = url.find("://"); scheme != std::string_view::npos)
    url = url.substr(scheme + 3);
  const auto slash = url.find('/');
  if (slash == std::string_view::npos) return "/";
  url = url.substr(slash);
  return std::string(url.substr(0, url.find_first_of("?#")));
}

// Tool calls and their results sit in the agent's turns, matched by request id.
void read_turn(const json_value& turn, call_event& out) {
  const auto seconds = number(turn.find("time_in_call_secs"));
  if (const auto message = text(turn, "message"); !message.empty())
    out.transcript.push_back({text(turn, "role"), message, seconds});
  if (const auto* calls = array_at(turn, "tool_calls"))
    for (const auto& c : *calls) {
      agent_tool_call call;
      call.request_id = text(c, "request_id");
      call.tool_name = text(c, "tool_name");
      call.params = text(c, "params_as_json");
      if (const auto* details = c.find("tool_details")) call.path = path_of(text(*details, "url"));
      call.time_in_call_secs = seconds;
      out.tool_calls.push_back(std::move(call));
    }
  if (const auto* results = array_at(turn, "tool_results"))
    for (const auto& r : *results)
      for (auto& call : out.tool_calls)
        if (call.request_id == text(r, "request_id") && call.latency_ms < 0) {
          call.result = text(r, "result_value");
          const auto* error = r.find("is_error");
          call.is_error = error && error->is<bool>() && error->as<bool>();
          call.latency_ms =
              static_cast<std::int64_t>(std::llround(real(r.find("tool_latency_secs")) * 1000));
          break;
        }
}

void read_details(const json_value& data, call_event& out) {
  out.status = text(data, "status");
  if (const auto* transcript = array_at(data, "transcript"))
    for (const auto& turn : *transcript) read_turn(turn, out);
  if (const auto* metadata = data.find("metadata")) {
    out.started_at = number(metadata->find("start_time_unix_secs"));
    out.duration_secs = number(metadata->find("call_duration_secs"));
    out.termination_reason = text(*metadata, "termination_reason");
    if (const auto* phone = metadata->find("phone_call")) {
      out.agent_number = text(*phone, "agent_number");
      out.caller_number = text(*phone, "external_number");
    }
    // A call that never connected carries the phone provider's own fields (Twilio's From, To).
    if (const auto* provider = metadata->find("body")) {
      if (out.caller_number.empty()) out.caller_number = text(*provider, "From");
      if (out.agent_number.empty()) out.agent_number = text(*provider, "To");
    }
  }
  if (const auto* analysis = data.find("analysis")) {
    out.outcome = text(*analysis, "call_successful");
    out.summary = text(*analysis, "transcript_summary");
    out.title = text(*analysis, "call_summary_title");
  }
  out.failure_reason = text(data, "failure_reason");
}

// An audio event is read without building a tree of its megabytes, and without copying them
// when the body has simdjson's padding to spare: the few fields it has.
std::optional<call_event> read_audio_event(const std::string& raw) {
  std::optional<simdjson::padded_string> copy;
  simdjson::padded_string_view view;
  if (raw.capacity() >= raw.size() + simdjson::SIMDJSON_PADDING)
    view = simdjson::padded_string_view(raw.data(), raw.size(), raw.capacity());
  else
    view = copy.emplace(raw);
  simdjson::ondemand::parser parser;
  auto doc = parser.iterate(view);
  call_event out;
  out.type = "post_call_audio";
  std::int64_t timestamp = 0;
  if (doc["event_timestamp"].get_int64().get(timestamp) == simdjson::SUCCESS)
    out.event_timestamp = timestamp;
  simdjson::ondemand::object data;
  if (doc["data"].get_object().get(data) != simdjson::SUCCESS) return std::nullopt;
  for (auto field : data) {
    std::string_view key;
    if (field.unescaped_key().get(key) != simdjson::SUCCESS) return std::nullopt;
    std::string_view value;
    if (key == "agent_id" || key == "conversation_id") {
      if (field.value().get_string().get(value) != simdjson::SUCCESS) continue;
      (key == "agent_id" ? out.agent_id : out.conversation_id) = std::string(value);
    }
  }
  out.audio_chars = audio_of(raw).size();  // measured in place, never unescaped
  return out;
}

}  // namespace

std::string_view audio_of(std::string_view raw) {
  // base64 has no escapes: the value runs from the key's opening quote to the next quote.
  const auto key = raw.find("\"full_audio\"");
  if (key == std::string_view::npos) return {};
  const auto open = raw.find('"', raw.find(':', key) + 1);
  const auto close = raw.find('"', open + 1);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  return raw.substr(open + 1, close - open - 1);
}

std::optional<call_event> read_call_event(const std::string& raw) {
  // The type comes first in ElevenLabs' payloads; an audio event is not parsed whole.
  const auto head = std::string_view{raw}.substr(0, 200);
  if (head.find("\"post_call_audio\"") != std::string_view::npos) return read_audio_event(raw);
  auto body = parse_json(raw);
  if (!body || !body->is_object()) return std::nullopt;
  const auto* data = body->find("data");
  if (!data || !data->is_object()) return std::nullopt;
  call_event out;
  out.type = text(*body, "type");
  if (out.type.empty()) return std::nullopt;
  out.event_timestamp = number(body->find("event_timestamp"));
  out.agent_id = text(*data, "agent_id");
  out.conversation_id = text(*data, "conversation_id");
  read_details(*data, out);
  return out;
}

}  // namespace frontdesk::http
