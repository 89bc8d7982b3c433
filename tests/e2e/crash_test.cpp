#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "domain/time_zone.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "support/child_process.hpp"
#include "support/demo_ids.hpp"
#include "support/http_client.hpp"
#include "support/sim_server.hpp"
#include "support/tcp_proxy.hpp"
#include "support/test_database.hpp"

// `frontdesk serve` killed with SIGKILL between a booking's intent and its completion, then
// started again: the booking is neither lost nor made twice.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;
using namespace frontdesk::test_support::demo;

namespace {

const std::string binary = FRONTDESK_BINARY;

class Crash : public ::testing::Test {
 protected:
  void SetUp() override {
    onboard_demo_clinic(db.url());
    child_process sync{binary, {"clinic", "sync", "Harbour Health"}, env()};
    ASSERT_EQ(sync.wait(60s), 0) << sync.output();
    const auto today = domain::local_date(now(), "Australia/Sydney");
    const auto week = domain::calendar_date{date::sys_days{today} + date::days{6}};
    const auto free = times(domain::format_date(today), domain::format_date(week));
    ASSERT_FALSE(free.empty());
    start = free.back();  // far from now: still ahead after the restarts
  }

  std::map<std::string, std::string> env() {
    return {{"DATABASE_URL", db.url()},
            {"CLINIKO_BASE_URL", sim.base_url()},
            {"FRONTDESK_API_KEYS", "crash-test-key-0001"},
            {"FRONTDESK_MASTER_KEY", demo_master_key_hex()},
            {"TOOL_DEADLINE_MS", "3000"},
            {"SYNC_INTERVAL_SECONDS", "0"}};
  }

  std::unique_ptr<child_process> serve(std::uint16_t* port) {
    auto server = std::make_unique<child_process>(
        binary, std::vector<std::string>{"serve", "--port", "0"}, env());
    EXPECT_TRUE(server->wait_for_output("serving on http://", 30s)) << server->output();
    std::smatch m;
    const std::string text = server->output();
    EXPECT_TRUE(std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"}));
    *port = m.empty() ? 0 : static_cast<std::uint16_t>(std::stoi(m[1]));
    return server;
  }

  // Asks for the booking from a thread of its own: the answer never comes (the server dies).
  std::thread book(std::uint16_t port) {
    const auto local = domain::format_local(*domain::parse_instant(start), "Australia/Sydney");
    const auto body = R"({"action":"book","practitioner":"Sean","appointmentType":"follow-up",)"
                      R"("business_id":")" +
                      city + R"(","date":")" + local.substr(0, 10) + R"(","time":")" +
                      local.substr(11, 5) +
                      R"(","patientName":"Emma Thompson","callerPhone":"0412 345 678",)"
                      R"("sessionId":"crash","dialedNumber":"0298765432"})";
    return std::thread{[port, body] {
      try {
        http_client client{port};
        client.request("POST", "/appointment-handler", body,
                       {{"x-api-key", "crash-test-key-0001"}});
      } catch (const std::exception&) {
        // The server was killed mid-call: expected.
      }
    }};
  }

  std::vector<std::string> times(const std::string& from, const std::string& to) {
    const auto doc = sim_get("/businesses/" + city + "/practitioners/" + sean +
                                 "/appointment_types/" + follow_up + "/available_times",
                             "from=" + from + "&to=" + to + "&per_page=100");
    std::vector<std::string> out;
    if (const auto* list = doc.find("available_times"))
      for (const auto& t : list->as<json_value::array>())
        out.push_back(*text_field(t, "appointment_start"));
    return out;
  }

  // Live appointments of Sean at the start, as Cliniko holds them: their ids.
  std::vector<std::string> made() {
    const auto doc = sim_get(
        "/individual_appointments",
        "q[]=practitioner_id:=" + sean + "&q[]=starts_at:>=" + start + "&q[]=starts_at:<=" + start);
    std::vector<std::string> ids;
    if (const auto* list = doc.find("individual_appointments"))
      for (const auto& a : list->as<json_value::array>())
        if (const auto* c = a.find("cancelled_at"); !c || c->is_null())
          ids.push_back(*text_field(a, "id"));
    return ids;
  }

  json_value sim_get(const std::string& path, const std::string& query) {
    return http::parse_json(sim.ask("GET", path, query).body).value_or(json_value{});
  }

  std::string intent_state() {
    return query_value(db.url(), "SELECT state FROM booking_intents ORDER BY id DESC LIMIT 1");
  }

  // Polls until `ready` holds or `limit` passes.
  template <class F>
  static bool eventually(F ready, std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (ready()) return true;
      std::this_thread::sleep_for(100ms);
    }
    return ready();
  }

  test_database db;
  sim_server sim{sim::demo_scenario(now())};
  std::string start;
};

}  // namespace

TEST_F(Crash, KilledAfterClinikoMadeTheBookingItIsRecordedOnRestart) {
  std::uint16_t port = 0;
  auto first = serve(&port);
  auto options = sim::sim_options{};
  options.write_latency = 60s;  // Cliniko makes it at once; the answer never arrives in time
  sim.simulator().set_options(options);
  auto caller = book(port);
  ASSERT_TRUE(eventually([&] { return made().size() == 1; }, 20s));
  EXPECT_EQ(intent_state(), "pending");
  first->signal(SIGKILL);
  first->wait(10s);
  caller.join();
  sim.simulator().set_options({});

  auto second = serve(&port);
  ASSERT_TRUE(eventually([&] { return intent_state() == "done"; }, 30s)) << second->output();
  const auto ids = made();
  ASSERT_EQ(ids.size(), 1u);  // not lost, not made twice
  EXPECT_EQ(query_value(db.url(), "SELECT appointment_id FROM booking_intents ORDER BY id DESC"),
            ids.front());
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM appointments WHERE id = '" + ids.front() +
                                      "' AND cancelled_at IS NULL"),
            "1");
}

TEST_F(Crash, KilledBeforeClinikoWasAskedTheIntentFailsOnRestart) {
  std::uint16_t port = 0;
  auto first = serve(&port);
  auto options = sim::sim_options{};
  options.latency = 60s;  // the fresh look at the time hangs: the booking is never sent
  sim.simulator().set_options(options);
  auto caller = book(port);
  ASSERT_TRUE(eventually([&] { return intent_state() == "pending"; }, 20s));
  first->signal(SIGKILL);
  first->wait(10s);
  caller.join();
  sim.simulator().set_options({});
  EXPECT_TRUE(made().empty());

  auto second = serve(&port);
  ASSERT_TRUE(eventually([&] { return intent_state() == "failed"; }, 30s)) << second->output();
  EXPECT_TRUE(made().empty());
  // The time is free again: the claim no longer holds it.
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM booking_intents WHERE state IN "
                        "('pending', 'done')"),
            "0");
}

namespace {

std::string signed_event(const std::string& body, std::string* header) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  *header = "t=" + std::to_string(t) +
            ",v0=" + http::hmac_sha256_hex("wsec_crash_test", std::to_string(t) + "." + body);
  return body;
}

std::string missed_call(int n) {
  return R"({"type":"call_initiation_failure","event_timestamp":1785254700,"data":{)"
         R"("agent_id":"agent_crash","conversation_id":"conv_crash_)" +
         std::to_string(n) + R"(","failure_reason":"busy","metadata":{}}})";
}

}  // namespace

// Post-call events taken while PostgreSQL is away, with frontdesk killed (SIGKILL) between
// them: every one acknowledged is stored, once.
TEST_F(Crash, EventsSpooledWhilePostgresIsAwaySurviveAKill) {
  tcp_proxy proxy{db.host(), static_cast<std::uint16_t>(db.port())};
  const auto spool = std::filesystem::temp_directory_path() /
                     ("frontdesk-crash-spool-" + std::to_string(::getpid()));
  auto environment = env();
  environment["DATABASE_URL"] = db.url_via(proxy.port());
  environment["ELEVENLABS_WEBHOOK_SECRET"] = "wsec_crash_test";
  environment["WEBHOOK_SPOOL_DIR"] = spool.string();
  environment["NODE_NAME"] = "crash-node";  // the same node again: its own spool is drained
  const auto start_serving = [&](std::uint16_t* port) {
    auto server = std::make_unique<child_process>(
        binary, std::vector<std::string>{"serve", "--port", "0"}, environment);
    EXPECT_TRUE(server->wait_for_output("serving on http://", 30s)) << server->output();
    std::smatch m;
    const std::string text = server->output();
    std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"});
    *port = m.empty() ? 0 : static_cast<std::uint16_t>(std::stoi(m[1]));
    return server;
  };
  const auto post = [](std::uint16_t port, int n) {
    std::string header;
    const auto body = signed_event(missed_call(n), &header);
    http_client client{port};
    return client.request("POST", "/post-call-webhook", body, {{"ElevenLabs-Signature", header}})
        .status;
  };
  const auto stored = [&] { return query_value(db.url(), "SELECT count(*) FROM call_events"); };

  std::uint16_t port = 0;
  auto first = start_serving(&port);
  proxy.cut();
  for (int n = 0; n < 50; ++n) ASSERT_EQ(post(port, n), 200u) << n;
  first->signal(SIGKILL);
  first->wait(10s);
  EXPECT_EQ(stored(), "0");

  proxy.restore();
  auto second = start_serving(&port);  // drains what the first left
  ASSERT_TRUE(eventually([&] { return stored() == "50"; }, 30s)) << second->output();
  proxy.cut();
  for (int n = 50; n < 100; ++n) ASSERT_EQ(post(port, n), 200u) << n;
  ASSERT_EQ(post(port, 7), 200u);  // one of the first, delivered again
  proxy.restore();
  ASSERT_TRUE(eventually([&] { return stored() == "100"; }, 30s)) << second->output();
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(stored(), "100");
  EXPECT_EQ(query_value(db.url(), "SELECT count(DISTINCT conversation_id) FROM calls"), "100");
  second->signal(SIGTERM);
  second->wait(10s);
  std::filesystem::remove_all(spool);
}

namespace {

json_value tool(std::uint16_t port, const std::string& path, const std::string& body) {
  http_client client{port};
  const auto reply = client.request("POST", path, body, {{"x-api-key", "crash-test-key-0001"}});
  return http::parse_json(reply.body).value_or(json_value{});
}

}  // namespace

// The conversation's next call, after a SIGKILL and a restart, finds its context as it was: the
// practitioner, service and time just read out. The session is rebuilt from its recording.
TEST_F(Crash, ARestartBetweenTwoToolCallsOfAConversationKeepsItsContext) {
  std::uint16_t port = 0;
  auto first = serve(&port);
  const auto offered = tool(port, "/find-next-available",
                            R"({"practitioner":"Sean","service":"follow-up","sessionId":"restart",)"
                            R"("dialedNumber":"0298765432"})");
  const auto* slot = offered.find("slot");
  ASSERT_TRUE(slot) << http::to_json(offered);
  const auto start_time = text_field(*slot, "startTime").value_or("");
  ASSERT_FALSE(start_time.empty());
  // The recording is written just after the answer, in the recorder's next batch.
  ASSERT_TRUE(eventually(
      [&] {
        return query_value(db.url(),
                           "SELECT coalesce(max(answered), 0) FROM recordings WHERE "
                           "session_id = 'restart'") == "1";
      },
      10s));
  first->signal(SIGKILL);
  first->wait(10s);

  auto second = serve(&port);
  // Nothing but the patient: who, what, where and when come from the context before the kill.
  const auto booked = tool(port, "/appointment-handler",
                           R"({"action":"book","patientName":"Mia Clarke",)"
                           R"("callerPhone":"0455 000 222","sessionId":"restart",)"
                           R"("dialedNumber":"0298765432"})");
  EXPECT_TRUE(booked.find("success") && booked.find("success")->as<bool>())
      << http::to_json(booked) << second->output();
  const auto* appointment = booked.find("appointment");
  ASSERT_TRUE(appointment) << http::to_json(booked);
  EXPECT_EQ(text_field(*appointment, "startTime").value_or(""), start_time)
      << http::to_json(booked);
  const auto* practitioner = appointment->find("practitioner");
  ASSERT_TRUE(practitioner) << http::to_json(booked);
  EXPECT_EQ(text_field(*practitioner, "id").value_or(""), sean) << http::to_json(booked);
  EXPECT_TRUE(eventually(
      [&] {
        return query_value(db.url(),
                           "SELECT calls FROM recordings WHERE session_id = "
                           "'restart'") == "2";
      },
      10s));
}
