#include "http/elevenlabs_codec.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <utility>
#include <vector>

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

// ---- post_call_transcription_otel: the call as an OTLP JSON trace ----

// An OTLP attribute list's values by key; numbers OTLP writes as strings (intValue) are read too.
struct span_attributes {
  const json_value::array* list = nullptr;

  const json_value* find(std::string_view key) const {
    if (!list) return nullptr;
    for (const auto& a : *list)
      if (text(a, "key") == key) return a.find("value");
    return nullptr;
  }
  // The first of `keys` present, as text ("" when none).
  std::string text_of(std::initializer_list<std::string_view> keys) const {
    for (const auto key : keys)
      if (const auto* v = find(key)) {
        for (const char* kind : {"stringValue", "intValue", "doubleValue"})
          if (const auto* x = v->find(kind)) {
            if (x->is<std::string>()) return x->as<std::string>();
            if (x->is<std::int64_t>()) return std::to_string(x->as<std::int64_t>());
          }
      }
    return {};
  }
  bool flag(std::string_view key) const {
    const auto* v = find(key);
    const auto* b = v ? v->find("boolValue") : nullptr;
    return b && b->is<bool>() && b->as<bool>();
  }
};

span_attributes attributes_of(const json_value& holder) {
  return {array_at(holder, "attributes")};
}

// OTLP JSON writes 64-bit nanoseconds as strings.
std::int64_t nanos(const json_value& span, std::string_view key) {
  const auto* v = span.find(key);
  if (v && v->is<std::string>()) return std::strtoll(v->as<std::string>().c_str(), nullptr, 10);
  return number(v);
}

// Every span of the trace, wherever the event puts it (`data.resourceSpans`, or under
// `data.trace`), with the attributes of its resource.
std::vector<std::pair<const json_value*, span_attributes>> spans_of(const json_value& data) {
  std::vector<std::pair<const json_value*, span_attributes>> out;
  const auto* holder = data.find("resourceSpans") ? &data : data.find("trace");
  const auto* resources = holder ? array_at(*holder, "resourceSpans") : nullptr;
  if (!resources) return out;
  for (const auto& resource : *resources) {
    const auto* r = resource.find("resource");
    const auto resource_attributes = r ? attributes_of(*r) : span_attributes{};
    if (const auto* scopes = array_at(resource, "scopeSpans"))
      for (const auto& scope : *scopes)
        if (const auto* spans = array_at(scope, "spans"))
          for (const auto& span : *spans) out.emplace_back(&span, resource_attributes);
  }
  return out;
}

// A span of a tool call: what the agent sent and what it saw come back.
void read_tool_span(const json_value& span, const span_attributes& a, std::int64_t seconds,
                    call_event& out) {
  agent_tool_call call;
  call.request_id = a.text_of({"elevenlabs.tool.request_id", "gen_ai.tool.call.id"});
  call.tool_name = a.text_of({"elevenlabs.tool.name", "gen_ai.tool.name"});
  call.path = path_of(a.text_of({"elevenlabs.tool.url", "url.full", "http.url"}));
  call.params = a.text_of({"elevenlabs.tool.params", "gen_ai.tool.call.arguments"});
  call.result = a.text_of({"elevenlabs.tool.result", "gen_ai.tool.call.result"});
  const auto* status = span.find("status");
  call.is_error = a.flag("elevenlabs.tool.is_error") ||
                  (status && number(status->find("code")) == 2);  // STATUS_CODE_ERROR
  call.latency_ms = (nanos(span, "endTimeUnixNano") - nanos(span, "startTimeUnixNano")) / 1'000'000;
  call.time_in_call_secs = seconds;
  out.tool_calls.push_back(std::move(call));
}

void read_otel(const json_value& data, call_event& out) {
  const auto spans = spans_of(data);
  std::int64_t first = 0, last = 0;
  for (const auto& [span, resource] : spans) {
    const auto start = nanos(*span, "startTimeUnixNano");
    const auto end = nanos(*span, "endTimeUnixNano");
    if (start > 0 && (first == 0 || start < first)) first = start;
    last = std::max(last, end);
  }
  out.started_at = first / 1'000'000'000;
  out.duration_secs = (last - first) / 1'000'000'000;
  out.status = "done";
  for (const auto& entry : spans) {
    const auto* span = entry.first;
    const auto& resource = entry.second;
    const auto a = attributes_of(*span);
    const auto get = [&](std::initializer_list<std::string_view> keys) {
      auto v = a.text_of(keys);
      return v.empty() ? resource.text_of(keys) : v;
    };
    const auto seconds = (nanos(*span, "startTimeUnixNano") - first) / 1'000'000'000;
    if (out.conversation_id.empty()) out.conversation_id = get({"elevenlabs.conversation_id"});
    if (out.agent_id.empty()) out.agent_id = get({"elevenlabs.agent_id"});
    if (const auto v = a.text_of({"elevenlabs.status"}); !v.empty()) out.status = v;
    if (const auto v = a.text_of({"elevenlabs.call_successful"}); !v.empty()) out.outcome = v;
    if (const auto v = a.text_of({"elevenlabs.transcript_summary"}); !v.empty()) out.summary = v;
    if (const auto v = a.text_of({"elevenlabs.call_summary_title"}); !v.empty()) out.title = v;
    if (const auto v = a.text_of({"elevenlabs.termination_reason"}); !v.empty())
      out.termination_reason = v;
    if (const auto v = get({"elevenlabs.phone_call.agent_number"}); !v.empty())
      out.agent_number = v;
    if (const auto v = get({"elevenlabs.phone_call.external_number"}); !v.empty())
      out.caller_number = v;
    if (!a.text_of({"elevenlabs.tool.name", "gen_ai.tool.name"}).empty()) {
      read_tool_span(*span, a, seconds, out);
      continue;
    }
    const auto message = a.text_of({"elevenlabs.message", "gen_ai.content.completion"});
    if (!message.empty())
      out.transcript.push_back({a.text_of({"elevenlabs.role"}), message, seconds});
  }
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

std::string call_details_json(const call_event& e) {
  json_writer out;
  out.begin_object().key("transcript").begin_array();
  for (const auto& t : e.transcript)
    out.begin_object()
        .key("role")
        .value(t.role)
        .key("message")
        .value(t.message)
        .key("t")
        .value(t.time_in_call_secs)
        .end_object();
  out.end_array().key("tool_calls").begin_array();
  for (const auto& c : e.tool_calls)
    out.begin_object()
        .key("tool")
        .value(c.tool_name)
        .key("path")
        .value(c.path)
        .key("params")
        .value(c.params)
        .key("result")
        .value(c.result)
        .key("is_error")
        .value(c.is_error)
        .key("latency_ms")
        .value(c.latency_ms)
        .key("t")
        .value(c.time_in_call_secs)
        .end_object();
  out.end_array().end_object();
  return std::move(out).str();
}

std::string without_audio_json(const call_event& e) {
  json_writer out;
  out.begin_object()
      .key("type")
      .value(e.type)
      .key("event_timestamp")
      .value(e.event_timestamp)
      .key("data")
      .begin_object()
      .key("agent_id")
      .value(e.agent_id)
      .key("conversation_id")
      .value(e.conversation_id)
      .end_object()
      .end_object();
  return std::move(out).str();
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
  if (out.type == "post_call_transcription_otel")
    read_otel(*data, out);
  else
    read_details(*data, out);
  return out;
}

std::vector<agent_tool_call> agent_tool_calls(const json_value& details) {
  std::vector<agent_tool_call> out;
  const auto* list = details.find("tool_calls");
  if (!list || !list->is<json_value::array>()) return out;
  for (const auto& c : list->as<json_value::array>()) {
    agent_tool_call call;
    call.tool_name = text_field(c, "tool").value_or("");
    call.path = text_field(c, "path").value_or("");
    call.params = text_field(c, "params").value_or("");
    call.result = text_field(c, "result").value_or("");
    const auto* error = c.find("is_error");
    call.is_error = error && error->is<bool>() && error->as<bool>();
    call.latency_ms = std::stoll(text_field(c, "latency_ms").value_or("-1"));
    call.time_in_call_secs = std::stoll(text_field(c, "t").value_or("0"));
    out.push_back(std::move(call));
  }
  return out;
}

}  // namespace frontdesk::http
