#include "tools/agent_config.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "tools/catalogue.hpp"
#include "tools/initiation.hpp"

// The agent's configuration against the contract: every tool of docs/API.md with the fields it
// names and no others, the common fields bound to the system variables API.md gives them, and
// every dynamic variable the prompt uses supplied by the conversation-initiation webhook.
using namespace frontdesk;
using namespace frontdesk::tools;

namespace {

std::string api_md() {
  std::ifstream in(std::string(FRONTDESK_DOCS) + "/API.md");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The identifiers in backticks: field names (and action values) API.md names.
std::set<std::string> names_in(const std::string& text) {
  static const std::regex ticked{"`([A-Za-z_]+)`"};
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), ticked);
       it != std::sregex_iterator(); ++it)
    out.insert((*it)[1].str());
  return out;
}

// The required and optional columns of a tool's row in "Tool endpoints".
std::set<std::string> row_fields(const std::string& doc, std::string_view path) {
  const auto start = doc.find("| `" + std::string(path) + "` |");
  if (start == std::string::npos) return {};
  const auto line = doc.substr(start, doc.find('\n', start) - start);
  std::vector<std::string> cells;
  for (std::size_t at = 1, next; (next = line.find('|', at)) != std::string::npos; at = next + 1)
    cells.push_back(line.substr(at, next - at));
  return cells.size() >= 3 ? names_in(cells[1] + cells[2]) : std::set<std::string>{};
}

// The bullets under "`/appointment-handler` per action".
std::string handler_bullets(const std::string& doc) {
  const auto start = doc.find("`/appointment-handler` per action:");
  return doc.substr(start, doc.find("Branching rule", start) - start);
}

// {"dialedNumber": "system__called_number", ...} from "Common request fields".
std::map<std::string, std::string> common_fields(const std::string& doc) {
  static const std::regex bound{R"(\* `([A-Za-z]+)` — [^(]*\(`\{\{(system__[a-z_]+)\}\}`\))"};
  std::map<std::string, std::string> out;
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), bound); it != std::sregex_iterator();
       ++it)
    out[(*it)[1].str()] = (*it)[2].str();
  return out;
}

std::set<std::string> fields_of(const catalogue_entry& p) {
  std::set<std::string> out;
  for (const auto& f : p.fields) out.insert(std::string(f.name));
  return out;
}

std::set<std::string> values_of(const catalogue_entry& p) {
  std::set<std::string> out;
  for (const auto& f : p.fields)
    for (const auto v : f.values) out.insert(std::string(v));
  return out;
}

std::set<std::string> initiation_variables() {
  const auto answer = initiation_answer(nullptr, {false, {}}, domain::instant{});
  std::set<std::string> out;
  for (const auto& [name, value] : answer.find("dynamic_variables")->as<json_value::object>())
    out.insert(name);
  return out;
}

agent_config_options options() {
  agent_config_options o;
  o.clinic_name = "Harbour Health";
  o.base_url = "https://frontdesk.example.com";
  for (const auto& name : initiation_variables())
    o.initiation_variables.emplace_back(name, json_value{std::string()});
  return o;
}

}  // namespace

TEST(AgentConfig, EveryToolOfTheCatalogueHasAProfileWithAValidName) {
  const std::regex valid{"^[a-zA-Z0-9_-]{1,64}$"};
  for (std::size_t i = 0; i < catalogue().size(); ++i) {
    EXPECT_TRUE(std::regex_match(std::string(catalogue()[i].name), valid));
    EXPECT_FALSE(catalogue()[i].description.empty());
  }
}

TEST(AgentConfig, EachToolTakesTheFieldsApiMdNamesForItAndNoOthers) {
  const auto doc = api_md();
  ASSERT_FALSE(doc.empty());
  const auto common = common_fields(doc);
  ASSERT_EQ(common.size(), 3u);
  for (const auto& p : catalogue()) {
    auto documented = row_fields(doc, p.path);
    ASSERT_FALSE(documented.empty()) << p.path << " is not in API.md's table";
    if (p.path == "/appointment-handler") {
      const auto more = names_in(handler_bullets(doc));
      documented.insert(more.begin(), more.end());
      const auto cancel =
          row_fields(doc, "/cancel-appointment");  // "cancel: as /cancel-appointment"
      documented.insert(cancel.begin(), cancel.end());
    }
    for (const auto& v : values_of(p)) documented.erase(v);  // `book`, `cancel`: values, not fields
    const auto taken = fields_of(p);
    for (const auto& name : documented)
      EXPECT_TRUE(taken.count(name)) << p.path << " does not take " << name;
    for (const auto& name : taken)
      EXPECT_TRUE(documented.count(name) || common.count(name))
          << p.path << " takes " << name << ", which API.md does not name";
  }
}

TEST(AgentConfig, TheCommonFieldsAreBoundToTheSystemVariablesApiMdGives) {
  const auto common = common_fields(api_md());
  for (const auto& p : catalogue()) {
    for (const auto& f : p.fields) {
      const auto it = common.find(std::string(f.name));
      if (it == common.end()) {
        EXPECT_TRUE(f.system_variable.empty()) << p.path << " " << f.name;
        continue;
      }
      EXPECT_EQ(f.system_variable, it->second) << p.path << " " << f.name;
    }
    EXPECT_TRUE(fields_of(p).count("dialedNumber")) << p.path;
    EXPECT_TRUE(fields_of(p).count("sessionId")) << p.path;
  }
}

TEST(AgentConfig, EveryVariableThePromptAndGreetingUseIsSupplied) {
  const auto supplied = initiation_variables();
  const auto config = agent_config(options());
  const auto& agent = *config.find("agent")->find("conversation_config")->find("agent");
  std::set<std::string> placeholders;
  for (const auto& [name, value] : agent.find("dynamic_variables")
                                       ->find("dynamic_variable_placeholders")
                                       ->as<json_value::object>())
    placeholders.insert(name);
  EXPECT_EQ(placeholders, supplied);  // none the webhook lacks, none it supplies in vain
  std::string texts = *text_field(*agent.find("prompt"), "prompt");
  texts += *text_field(agent, "first_message");
  const auto used = dynamic_variables_in(texts);
  EXPECT_GE(used.size(), 5u);
  for (const auto& name : used)
    EXPECT_TRUE(supplied.count(name) || name.starts_with("system__")) << name;
  // The prompt follows the tools' conventions.
  for (const char* rule : {"`message`", "needsClarification",
                           "Never book a time that a tool did "
                           "not offer"})
    EXPECT_NE(texts.find(rule), std::string::npos) << rule;
}

TEST(AgentConfig, EachToolIsAWebhookToolElevenLabsAccepts) {
  const auto config = agent_config(options());
  const auto& tools = config.find("tools")->as<json_value::array>();
  ASSERT_EQ(tools.size(), catalogue().size());
  for (std::size_t i = 0; i < tools.size(); ++i) {
    const auto& tool = *tools[i].find("tool_config");
    EXPECT_EQ(text_field(tool, "type"), "webhook");
    const auto timeout = tool.find("response_timeout_secs")->as<std::int64_t>();
    EXPECT_GE(timeout, 5);
    EXPECT_LE(timeout, 120);
    EXPECT_GT(timeout, 8);  // beyond frontdesk's own deadline: the agent hears frontdesk's answer
    const auto& api = *tool.find("api_schema");
    EXPECT_EQ(text_field(api, "url"),
              "https://frontdesk.example.com" + std::string(catalogue()[i].path));
    EXPECT_EQ(text_field(api, "method"), "POST");
    EXPECT_TRUE(api.find("request_headers")->find("x-api-key")->find("secret_id"));
    // The conversation's id rides in a header on every call, for a router to hash on.
    const auto* conversation = api.find("request_headers")->find("X-Conversation-Id");
    ASSERT_NE(conversation, nullptr) << catalogue()[i].path;
    EXPECT_EQ(text_field(*conversation, "variable_name"), "system__conversation_id");
    const auto& body = *api.find("request_body_schema");
    for (const auto& [name, property] : body.find("properties")->as<json_value::object>()) {
      // Exactly one value source a property.
      EXPECT_NE(property.find("description") != nullptr,
                property.find("dynamic_variable") != nullptr)
          << name;
    }
    for (const auto& name : body.find("required")->as<json_value::array>())
      EXPECT_TRUE(body.find("properties")->find(name.as<std::string>())) << name.as<std::string>();
  }
  const auto& workspace = *config.find("workspace_settings");
  EXPECT_EQ(text_field(*workspace.find("conversation_initiation_client_data_webhook"), "url"),
            "https://frontdesk.example.com/conversation-initiation");
  EXPECT_EQ(text_field(*config.find("post_call_webhook"), "url"),
            "https://frontdesk.example.com/post-call-webhook");
  // Retries are off by default at ElevenLabs; an event frontdesk could not keep comes again.
  const auto* update = config.find("post_call_webhook")->find("update");
  ASSERT_NE(update, nullptr);
  EXPECT_TRUE(update->find("retry_enabled")->as<bool>());
}
