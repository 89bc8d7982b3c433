#pragma once

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>
#include <memory>
#include <string>
#include <vector>

#include "actors/availability.hpp"
#include "actors/bookings.hpp"
#include "actors/cliniko_gateway.hpp"
#include "actors/directory.hpp"
#include "actors/front.hpp"
#include "actors/rate_limiter.hpp"
#include "actors/recorder.hpp"
#include "actors/session.hpp"
#include "actors/sync.hpp"
#include "actors/webhook.hpp"
#include "http/server.hpp"
#include "recording/recording.hpp"
#include "support/ask.hpp"
#include "support/demo_ids.hpp"
#include "support/http_client.hpp"
#include "support/sim_server.hpp"
#include "support/tcp_proxy.hpp"
#include "support/test_database.hpp"

// The whole of frontdesk as the agent meets it: the demo clinic synced from the simulator into a
// real PostgreSQL, and the HTTP server on a loopback port. Shared by the tool tests.
namespace frontdesk::test_support {

using namespace demo;

/// The simulator's Telehealth Reviews are booked out this far ahead (an online-bookings lead
/// time), so a search can come up empty.
inline constexpr int telehealth_lead_days = 40;

/// The post-call webhook's secret in the tool tests, and its master key (64 hex digits).
inline const std::string webhook_secret = "wsec_tool_tests_0001";
inline const std::string test_master_key_hex(64, '7');

/// The build the tool tests' recordings name.
inline const build_info test_build{"test", "test", "test"};

/// The demo clinic, with Telehealth Reviews bookable only `telehealth_lead_days` ahead.
sim::scenario tool_test_scenario();

class tool_fixture : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Calls a tool as the agent would and returns the JSON answer (`status` expected).
  json_value call(const std::string& tool, const std::string& body, unsigned status = 200);
  /// GET on an endpoint of ours, with the API key.
  json_value get(const std::string& path);

  /// Free times as the simulator itself gives them ("2026-11-25T22:30:00Z"), asked outside
  /// frontdesk: the truth the answers are checked against.
  std::vector<std::string> sim_times(const std::string& business, const std::string& practitioner,
                                     const std::string& type, const std::string& from,
                                     const std::string& to);
  /// Asks the simulator directly, outside frontdesk (the truth to check against); the answer's
  /// JSON, or an empty object.
  json_value sim_call(const std::string& method, const std::string& path,
                      const std::string& query = "", const std::string& body = "",
                      unsigned expected_status = 0);
  /// Cliniko requests the simulator has answered so far.
  std::size_t sim_requests() { return sim.simulator().requests(); }

  /// Every session recorded so far, once the recorder has written what it holds.
  std::vector<recording::recording> recordings();
  /// Replays every recording on this build and expects each to come out the same (TearDown does,
  /// unless `replay_check` is turned off).
  void replay_every_recording();
  bool replay_check = true;

  static std::string text(const json_value& v, std::string_view key);
  /// A member of an answer; a failed expectation (and an empty object) when it is missing.
  static const json_value& part(const json_value& v, std::string_view key);
  static bool flag(const json_value& v, std::string_view key);
  static std::vector<std::string> ids(const json_value& v, std::string_view list,
                                      std::string_view id = "id");

  test_database db;
  /// The database as frontdesk reaches it: a test can cut it (PostgreSQL going away).
  tcp_proxy db_proxy{db.host(), static_cast<std::uint16_t>(db.port())};
  sim_server sim{tool_test_scenario()};
  clinic_id clinic = 0;
  caf::actor_system_config cfg;
  http::client_runtime runtime;
  caf::actor_system system{cfg};
  database_actor database;
  rate_limiter_actor limiter;
  cliniko_gateway_actor gateway;
  sync_actor syncer;
  directory_actor directory;
  availability_actor availability;
  bookings_actor bookings;
  recorder_actor recorder;
  recordings_actor recordings_reader;
  session_registry_actor sessions;
  webhook_actor webhook;
  front_actor front;
  /// Where the webhook spools events while the database is cut (removed at the end).
  std::string spool_dir;
  std::unique_ptr<http::server> server;
  std::unique_ptr<http_client> client_;
  std::uint16_t port = 0;

 private:
  http_client& client();
};

}  // namespace frontdesk::test_support
