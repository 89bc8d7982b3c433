#include "tools/agent_config.hpp"

#include <algorithm>

#include "tools/catalogue.hpp"

namespace frontdesk::tools {
namespace {

constexpr std::string_view prompt_text =
    R"(You are the receptionist of {{clinic_name}}, answering the phone. Today is {{local_date}} and it is {{local_time}} at the clinic ({{time_zone}}). The clinic's locations: {{clinic_locations}}.

The caller: {{caller_status}}. When that is "known", greet them by their first name, {{caller_first_name}}, and do not ask for their number. When it is "new" or "unknown", ask for the patient's full name before booking.

How to use the tools:
- Every tool answers with a `message`. Say it to the caller as it is, in your own voice; do not add times, names or prices it did not give.
- When an answer has `needsClarification: true`, ask the caller exactly what the message asks (`clarify` says what is missing: a location, a service, a time, the patient), then call the same tool again with their answer.
- When an answer has `success: false`, tell the caller what the message says and follow it: offer what it offers, ask what it asks. `offerCallback: true` means the clinic's team arranges it: offer a call back. Never say the calendar is down unless the message says so.
- Offer at most the times a tool gave you. Never book a time that a tool did not offer in this call. Book only after the caller chose a time and the patient's name is known.
- A cancellation inside the clinic's notice comes back with `needsConfirmation: true`: read the policy in the message and, only if the caller still wants it, call again with acceptPolicy true.
- Pass the caller's words for a day, a time, a practitioner, a location or a service as they said them. Beside a day or a time, give your own reading too: agentDate (YYYY-MM-DD, from today's date) and agentTime (HH:MM, 24-hour); leave them out when you are not sure. When the two readings differ, or the words could mean two days or times, the tool asks which one (`clarify: "date"` or `"time"`): ask the caller exactly that, then call again with their answer.
- Settle the location first (location_resolver, then confirm_location when it offers several), and pass the business_id the tools return. When the caller names a practitioner and a day, use availability_checker; for "the soonest", find_next_available.
- After a booking, a move or a cancellation, read back what the message says: who, what, where and when.

Speak briefly and warmly: one or two short sentences at a time. Never read out an id, a phone number or a date of birth.)";

constexpr std::string_view first_words =
    "Thanks for calling {{clinic_name}}, this is the front desk. How can I help you today?";

void add_field(json_value& properties, std::vector<json_value>& required, const tool_field& f) {
  json_value property{json_value::object{}};
  property.set("type", json_value{std::string(f.type)});
  if (f.system_variable.empty()) {
    property.set("description", json_value{std::string(f.description)});
  } else {
    property.set("dynamic_variable", json_value{std::string(f.system_variable)});
  }
  if (f.type == "array") {
    json_value items{json_value::object{}};
    items.set("type", json_value{std::string("string")});
    items.set("description", json_value{std::string("One location name.")});
    property.set("items", std::move(items));
  }
  if (!f.values.empty()) {
    json_value::array values;
    for (const auto v : f.values) values.emplace_back(std::string(v));
    property.set("enum", json_value{std::move(values)});
  }
  properties.set(f.name, std::move(property));
  if (f.required) required.emplace_back(std::string(f.name));
}

json_value secret(const std::string& id) {
  json_value out{json_value::object{}};
  out.set("secret_id", json_value{id});
  return out;
}

json_value api_key_headers(const agent_config_options& o) {
  json_value headers{json_value::object{}};
  headers.set("x-api-key", secret(o.api_key_secret_id));
  return headers;
}

// ElevenLabs waits this long for a tool: frontdesk's own deadline and a margin, so that the
// agent hears frontdesk's "could not" rather than a timeout (elevenlabs.md: 5-120 s).
int tool_timeout(const agent_config_options& o) {
  return std::clamp(o.tool_deadline_seconds + 4, 5, 120);
}

json_value webhook_tool(const catalogue_entry& p, const agent_config_options& o) {
  json_value properties{json_value::object{}};
  std::vector<json_value> required;
  for (const auto& f : p.fields) add_field(properties, required, f);
  json_value body{json_value::object{}};
  body.set("type", json_value{std::string("object")});
  body.set("description", json_value{std::string("What the caller asked for, as they said it.")});
  body.set("required", json_value{std::move(required)});
  body.set("properties", std::move(properties));

  json_value api{json_value::object{}};
  api.set("url", json_value{o.base_url + std::string(p.path)});
  api.set("method", json_value{std::string("POST")});
  api.set("content_type", json_value{std::string("application/json")});
  // The conversation's id on every call, for a router to keep a conversation on one node
  // (deploy/haproxy.cfg hashes on it); frontdesk itself reads sessionId from the body.
  auto headers = api_key_headers(o);
  json_value conversation{json_value::object{}};
  conversation.set("variable_name", json_value{std::string("system__conversation_id")});
  headers.set("X-Conversation-Id", std::move(conversation));
  api.set("request_headers", std::move(headers));
  api.set("request_body_schema", std::move(body));

  json_value tool{json_value::object{}};
  tool.set("type", json_value{std::string("webhook")});
  tool.set("name", json_value{std::string(p.name)});
  tool.set("description", json_value{std::string(p.description)});
  tool.set("response_timeout_secs", json_value{static_cast<std::int64_t>(tool_timeout(o))});
  // frontdesk answers 200 with a message for all the agent can act on; what is left (a 503
  // while Cliniko is down) carries a message the LLM should see too.
  tool.set("tool_error_handling_mode", json_value{std::string("passthrough")});
  tool.set("pre_tool_speech", json_value{std::string(p.may_wait ? "auto" : "off")});
  tool.set("api_schema", std::move(api));
  json_value out{json_value::object{}};
  out.set("tool_config", std::move(tool));
  return out;
}

json_value agent_of(const agent_config_options& o) {
  json_value placeholders{json_value::object{}};
  for (const auto& [name, example] : o.initiation_variables) placeholders.set(name, example);
  json_value variables{json_value::object{}};
  variables.set("dynamic_variable_placeholders", std::move(placeholders));

  json_value prompt{json_value::object{}};
  prompt.set("prompt", json_value{std::string(prompt_text)});
  json_value::array ids;
  for (const auto& p : catalogue()) ids.emplace_back("TOOL_ID_" + std::string(p.name));
  prompt.set("tool_ids", json_value{std::move(ids)});

  json_value agent{json_value::object{}};
  agent.set("first_message", json_value{std::string(first_words)});
  agent.set("language", json_value{std::string("en")});
  agent.set("dynamic_variables", std::move(variables));
  agent.set("prompt", std::move(prompt));
  json_value conversation{json_value::object{}};
  conversation.set("agent", std::move(agent));

  json_value overrides{json_value::object{}};
  overrides.set("enable_conversation_initiation_client_data_from_webhook", json_value{true});
  json_value platform{json_value::object{}};
  platform.set("overrides", std::move(overrides));

  json_value out{json_value::object{}};
  out.set("name", json_value{o.clinic_name + " receptionist"});
  out.set("conversation_config", std::move(conversation));
  out.set("platform_settings", std::move(platform));
  return out;
}

json_value workspace_of(const agent_config_options& o) {
  json_value initiation{json_value::object{}};
  initiation.set("url", json_value{o.base_url + "/conversation-initiation"});
  initiation.set("request_headers", api_key_headers(o));
  json_value events{json_value::array{json_value{std::string("transcript")},
                                      json_value{std::string("call_initiation_failure")}}};
  json_value webhooks{json_value::object{}};
  webhooks.set("post_call_webhook_id", json_value{o.post_call_webhook_id});
  webhooks.set("events", std::move(events));
  webhooks.set("send_audio", json_value{false});
  json_value out{json_value::object{}};
  out.set("conversation_initiation_client_data_webhook", std::move(initiation));
  out.set("webhooks", std::move(webhooks));
  return out;
}

json_value post_call_of(const agent_config_options& o) {
  json_value out{json_value::object{}};
  out.set("url", json_value{o.base_url + "/post-call-webhook"});
  out.set("auth", json_value{std::string("hmac")});
  out.set("secret_setting", json_value{std::string("ELEVENLABS_WEBHOOK_SECRET")});
  // ElevenLabs retries a transcript event (up to 5 times, after a 5xx, 408 or 429) only when the
  // workspace webhook asks for it: frontdesk answers 503 when it could not keep an event.
  json_value update{json_value::object{}};
  update.set("retry_enabled", json_value{true});
  out.set("update", std::move(update));
  return out;
}

json_value steps_of(const agent_config_options& o) {
  json_value::array out;
  const auto step = [&out](std::string text) { out.emplace_back(std::move(text)); };
  step(std::string("POST /v1/convai/secrets {\"type\":\"new\",\"name\":\"frontdesk_api_key\",") +
       "\"value\":<one of FRONTDESK_API_KEYS>}; put its secret_id where " + o.api_key_secret_id +
       " stands.");
  step(
      "POST /v1/convai/tools with each body of \"tools\"; put each tool's id where "
      "TOOL_ID_<name> stands in the agent.");
  step("POST /v1/convai/agents/create with \"agent\"; then `frontdesk clinic update \"" +
       o.clinic_name + "\" --agent-id <agent_id>`.");
  step(std::string("Create the post-call webhook (URL and HMAC auth as in ") +
       "\"post_call_webhook\"); give its secret to frontdesk as ELEVENLABS_WEBHOOK_SECRET and its "
       "id where " +
       o.post_call_webhook_id + " stands.");
  step("PATCH /v1/workspace/webhooks/" + o.post_call_webhook_id +
       " with \"post_call_webhook\".\"update\": ElevenLabs then sends a transcript event again "
       "when frontdesk could not keep it (5xx, 408, 429).");
  step("PATCH /v1/convai/settings with \"workspace_settings\".");
  step(
      "Assign the clinic's phone number to the agent; frontdesk finds the clinic by the number "
      "dialed.");
  return json_value{std::move(out)};
}

}  // namespace

std::vector<std::string> dynamic_variables_in(std::string_view text) {
  std::vector<std::string> out;
  for (auto open = text.find("{{"); open != std::string_view::npos;
       open = text.find("{{", open + 2)) {
    const auto close = text.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string name(text.substr(open + 2, close - open - 2));
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  return out;
}

std::string_view receptionist_prompt() {
  return prompt_text;
}

std::string_view first_message() {
  return first_words;
}

json_value agent_config(const agent_config_options& options) {
  json_value::array tools;
  for (const auto& p : catalogue()) tools.push_back(webhook_tool(p, options));
  json_value out{json_value::object{}};
  out.set("clinic", json_value{options.clinic_name});
  out.set("tools", json_value{std::move(tools)});
  out.set("agent", agent_of(options));
  out.set("workspace_settings", workspace_of(options));
  out.set("post_call_webhook", post_call_of(options));
  out.set("steps", steps_of(options));
  return out;
}

}  // namespace frontdesk::tools
