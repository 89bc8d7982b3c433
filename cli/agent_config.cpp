// frontdesk agent-config: the ElevenLabs agent a clinic needs, ready for ElevenLabs' API.
#include "tools/agent_config.hpp"

#include <cstdio>
#include <fstream>
#include <pqxx/pqxx>

#include "cli/commands.hpp"
#include "domain/time_zone.hpp"
#include "http/json.hpp"
#include "storage/clinics.hpp"
#include "tools/initiation.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* usage =
    "usage: frontdesk agent-config --clinic NAME [--public-url URL] [--api-key-secret-id ID]\n"
    "                              [--post-call-webhook-id ID] [--out FILE]\n"
    "\n"
    "Writes, as JSON for ElevenLabs' API, what a clinic's voice agent needs: every tool as a\n"
    "webhook tool (POST /v1/convai/tools), the agent with its receptionist prompt\n"
    "(POST /v1/convai/agents/create), the conversation-initiation and post-call webhooks\n"
    "(PATCH /v1/convai/settings), and the steps to apply them in order.\n"
    "\n"
    "  --public-url URL            where ElevenLabs reaches this server (HTTPS in production);\n"
    "                              default PUBLIC_URL, else http://127.0.0.1:PORT\n"
    "  --api-key-secret-id ID      the ElevenLabs secret holding one of FRONTDESK_API_KEYS\n"
    "  --post-call-webhook-id ID   the post-call webhook's id in ElevenLabs\n"
    "  --out FILE                  write there instead of to standard output\n";

struct agent_args {
  std::string clinic;
  std::string public_url;
  std::string secret_id;
  std::string webhook_id;
  std::string out;
};

agent_args parse(const std::vector<std::string>& rest) {
  agent_args a;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    const auto& flag = rest[i];
    if (i + 1 >= rest.size()) usage_error(flag + " needs a value");
    auto& value = flag == "--clinic"                 ? a.clinic
                  : flag == "--public-url"           ? a.public_url
                  : flag == "--api-key-secret-id"    ? a.secret_id
                  : flag == "--post-call-webhook-id" ? a.webhook_id
                  : flag == "--out"                  ? a.out
                                    : (usage_error("unknown option " + flag), a.out);
    value = rest[++i];
  }
  if (a.clinic.empty()) usage_error("which clinic? --clinic NAME");
  while (a.public_url.ends_with('/')) a.public_url.pop_back();
  return a;
}

// Every variable the initiation webhook answers, with what an unknown caller to this clinic gets:
// the agent's placeholders are then exactly the variables frontdesk supplies.
std::vector<std::pair<std::string, json_value>> initiation_variables(const std::string& clinic) {
  const auto answer = tools::initiation_answer(nullptr, {false, {}}, domain::instant{});
  std::vector<std::pair<std::string, json_value>> out;
  if (const auto* vars = answer.find("dynamic_variables"); vars && vars->is_object())
    out = vars->as<json_value::object>();
  for (auto& [name, value] : out)
    if (name == "clinic_name") value = json_value{clinic};
  return out;
}

int write(const agent_args& a, const config::settings& s, const clinic_record& clinic) {
  tools::agent_config_options o;
  o.clinic_name = clinic.name;
  o.base_url = !a.public_url.empty() ? a.public_url
               : !s.public_url.empty()
                   ? s.public_url
                   : "http://127.0.0.1:" + std::to_string(static_cast<unsigned>(s.port));
  if (o.base_url.starts_with("http://"))
    std::fprintf(stderr,
                 "frontdesk agent-config: %s is not HTTPS: ElevenLabs needs a public HTTPS URL "
                 "(--public-url) to reach this server\n",
                 o.base_url.c_str());
  if (!a.secret_id.empty()) o.api_key_secret_id = a.secret_id;
  if (!a.webhook_id.empty()) o.post_call_webhook_id = a.webhook_id;
  o.tool_deadline_seconds =
      static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(s.tool_deadline).count());
  o.initiation_variables = initiation_variables(clinic.name);
  const auto text = http::to_indented_json(tools::agent_config(o));
  if (a.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream file(a.out);
  file << text;
  if (!file) {
    std::fprintf(stderr, "frontdesk agent-config: cannot write %s\n", a.out.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %s: %zu tools for %s\n", a.out.c_str(), tools::catalogue().size(),
               clinic.name.c_str());
  return 0;
}

}  // namespace

int agent_config(const std::vector<std::string>& args) {
  return run_database_command(
      "agent-config", usage, config::uses::database, args, parse,
      [](const config::settings& s, const agent_args& a, pqxx::connection& conn) {
        pqxx::read_transaction tx{conn};
        const auto clinic = storage::find_clinic(tx, a.clinic);
        if (!clinic) {
          std::fprintf(stderr,
                       "frontdesk agent-config: no clinic is called '%s' (frontdesk clinic list)\n",
                       a.clinic.c_str());
          return 1;
        }
        return write(a, s, *clinic);
      });
}

}  // namespace frontdesk::cli
