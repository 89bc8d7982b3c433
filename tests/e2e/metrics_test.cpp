#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>

#include "http/json.hpp"
#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/sim_server.hpp"
#include "support/test_database.hpp"

// /metrics as Prometheus reads it: `frontdesk serve` as an operator runs it, a few calls and a
// post-call event, then the exposition read by Prometheus' own parser (its Python client's),
// never by matching strings.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;

namespace {

const std::string binary = FRONTDESK_BINARY;
const std::string parser = std::string(FRONTDESK_TEST_SUPPORT) + "/parse_metrics.py";
const std::string api_key = "metrics-test-key-0001";
const std::string session = "conv_metrics_0001";
const std::string caller = "+61412555019";

int run(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  child_process child{binary, args, env};
  const int code = child.wait(60s);
  EXPECT_EQ(code, 0) << child.output();
  return code;
}

std::uint16_t port_of(child_process& server) {
  EXPECT_TRUE(server.wait_for_output("serving on http://", 30s)) << server.output();
  std::smatch m;
  const std::string text = server.output();
  if (!std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"})) return 0;
  return static_cast<std::uint16_t>(std::stoi(m[1]));
}

// The exposition as Prometheus' parser reads it: its families, or nothing when it refuses it.
std::optional<json_value> parsed(const std::string& exposition) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("frontdesk-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << exposition;
  child_process python{"/usr/bin/python3", {parser, file.string()}, {}};
  const int code = python.wait(30s);
  std::filesystem::remove(file);
  EXPECT_EQ(code, 0) << python.output();
  if (code != 0) return std::nullopt;
  return http::parse_json(python.output());
}

struct sample {
  std::string family;
  std::string type;
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

std::vector<sample> samples_of(const json_value& doc) {
  std::vector<sample> out;
  for (const auto& family : doc.find("families")->as<json_value::array>()) {
    for (const auto& s : family.find("samples")->as<json_value::array>()) {
      sample one;
      one.family = *text_field(family, "name");
      one.type = *text_field(family, "type");
      one.name = *text_field(s, "name");
      for (const auto& [key, value] : s.find("labels")->as<json_value::object>())
        one.labels[key] = value.as<std::string>();
      one.value = s.find("value")->as<double>();
      out.push_back(std::move(one));
    }
  }
  return out;
}

// The samples named `name` whose labels include all of `labels`.
std::vector<sample> find(const std::vector<sample>& all, const std::string& name,
                         const std::map<std::string, std::string>& labels = {}) {
  std::vector<sample> out;
  for (const auto& s : all) {
    if (s.name != name) continue;
    bool all_match = true;
    for (const auto& [key, value] : labels) {
      const auto it = s.labels.find(key);
      all_match = all_match && it != s.labels.end() && it->second == value;
    }
    if (all_match) out.push_back(s);
  }
  return out;
}

double total(const std::vector<sample>& samples) {
  double sum = 0;
  for (const auto& s : samples) sum += s.value;
  return sum;
}

const std::string missed_call =
    R"({"type":"call_initiation_failure","event_timestamp":1,"data":{"agent_id":"agent_m",)"
    R"("conversation_id":"conv_metrics_missed","failure_reason":"busy","metadata":{}}})";

class Metrics : public ::testing::Test {
 protected:
  void SetUp() override {
    env = {{"DATABASE_URL", db.url()},         {"CLINIKO_BASE_URL", sim.base_url()},
           {"FRONTDESK_API_KEYS", api_key},    {"FRONTDESK_MASTER_KEY", std::string(64, '6')},
           {"WEBHOOK_ALLOW_UNSIGNED", "true"}, {"WEBHOOK_SPOOL_DIR", spool.string()}};
    run({"migrate"}, env);
    run({"clinic", "add", "--name", "Harbour Health", "--cliniko-key", "demo-cliniko-key",
         "--dialed-number", "02 9876 5432", "--agent-id", "agent_m"},
        env);
    run({"clinic", "sync", "Harbour Health"}, env);
    server = std::make_unique<child_process>(binary,
                                             std::vector<std::string>{"serve", "--port", "0"}, env);
    port = port_of(*server);
  }

  void TearDown() override {
    if (server) {
      server->signal(SIGTERM);
      server->wait(15s);
    }
    std::filesystem::remove_all(spool);
  }

  http_reply tool(http_client& client, const std::string& path, const std::string& fields) {
    return client.request("POST", path,
                          "{" + fields + R"(,"dialedNumber":"02 9876 5432","sessionId":")" +
                              session + R"(","callerPhone":")" + caller + "\"}",
                          {{"x-api-key", api_key}, {"content-type", "application/json"}});
  }

  test_database db;
  sim_server sim{sim::demo_scenario(now())};
  std::filesystem::path spool = std::filesystem::temp_directory_path() /
                                ("frontdesk-metrics-spool-" + std::to_string(::getpid()));
  std::map<std::string, std::string> env;
  std::unique_ptr<child_process> server;
  std::uint16_t port = 0;
};

}  // namespace

TEST_F(Metrics, PrometheusReadsEveryFigureNamedByItsRulesAndNoCaller) {
  http_client client{port};
  EXPECT_EQ(client.request("GET", "/metrics").status, 401);  // authenticated like the tools

  const int calls = 3;
  for (int i = 0; i < calls; ++i) {
    const auto found = tool(client, "/find-next-available",
                            R"("appointmentType":"remedial massage","location":"bondi")");
    EXPECT_EQ(found.status, 200u);
    EXPECT_NE(found.body.find(R"("slot")"), std::string::npos) << found.body;
  }
  EXPECT_EQ(tool(client, "/location-resolver", R"("locationQuery":"bondi")").status, 200u);
  EXPECT_EQ(client
                .request("POST", "/post-call-webhook", missed_call,
                         {{"content-type", "application/json"}})
                .status,
            200u);

  const auto reply = client.request("GET", "/metrics", "", {{"x-api-key", api_key}});
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.headers.at("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  const auto doc = parsed(reply.body);
  ASSERT_TRUE(doc);
  const auto all = samples_of(*doc);
  ASSERT_FALSE(all.empty());

  // Prometheus' naming rules: our prefix, counters in _total, base units, and never a caller.
  std::set<std::string> families;
  for (const auto& s : all) {
    families.insert(s.family);
    EXPECT_TRUE(s.name.starts_with("frontdesk_")) << s.name;
    if (s.type == "counter") {
      EXPECT_TRUE(s.name.ends_with("_total")) << s.name;
    }
    EXPECT_EQ(s.name.find("_ms"), std::string::npos) << s.name;
    for (const auto& [key, value] : s.labels) {
      EXPECT_EQ(value.find(session), std::string::npos) << s.name;
      EXPECT_EQ(value.find("412555019"), std::string::npos) << s.name;
    }
  }

  // Requests by endpoint and status, with their latency: this scrape is not counted yet.
  EXPECT_EQ(total(find(all, "frontdesk_http_requests_total",
                       {{"endpoint", "/find-next-available"}, {"status", "200"}})),
            calls);
  EXPECT_EQ(total(find(all, "frontdesk_http_requests_total",
                       {{"endpoint", "/metrics"}, {"status", "401"}})),
            1);
  EXPECT_EQ(total(find(all, "frontdesk_http_request_duration_seconds_count",
                       {{"endpoint", "/find-next-available"}})),
            calls);
  const auto slowest = find(all, "frontdesk_http_request_duration_seconds_bucket",
                            {{"endpoint", "/find-next-available"}, {"le", "+Inf"}});
  ASSERT_EQ(slowest.size(), 1u);
  EXPECT_EQ(slowest.front().value, calls);

  // Cliniko by route and outcome, per clinic, with latency; the rate limiter's budget.
  const std::map<std::string, std::string> harbour{{"clinic", "Harbour Health"}};
  EXPECT_GT(total(find(all, "frontdesk_cliniko_requests_total", harbour)), 0);
  for (const auto& s : find(all, "frontdesk_cliniko_requests_total")) {
    EXPECT_EQ(s.labels.at("route").find_first_of("0123456789?"), std::string::npos)
        << s.labels.at("route");
    EXPECT_TRUE(s.labels.count("outcome"));
  }
  EXPECT_GT(total(find(all, "frontdesk_cliniko_request_duration_seconds_count", harbour)), 0);
  const auto budget = find(all, "frontdesk_rate_limiter_budget", harbour);
  ASSERT_EQ(budget.size(), 1u);
  EXPECT_GT(budget.front().value, 0);
  EXPECT_LE(budget.front().value, 200);
  EXPECT_EQ(find(all, "frontdesk_rate_limiter_waits_total", harbour).size(), 1u);
  EXPECT_EQ(find(all, "frontdesk_rate_limiter_refused_total", harbour).size(), 1u);

  // Caches, the share of answers that waited, sessions, the database, the webhook, recordings.
  EXPECT_GT(total(find(all, "frontdesk_cache_hits_total", {{"cache", "directory"}})) +
                total(find(all, "frontdesk_cache_misses_total", {{"cache", "directory"}})),
            0);
  EXPECT_EQ(find(all, "frontdesk_cache_hits_total", {{"cache", "free_times"}}).size(), 1u);
  const auto waited = find(all, "frontdesk_availability_waited_on_cliniko_ratio");
  ASSERT_EQ(waited.size(), 1u);
  EXPECT_GE(waited.front().value, 0);
  EXPECT_LE(waited.front().value, 1);
  EXPECT_EQ(total(find(all, "frontdesk_availability_answers_total")), calls);
  EXPECT_EQ(total(find(all, "frontdesk_sessions_live")), 1);
  EXPECT_EQ(find(all, "frontdesk_sessions_replays_diverged_total").size(), 1u);
  EXPECT_GT(total(find(all, "frontdesk_database_queries_total")), 0);
  EXPECT_EQ(total(find(all, "frontdesk_database_rejected_total")), 0);
  EXPECT_EQ(total(find(all, "frontdesk_webhook_events_total",
                       {{"type", "call_initiation_failure"}, {"outcome", "stored"}})),
            1);
  EXPECT_EQ(total(find(all, "frontdesk_webhook_spool_bytes")), 0);
  EXPECT_GT(total(find(all, "frontdesk_recorder_entries_total")), 0);
  EXPECT_GT(total(find(all, "frontdesk_process_resident_memory_bytes")), 1e6);

  // Each family once, each with a HELP and a type.
  EXPECT_EQ(families.size(), doc->find("families")->as<json_value::array>().size());
  for (const auto& family : doc->find("families")->as<json_value::array>())
    EXPECT_FALSE(text_field(family, "help").value_or("").empty()) << *text_field(family, "name");
}

TEST(MetricsParser, RefusesWhatIsNotAnExposition) {
  // The parser is strict enough to catch a broken exposition (the test above relies on it).
  const auto file = std::filesystem::temp_directory_path() /
                    ("frontdesk-bad-metrics-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file) << "# TYPE frontdesk_x counter\nfrontdesk_x{a=\"1\" 3\n";
  child_process python{"/usr/bin/python3", {parser, file.string()}, {}};
  EXPECT_EQ(python.wait(30s), 1) << python.output();
  std::filesystem::remove(file);
}
