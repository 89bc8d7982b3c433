#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/json_value.hpp"
#include "tools/catalogue.hpp"

// The ElevenLabs agent a clinic needs, as ElevenLabs' API takes it: each tool of the catalogue as
// a webhook tool (its profile is the catalogue's row), the agent with its prompt, and the
// workspace's two webhooks.
namespace frontdesk::tools {

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
