#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/json_value.hpp"

// The ElevenLabs agent a clinic needs, as ElevenLabs' API takes it: each tool of the catalogue as
// a webhook tool, the agent with its prompt, and the workspace's two webhooks. What the agent's
// LLM reads of a tool (its description and its fields') is written here, beside the tools.
namespace frontdesk::tools {

/// A field of a tool's body: filled by the agent's LLM from the conversation (it reads the
/// description), or by ElevenLabs from a system dynamic variable, never by the LLM.
struct tool_field {
  std::string_view name;
  std::string_view type;  // "string", "integer", "boolean", or "array" (of strings)
  std::string_view description;
  std::string_view system_variable = {};
  bool required = false;
  std::vector<std::string_view> values = {};
};

/// A tool as the agent meets it.
struct tool_profile {
  std::string_view path;
  /// ElevenLabs' name for it (`^[a-zA-Z0-9_-]{1,64}$`), what the prompt calls it by.
  std::string_view name;
  std::string_view description;
  std::vector<tool_field> fields;
  /// It may wait on Cliniko: the agent says something while it runs.
  bool may_wait = false;
};

/// One profile per tool of the catalogue, in its order.
const std::vector<tool_profile>& tool_profiles();

/// The names `{{like_this}}` a text uses, in order, each once.
std::vector<std::string> dynamic_variables_in(std::string_view text);

struct agent_config_options {
  std::string clinic_name;
  /// Where ElevenLabs reaches frontdesk ("https://frontdesk.example.com"), no trailing slash.
  std::string base_url;
  /// The ElevenLabs secret that holds a frontdesk API key (its secret_id).
  std::string api_key_secret_id = "FRONTDESK_API_KEY_SECRET_ID";
  /// The post-call webhook's id once it is made in ElevenLabs.
  std::string post_call_webhook_id = "POST_CALL_WEBHOOK_ID";
  /// How long a tool call may take before frontdesk answers that it could not (TOOL_DEADLINE).
  int tool_deadline_seconds = 8;
  /// Every dynamic variable the initiation webhook supplies, with an example value each.
  std::vector<std::pair<std::string, json_value>> initiation_variables;
};

/// {"tools":[POST /v1/convai/tools bodies], "agent": POST /v1/convai/agents/create body,
///  "workspace_settings": PATCH /v1/convai/settings body, "post_call_webhook": {...},
///  "steps":[...]}.
json_value agent_config(const agent_config_options& options);

/// The receptionist's system prompt, and the agent's first words.
std::string_view receptionist_prompt();
std::string_view first_message();

}  // namespace frontdesk::tools
