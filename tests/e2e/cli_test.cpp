#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>

#include "http/json.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/sim_server.hpp"
#include "support/test_database.hpp"

// The frontdesk binary as an operator runs it: subcommands, configuration errors, start-up
// checks, serving and a graceful stop on SIGTERM.
using namespace frontdesk::test_support;
using namespace std::chrono_literals;

namespace {

const std::string binary = FRONTDESK_BINARY;

int run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
        std::string* output = nullptr) {
  child_process child{binary, args, env};
  const int code = child.wait(60s);
  if (output) *output = child.output();
  return code;
}

}  // namespace

TEST(Cli, VersionAndHelp) {
  std::string out;
  EXPECT_EQ(run({"version"}, {}, &out), 0);
  EXPECT_NE(out.find("frontdesk 0."), std::string::npos) << out;
  EXPECT_EQ(run({"serve", "--help"}, {}, &out), 0);
  EXPECT_NE(out.find("DATABASE_URL"), std::string::npos) << out;
  EXPECT_NE(out.find("--port"), std::string::npos) << out;
  EXPECT_EQ(run({"bogus"}, {}, &out), 2);
  EXPECT_NE(out.find("unknown command"), std::string::npos) << out;
}

TEST(Cli, BadSettingsStopStartUpWithOneLineNamingThem) {
  std::string out;
  EXPECT_EQ(
      run({"serve"}, {{"PORT", "eighty"}, {"DATABASE_URL", "postgresql://x@127.0.0.1:1/x"}}, &out),
      2);
  EXPECT_NE(out.find("PORT"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;

  EXPECT_EQ(
      run({"serve", "--environment", "production"},
          {{"FRONTDESK_API_KEYS", ""}, {"DATABASE_URL", "postgresql://x@127.0.0.1:1/x"}}, &out),
      2);
  EXPECT_NE(out.find("FRONTDESK_API_KEYS"), std::string::npos) << out;

  EXPECT_EQ(run({"migrate"}, {{"DATABASE_URL", ""}}, &out), 2);
  EXPECT_NE(out.find("DATABASE_URL"), std::string::npos) << out;
}

TEST(Cli, EachCommandRequiresOnlyTheSettingsItUses) {
  test_database db;
  std::string out;
  // Production's API keys, master key and Cliniko User-Agent are serve's and clinic's business.
  EXPECT_EQ(run({"migrate"}, {{"DATABASE_URL", db.url()}, {"ENVIRONMENT", "production"}}, &out), 0)
      << out;
  EXPECT_EQ(
      run({"clinic", "list"}, {{"DATABASE_URL", db.url()}, {"ENVIRONMENT", "production"}}, &out),
      2);
  EXPECT_NE(out.find("FRONTDESK_MASTER_KEY"), std::string::npos) << out;
}

TEST(Cli, CommandsFindTheServerScriptsRunStartedWithNothingExported) {
  test_database db;
  std::string out;
  ASSERT_EQ(run({"migrate"}, {{"DATABASE_URL", db.url()}}, &out), 0) << out;
  const auto dir =
      std::filesystem::temp_directory_path() / ("frontdesk-cli-var-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "var");
  std::ofstream(dir / "var/dev.env")
      << "FRONTDESK_MASTER_KEY=" << std::string(64, 'a') << "\nFRONTDESK_API_KEYS=dev-k\n";
  std::ofstream(dir / "var/run.env") << "PORT=1\nDATABASE_URL=" << db.url() << "\n";
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const int listed = run({"sessions", "list"}, {}, &out);
  const int calls = run({"calls", "list"}, {}, &out);
  std::filesystem::current_path(before);
  std::filesystem::remove_all(dir);
  EXPECT_EQ(listed, 0) << out;
  EXPECT_EQ(calls, 0) << out;
  EXPECT_NE(out.find("No calls."), std::string::npos) << out;
}

TEST(Cli, ServeRefusesASchemaThatIsBehind) {
  test_database db;
  std::string out;
  EXPECT_EQ(run({"serve", "--port", "0"}, {{"DATABASE_URL", db.url()}}, &out), 1);
  EXPECT_NE(out.find("frontdesk migrate"), std::string::npos) << out;
}

TEST(Cli, MigratesServesAndStopsGracefullyOnSigterm) {
  test_database db;
  std::string out;
  ASSERT_EQ(run({"migrate"}, {{"DATABASE_URL", db.url()}}, &out), 0) << out;
  EXPECT_NE(out.find("applied migration 0001"), std::string::npos) << out;
  ASSERT_EQ(run({"migrate"}, {{"DATABASE_URL", db.url()}}, &out), 0) << out;  // again: no-op
  EXPECT_EQ(out.find("applied migration"), std::string::npos) << out;

  child_process server{binary,
                       {"serve", "--port", "0"},
                       {{"DATABASE_URL", db.url()}, {"FRONTDESK_API_KEYS", "cli-test-key-0001"}}};
  ASSERT_TRUE(server.wait_for_output("serving on http://", 30s)) << server.output();
  ASSERT_TRUE(server.wait_for_output("(development)", 5s)) << server.output();
  std::smatch m;
  const std::string text = server.output();
  ASSERT_TRUE(std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"}));
  const auto port = static_cast<std::uint16_t>(std::stoi(m[1]));

  http_client client{port};
  EXPECT_EQ(client.request("GET", "/health").status, 200);
  EXPECT_EQ(client.request("POST", "/nowhere", "{}", {{"x-api-key", "cli-test-key-0001"}}).status,
            404);

  server.signal(SIGTERM);
  // Draining: /health says so (the router moves new work away) while requests are still served.
  ASSERT_TRUE(server.wait_for_output("/health says draining", 5s)) << server.output();
  const auto draining = client.request("GET", "/health");
  EXPECT_EQ(draining.status, 503);
  EXPECT_NE(draining.body.find("draining"), std::string::npos) << draining.body;
  EXPECT_EQ(client.request("POST", "/nowhere", "{}", {{"x-api-key", "cli-test-key-0001"}}).status,
            404);
  EXPECT_EQ(server.wait(15s), 0) << server.output();
  EXPECT_NE(server.output().find("GET /health 200"), std::string::npos) << server.output();
  EXPECT_NE(server.output().find("stopped"), std::string::npos) << server.output();
}

TEST(Cli, ClinicOnboardingChecksTheKeySealsItAndSyncs) {
  test_database db;
  frontdesk::test_support::sim_server sim{
      frontdesk::sim::demo_scenario(frontdesk::test_support::now())};
  const std::map<std::string, std::string> env{
      {"DATABASE_URL", db.url()},
      {"CLINIKO_BASE_URL", sim.base_url()},
      {"FRONTDESK_MASTER_KEY", "4f1c0a9e2b7d3c5e8a6f0b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4"}};
  std::string out;
  ASSERT_EQ(run({"migrate"}, env, &out), 0) << out;

  EXPECT_EQ(run({"clinic", "add", "--name", "Harbour Health", "--cliniko-key", "wrong-key",
                 "--dialed-number", "02 9876 5432"},
                env, &out),
            1);
  EXPECT_NE(out.find("did not accept this API key"), std::string::npos) << out;
  EXPECT_EQ(run({"clinic", "add", "--name", "Harbour Health", "--cliniko-key", "demo-cliniko-key",
                 "--dialed-number", "not a number"},
                env, &out),
            2);
  EXPECT_NE(out.find("--dialed-number"), std::string::npos) << out;

  ASSERT_EQ(run({"clinic", "add", "--name", "Harbour Health", "--cliniko-key", "demo-cliniko-key",
                 "--dialed-number", "02 9876 5432", "--dialed-number", "+61 3 9123 4567",
                 "--agent-id", "agent_harbour"},
                env, &out),
            0)
      << out;
  EXPECT_NE(out.find("3 location(s)"), std::string::npos) << out;
  // A number belongs to one clinic only.
  EXPECT_EQ(run({"clinic", "add", "--name", "Other Clinic", "--cliniko-key", "demo-cliniko-key",
                 "--dialed-number", "(02) 9876-5432"},
                env, &out),
            1);
  EXPECT_NE(out.find("+61298765432 belongs to Harbour Health"), std::string::npos) << out;

  ASSERT_EQ(run({"clinic", "list"}, env, &out), 0);
  EXPECT_NE(out.find("+61298765432, +61391234567"), std::string::npos) << out;
  EXPECT_NE(out.find("agent_harbour"), std::string::npos) << out;
  EXPECT_EQ(out.find("demo-cliniko-key"), std::string::npos) << out;
  EXPECT_EQ(query_value(db.url(),
                        "SELECT position('demo-cliniko-key' in encode(cliniko_key_sealed, "
                        "'escape')) FROM clinics"),
            "0");

  ASSERT_EQ(run({"clinic", "sync", "harbour health"}, env, &out), 0) << out;
  EXPECT_NE(out.find("3 locations, 8 practitioners, 6 services"), std::string::npos) << out;
  EXPECT_NE(out.find("9 phone numbers indexed"), std::string::npos) << out;

  ASSERT_EQ(run({"clinic", "update", "Harbour Health", "--remove-number", "+61391234567",
                 "--agent-id", "agent_2"},
                env, &out),
            0)
      << out;
  ASSERT_EQ(run({"clinic", "deactivate", "Harbour Health"}, env, &out), 0);
  ASSERT_EQ(run({"clinic", "list"}, env, &out), 0);
  EXPECT_NE(out.find("Harbour Health (id 1) [inactive]"), std::string::npos) << out;
  EXPECT_EQ(out.find("+61391234567"), std::string::npos) << out;
  EXPECT_NE(out.find("agent_2, agent_harbour"), std::string::npos) << out;
  EXPECT_NE(out.find("last sync: 20"), std::string::npos) << out;
}

namespace {

// Serves `env` on a free port until the test ends; the port.
std::uint16_t serve_with(std::unique_ptr<child_process>& server,
                         const std::map<std::string, std::string>& env) {
  server = std::make_unique<child_process>(binary, std::vector<std::string>{"serve", "--port", "0"},
                                           env);
  EXPECT_TRUE(server->wait_for_output("serving on http://", 30s)) << server->output();
  std::smatch m;
  const std::string text = server->output();
  if (!std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"})) return 0;
  return static_cast<std::uint16_t>(std::stoi(m[1]));
}

const std::string missed_call =
    R"({"type":"call_initiation_failure","event_timestamp":1,"data":{"agent_id":"a",)"
    R"("conversation_id":"conv_cli","failure_reason":"busy","metadata":{}}})";

}  // namespace

TEST(Cli, WithoutAWebhookSecretProductionRefusesEveryEventAndSaysWhy) {
  test_database db;
  std::string out;
  ASSERT_EQ(run({"migrate"}, {{"DATABASE_URL", db.url()}}, &out), 0) << out;
  std::map<std::string, std::string> env{
      {"DATABASE_URL", db.url()},
      {"ENVIRONMENT", "production"},
      {"FRONTDESK_API_KEYS", "cli-production-key-0001"},
      {"FRONTDESK_MASTER_KEY", std::string(64, '5')},
      {"CLINIKO_USER_AGENT", "Harbour Health (it@harbourhealth.com.au)"},
      {"WEBHOOK_SPOOL_DIR", "/tmp/frontdesk-cli-spool-" + std::to_string(::getpid())}};
  // Unsigned events are for development only: production will not start so.
  env["WEBHOOK_ALLOW_UNSIGNED"] = "true";
  EXPECT_EQ(run({"serve", "--port", "0"}, env, &out), 2);
  EXPECT_NE(out.find("WEBHOOK_ALLOW_UNSIGNED"), std::string::npos) << out;
  env.erase("WEBHOOK_ALLOW_UNSIGNED");

  std::unique_ptr<child_process> server;
  const auto port = serve_with(server, env);
  http_client client{port};
  const auto refused = client.request("POST", "/post-call-webhook", missed_call,
                                      {{"ElevenLabs-Signature", "t=1,v0=" + std::string(64, 'a')}});
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("ELEVENLABS_WEBHOOK_SECRET"), std::string::npos) << refused.body;
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM call_events"), "0");
  server->signal(SIGTERM);
  server->wait(15s);

  // Development takes unsigned events only when told to.
  env["ENVIRONMENT"] = "development";
  env["WEBHOOK_ALLOW_UNSIGNED"] = "true";
  const auto dev_port = serve_with(server, env);
  http_client dev{dev_port};
  EXPECT_EQ(dev.request("POST", "/post-call-webhook", missed_call).status, 200);
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM call_events"), "1");
  server->signal(SIGTERM);
  server->wait(15s);
  std::filesystem::remove_all(env["WEBHOOK_SPOOL_DIR"]);
}

TEST(Cli, AgentConfigWritesTheClinicsAgentForElevenLabs) {
  test_database db;
  frontdesk::test_support::sim_server sim{
      frontdesk::sim::demo_scenario(frontdesk::test_support::now())};
  const std::map<std::string, std::string> env{{"DATABASE_URL", db.url()},
                                               {"CLINIKO_BASE_URL", sim.base_url()},
                                               {"FRONTDESK_MASTER_KEY", std::string(64, '3')}};
  std::string out;
  ASSERT_EQ(run({"migrate"}, env, &out), 0) << out;
  ASSERT_EQ(run({"clinic", "add", "--name", "Harbour Health", "--cliniko-key", "demo-cliniko-key",
                 "--dialed-number", "02 9876 5432"},
                env, &out),
            0)
      << out;
  EXPECT_EQ(run({"agent-config"}, env, &out), 2);
  EXPECT_NE(out.find("--clinic"), std::string::npos) << out;
  EXPECT_EQ(run({"agent-config", "--clinic", "Nowhere Clinic"}, env, &out), 1);
  EXPECT_NE(out.find("no clinic is called"), std::string::npos) << out;

  const auto file = std::filesystem::temp_directory_path() /
                    ("frontdesk-agent-" + std::to_string(::getpid()) + ".json");
  ASSERT_EQ(run({"agent-config", "--clinic", "harbour health", "--public-url",
                 "https://frontdesk.example.com/", "--api-key-secret-id", "sec_123", "--out",
                 file.string()},
                env, &out),
            0)
      << out;
  std::ifstream in(file);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::filesystem::remove(file);
  const auto config = frontdesk::http::parse_json(text);
  ASSERT_TRUE(config) << text;
  EXPECT_EQ(frontdesk::text_field(*config, "clinic"), "Harbour Health");
  const auto& tools = config->find("tools")->as<frontdesk::json_value::array>();
  EXPECT_EQ(tools.size(), 10u);
  const auto& api = *tools.front().find("tool_config")->find("api_schema");
  EXPECT_EQ(frontdesk::text_field(api, "url"), "https://frontdesk.example.com/location-resolver");
  EXPECT_EQ(frontdesk::text_field(*api.find("request_headers")->find("x-api-key"), "secret_id"),
            "sec_123");
  EXPECT_EQ(text.find("demo-cliniko-key"), std::string::npos);  // no secret of ours in it
}
