#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "actors/availability.hpp"
#include "actors/directory.hpp"
#include "actors/front.hpp"
#include "actors/session.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "http/json.hpp"
#include "http/server.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/http_client.hpp"
#include "support/tcp_proxy.hpp"
#include "support/test_database.hpp"

using namespace frontdesk;
using namespace std::chrono_literals;
using test_support::header_list;
using test_support::http_client;

namespace {

const header_list with_key{{"x-api-key", "test-key-0000000001"}};

// The real front and database actors behind the real server, with the database reached through
// a proxy the test can cut. Two extra routes exercise the server's own duties: /echo (a JSON tool
// that answers at once) and /slow (one that answers after 300 ms).
class HttpServer : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::connection conn{db.url()};
    storage::apply_migrations(conn);
    database = storage::spawn_database(system, {db.url_via(proxy.port()), 2, 100ms});
    directory = spawn_directory(system, database, {});
    availability = spawn_availability(system, {});
    sessions = spawn_session_registry(system, {directory, availability, {}}, {});
    front = spawn_front(system, {database, sessions, directory, availability, {}});

    http::server_options options;
    options.port = 0;
    options.header_timeout = 300ms;
    options.idle_timeout = 2s;
    options.reply_timeout = 3s;
    start_server(options);
  }

  void start_server(const http::server_options& options) {
    auto routes = front_routes().routes();
    routes.push_back({"POST", "/echo", http::access::api_key, true});
    routes.push_back({"POST", "/slow", http::access::api_key, true});
    if (server) server->shutdown(1s);
    server = std::make_unique<http::server>(
        options, http::router{routes},
        http::api_key_set{{"test-key-0000000001", "test-key-0000000002"}},
        [this](http_request request, reply_sink_ptr sink) { handle(std::move(request), sink); });
    port = server->start();
  }

  void TearDown() override {
    server->shutdown(1s);
    for (auto& t : helpers) t.join();
    caf::anon_send_exit(front, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(sessions, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(availability, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
  }

  void handle(http_request request, reply_sink_ptr sink) {
    if (request.path == "/echo") {
      http::json_writer out;
      const auto session = text_field(request.body, "sessionId").value_or("");
      out.begin_object().key("sessionId").value(session).end_object();
      http_response echoed{200, std::move(out).str()};
      echoed.session_id = session;
      return sink->deliver(std::move(echoed));
    }
    if (request.path == "/slow") {
      helpers.emplace_back([sink] {
        std::this_thread::sleep_for(300ms);
        sink->deliver({200, R"({"slow":true})"});
      });
      return;
    }
    caf::anon_send(front, std::move(request), std::move(sink));
  }

  static json_value json(const test_support::http_reply& reply) {
    auto doc = http::parse_json(reply.body);
    EXPECT_TRUE(doc) << reply.body;
    return doc ? *doc : json_value{};
  }

  test_support::test_database db;
  test_support::tcp_proxy proxy{db.host(), static_cast<std::uint16_t>(db.port())};
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  database_actor database;
  directory_actor directory;
  session_registry_actor sessions;
  availability_actor availability;
  front_actor front;
  std::unique_ptr<http::server> server;
  std::vector<std::thread> helpers;
  std::uint16_t port = 0;
};

}  // namespace

TEST_F(HttpServer, RootNamesTheServiceAndItsEndpoints) {
  http_client client{port};
  const auto reply = client.request("GET", "/");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.headers.at("content-type"), "application/json");
  EXPECT_EQ(reply.headers.at("access-control-allow-origin"), "*");
  const auto body = json(reply);
  EXPECT_EQ(text_field(body, "name"), "frontdesk");
  EXPECT_TRUE(text_field(body, "version").has_value());
  std::vector<std::string> paths;
  for (const auto& e : body.find("endpoints")->as<json_value::array>())
    paths.push_back(*text_field(e, "path"));
  EXPECT_EQ(paths,
            (std::vector<std::string>{
                "/", "/health", "/location-resolver", "/confirm-location",
                "/get-location-practitioners", "/get-practitioner-services",
                "/get-practitioner-info", "/availability-checker", "/get-available-practitioners",
                "/find-next-available", "/appointment-handler", "/cancel-appointment",
                "/conversation-initiation", "/cache-stats", "/metrics", "/post-call-webhook"}));
}

TEST_F(HttpServer, HealthChecksTheDatabase) {
  http_client client{port};
  const auto reply = client.request("GET", "/health");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto body = json(reply);
  EXPECT_EQ(text_field(body, "status"), "ok");
  const auto* database_part = body.find("database");
  ASSERT_NE(database_part, nullptr);
  EXPECT_EQ(text_field(*database_part, "status"), "ok");
  EXPECT_EQ(text_field(*database_part, "schemaVersion"),
            std::to_string(storage::all_migrations().back().version));
}

TEST_F(HttpServer, KeepsTheConnectionAliveAcrossRequests) {
  http_client client{port};
  for (int i = 0; i < 5; ++i) {
    const auto reply = client.request("GET", i % 2 ? "/" : "/health");
    EXPECT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.keep_alive);
  }
  EXPECT_EQ(server->open_connections(), 1);
}

TEST_F(HttpServer, UnknownAndNotYetBuiltPathsAre404) {
  http_client client{port};
  for (const char* path : {"/nope", "/v1/metrics"}) {
    const auto reply = client.request("POST", path, R"({"sessionId":"s1"})", with_key);
    EXPECT_EQ(reply.status, 404) << path;
    const auto body = json(reply);
    EXPECT_EQ(text_field(body, "error"), "not_found");
    EXPECT_TRUE(text_field(body, "message").has_value());
  }
  EXPECT_EQ(client.request("POST", "/health").status, 405);
  EXPECT_EQ(client.request("POST", "/metrics", "", with_key).status, 405);
}

TEST_F(HttpServer, ToolsNeedAValidApiKey) {
  http_client client{port};
  const std::string body = R"({"sessionId":"conv_1"})";
  auto missing = client.request("POST", "/echo", body);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(text_field(json(missing), "error"), "unauthorized");
  EXPECT_EQ(client.request("POST", "/echo", body, {{"x-api-key", "test-key-000000000"}}).status,
            401);
  EXPECT_EQ(client.request("POST", "/echo", body, with_key).status, 200);
  // The second configured key works too (rotation).
  const auto rotated =
      client.request("POST", "/echo", body, {{"x-api-key", "test-key-0000000002"}});
  EXPECT_EQ(rotated.status, 200);
  EXPECT_EQ(text_field(json(rotated), "sessionId"), "conv_1");
  // Health and root stay open to load balancers.
  EXPECT_EQ(client.request("GET", "/health").status, 200);
}

TEST_F(HttpServer, MalformedJsonIs400AndTheConnectionCarriesOn) {
  http_client client{port};
  for (const char* bad : {R"({"sessionId":)", "[1,2,3]", "\"text\"", "{'a':1}"}) {
    const auto reply = client.request("POST", "/echo", bad, with_key);
    EXPECT_EQ(reply.status, 400) << bad;
    EXPECT_EQ(text_field(json(reply), "error"), "invalid_json");
  }
  EXPECT_EQ(client.request("POST", "/echo", "{}", with_key).status, 200);
}

TEST_F(HttpServer, BodiesOver64KiBAre413) {
  http_client client{port};
  const std::string huge = R"({"notes":")" + std::string(70 * 1024, 'x') + R"("})";
  const auto reply = client.request("POST", "/echo", huge, with_key);
  EXPECT_EQ(reply.status, 413);
  EXPECT_EQ(text_field(json(reply), "error"), "body_too_large");
  EXPECT_FALSE(reply.keep_alive);
}

TEST_F(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  http_client client{port};
  client.send_raw(
      "POST /slow HTTP/1.1\r\nHost: t\r\nx-api-key: test-key-0000000001\r\n"
      "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
      "GET / HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /health HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto first = client.read_reply(), second = client.read_reply(), third = client.read_reply();
  EXPECT_NE(first.body.find("slow"), std::string::npos) << first.body;
  EXPECT_NE(second.body.find("endpoints"), std::string::npos) << second.body;
  EXPECT_NE(third.body.find("database"), std::string::npos) << third.body;
}

TEST_F(HttpServer, SlowClientsAreCutOff) {
  http_client client{port};
  client.send_raw("GET /health HTTP/1.1\r\nHost: t\r\n");  // and never the blank line
  EXPECT_TRUE(client.closed_within(3s));
}

TEST_F(HttpServer, DatabaseDownGives503ThenServiceResumes) {
  http_client client{port};
  ASSERT_EQ(client.request("GET", "/health").status, 200);

  proxy.cut();
  const auto down = client.request("GET", "/health");
  EXPECT_EQ(down.status, 503);
  const auto body = json(down);
  EXPECT_EQ(text_field(body, "error"), "database_unavailable");
  EXPECT_TRUE(text_field(body, "message").has_value());

  proxy.restore();
  unsigned status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    status = client.request("GET", "/health").status;
    if (status != 200) std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(status, 200);
}

TEST_F(HttpServer, CorsPreflightIsAnsweredWithoutAKey) {
  http_client client{port};
  const auto reply = client.request(
      "OPTIONS", "/location-resolver", "",
      {{"Origin", "https://example.org"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(reply.status, 204);
  EXPECT_EQ(reply.headers.at("access-control-allow-origin"), "*");
  EXPECT_NE(reply.headers.at("access-control-allow-headers").find("x-api-key"), std::string::npos);
}

TEST_F(HttpServer, ShutdownDrainsRequestsInFlight) {
  http_client busy{port};
  busy.send_raw(
      "POST /slow HTTP/1.1\r\nHost: t\r\nx-api-key: test-key-0000000001\r\n"
      "Content-Length: 2\r\n\r\n{}");
  http_client idle{port};
  ASSERT_EQ(idle.request("GET", "/").status, 200);
  std::this_thread::sleep_for(50ms);  // the slow request is now in flight

  std::thread stopper{[this] { server->shutdown(5s); }};
  const auto reply = busy.read_reply();
  stopper.join();
  EXPECT_EQ(reply.status, 200);
  EXPECT_NE(reply.body.find("slow"), std::string::npos);
  EXPECT_FALSE(reply.keep_alive);  // told to go away after its answer
  EXPECT_TRUE(idle.closed_within(1s));
  EXPECT_EQ(server->open_connections(), 0);
  EXPECT_THROW(http_client{port}, boost::system::system_error);  // no longer accepting
}

TEST_F(HttpServer, RequestLogLinesMaskPhoneNumbers) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  spdlog::set_default_logger(logger);
  http_client client{port};
  client.request("GET", "/patients/0412345678");
  // The session is read by the front, not the server: a real tool call, through to its session.
  client.request("POST", "/location-resolver", R"({"sessionId":"conv_42"})", with_key);
  spdlog::set_default_logger(previous);

  const auto text = captured.str();
  EXPECT_EQ(text.find("0412345678"), std::string::npos) << text;
  EXPECT_NE(text.find("GET /patients/04*****678 404"), std::string::npos) << text;
  EXPECT_NE(text.find("POST /location-resolver 200"), std::string::npos) << text;
  EXPECT_NE(text.find("session=conv_42"), std::string::npos) << text;
}

TEST_F(HttpServer, ASessionIdCannotForgeALogLine) {
  std::ostringstream captured;
  auto previous = spdlog::default_logger();
  auto logger = std::make_shared<spdlog::logger>(
      "capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(captured));
  logger->set_formatter(config::log_formatter(config::environment::development));
  spdlog::set_default_logger(logger);
  http_client client{port};
  client.request("POST", "/location-resolver",
                 R"({"sessionId":"conv_9\n2026-12-01 00:00:00.000 info  FORGED\u001b[2J"})",
                 with_key);
  spdlog::set_default_logger(previous);

  const auto text = captured.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find(R"(session=conv_9\n2026-12-01)"), std::string::npos) << text;
}

TEST_F(HttpServer, ShedsLoadBeyondTheInFlightLimit) {
  http::server_options options;
  options.port = 0;
  options.max_in_flight = 1;
  start_server(options);

  http_client busy{port};
  busy.send_raw(
      "POST /slow HTTP/1.1\r\nHost: t\r\nx-api-key: test-key-0000000001\r\n"
      "Content-Length: 2\r\n\r\n{}");
  std::this_thread::sleep_for(50ms);  // the slow request now holds the only place
  http_client other{port};
  const auto shed = other.request("POST", "/echo", "{}", with_key);
  EXPECT_EQ(shed.status, 429);
  EXPECT_EQ(text_field(json(shed), "error"), "overloaded");
  EXPECT_EQ(busy.read_reply().status, 200);
  EXPECT_EQ(other.request("POST", "/echo", "{}", with_key).status, 200);  // room again
}

TEST_F(HttpServer, DevelopmentMayWaiveTheKeyWhenConfiguredTo) {
  http::server_options options;
  options.port = 0;
  options.auth_disabled = true;
  start_server(options);
  http_client client{port};
  EXPECT_EQ(client.request("POST", "/echo", "{}").status, 200);
}

TEST_F(HttpServer, LegacyLocationFieldNamesAre400NamingBusinessId) {
  http_client client{port};
  for (const char* legacy : {"locationId", "location_id", "locationID"}) {
    const auto reply = client.request("POST", "/get-location-practitioners",
                                      std::string(R"({")") + legacy + R"(":"17"})", with_key);
    EXPECT_EQ(reply.status, 400) << legacy;
    const auto body = json(reply);
    EXPECT_EQ(text_field(body, "error"), "legacy_field");
    EXPECT_NE(text_field(body, "message").value_or("").find("business_id"), std::string::npos);
  }
  // The server itself knows no tool field: any route takes such a body as it is.
  EXPECT_EQ(client.request("POST", "/echo", R"({"locationId":"17"})", with_key).status, 200);
}

TEST_F(HttpServer, ASenderWaitingForLeaveToSendTheBodyIsToldToGoOn) {
  http_client client{port};
  const std::string body = R"({"locationQuery":"Bondi","dialedNumber":"0298765432"})";
  client.send_raw(
      "POST /location-resolver HTTP/1.1\r\nHost: x\r\nx-api-key: " + with_key.front().second +
      "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  EXPECT_EQ(client.read_reply().status, 100);
  client.send_raw(body);
  const auto answer = client.read_reply();
  EXPECT_NE(answer.status, 100);
  EXPECT_NE(answer.status, 0);
}
