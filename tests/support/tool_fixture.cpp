#include "support/tool_fixture.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "config/settings.hpp"
#include "recording/compare.hpp"
#include "recording/stored.hpp"
#include "recording/timeline.hpp"
#include "replay/replay.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"

namespace frontdesk::test_support {

using namespace std::chrono_literals;

namespace {

const header_list api_key{{"x-api-key", "tools-test-key-0001"}};
int port_seq = 0;

}  // namespace

sim::scenario tool_test_scenario() {
  auto s = sim::demo_scenario(now());
  for (auto& type : s.appointment_types)
    if (text_field(type, "id") == telehealth_review)
      type.set("online_bookings_lead_time_hours",
               json_value{std::int64_t{telehealth_lead_days * 24}});
  // A service the clinic books by hand: Cliniko gives no free times for it.
  auto needling = s.appointment_types.front();
  needling.set("id", json_value{demo::dry_needling});
  needling.set("name", json_value{std::string{"Dry Needling"}});
  needling.set("show_in_online_bookings", json_value{false});
  s.appointment_types.push_back(std::move(needling));
  for (auto& b : s.businesses)
    if (text_field(b, "id") == demo::bondi)
      b.find("appointment_type_ids")
          ->as<json_value::array>()
          .push_back(json_value{demo::dry_needling});
  s.practitioner_types[demo::tom].push_back(demo::dry_needling);
  // Sean usually gives follow-ups (Cliniko's default_appointment_type).
  for (auto& p : s.practitioners)
    if (text_field(p, "id") == demo::sean)
      p.set("default_appointment_type_id", json_value{demo::follow_up});
  // Liam saw Sean a fortnight ago, for a follow-up: a returning caller of his.
  auto seen = s.appointments.front();
  seen.set("id", json_value{demo::past_appointment});
  seen.set("patient_id", json_value{std::string{"514810976554457402"}});
  seen.set("practitioner_id", json_value{demo::sean});
  seen.set("business_id", json_value{demo::city});
  seen.set("appointment_type_id", json_value{demo::follow_up});
  const auto fortnight_ago = now() - std::chrono::hours{24 * 14};
  seen.set("starts_at", json_value{domain::format_utc(fortnight_ago)});
  seen.set("ends_at", json_value{domain::format_utc(fortnight_ago + std::chrono::minutes{30})});
  s.appointments.push_back(std::move(seen));
  return s;
}

void tool_fixture::SetUp() {
  clinic = onboard_demo_clinic(db.url());
  database = storage::spawn_database(system, {db.url_via(db_proxy.port()), 2, 100ms});
  limiter = spawn_rate_limiter(system, {});
  gateway = spawn_cliniko_gateway(
      system, runtime,
      {"demo-cliniko-key", sim.base_url(), "frontdesk tests (dev@frontdesk.invalid)", ""}, limiter);
  directory = spawn_directory(system, database, {});
  availability = spawn_availability(system, {{}, {{clinic, gateway}}});
  syncer = spawn_sync(system, {clinic, "AU", 0s}, gateway, database, {directory, availability});
  ASSERT_TRUE(ask<sync_report>(system, syncer, sync_atom::value, sync_kind::full));

  bookings = spawn_bookings(system, database, database, availability,
                            {{{clinic, gateway}}, "AU", 15s, 0s});
  recorder_config recording;
  recording.database_url = db.url();
  recording.master_key = *config::parse_master_key(test_master_key_hex);
  recorder = spawn_recorder(system, recording);
  recordings_reader = spawn_recordings(system, recording);
  session_config conversations;
  conversations.build = test_build;
  sessions = spawn_session_registry(
      system, {directory, availability, bookings, recorder, recordings_reader}, conversations);
  webhook_config hooks;
  hooks.master_key = *config::parse_master_key(test_master_key_hex);
  spool_dir = std::filesystem::temp_directory_path() /
              ("frontdesk-spool-" + std::to_string(::getpid()) + "-" + std::to_string(port_seq++));
  hooks.spool_dir = spool_dir;
  hooks.database_wait = 500ms;
  hooks.drain_every = 1s;
  webhook = spawn_webhook(system, database, sessions, hooks);
  // A short deadline keeps the tests of unanswered Cliniko writes short.
  front_config settings;
  settings.tool_deadline = 4s;
  settings.webhook.secrets = {webhook_secret};
  front = spawn_front(system, {database, sessions, directory, availability, webhook, recorder},
                      settings);
  http::server_options options;
  options.port = 0;
  server = std::make_unique<http::server>(options, front_routes(),
                                          http::api_key_set{{"tools-test-key-0001"}},
                                          [this](http_request r, reply_sink_ptr s) {
                                            caf::anon_send(front, std::move(r), std::move(s));
                                          });
  port = server->start();
}

std::vector<recording::recording> tool_fixture::recordings() {
  const auto waiting = ask<std::int64_t>(system, recorder, flush_atom::value);
  EXPECT_TRUE(waiting && *waiting == 0) << "the recorder could not write everything";
  auto conn = storage::connect_with_retry(db.url(), 10s);
  pqxx::read_transaction tx{*conn};
  const storage::secret_box box{*config::parse_master_key(test_master_key_hex)};
  std::vector<recording::recording> out;
  storage::recording_filter all;
  all.limit = 1000;
  for (const auto& row : storage::list_recordings(tx, all)) {
    const auto stored = storage::read_recording(tx, row.session_id);
    if (stored) out.push_back(recording::open_recording(*stored, box));
  }
  return out;
}

// FRONTDESK_EXPORT_REPLAYS=DIR writes each as DIR/Suite.Test--SESSION.jsonl: how the
// regression corpus in tests/replays was made.
static void export_recording(const recording::recording& r) {
  const char* dir = std::getenv("FRONTDESK_EXPORT_REPLAYS");
  if (!dir || !*dir) return;
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto name =
      std::string(test->test_suite_name()) + "." + test->name() + "--" + r.session_id + ".jsonl";
  std::ofstream{std::filesystem::path{dir} / name} << recording::to_text(r);
}

// Every conversation the test had is replayed on this build: it must come out the same, every
// answer and every question. A difference is nondeterminism in a session.
void tool_fixture::replay_every_recording() {
  for (const auto& r : recordings()) {
    export_recording(r);
    replay::options options;
    options.build = test_build;
    const auto out = replay::run(r, options);
    EXPECT_TRUE(out.why_not.empty()) << r.session_id << ": " << out.why_not;
    EXPECT_TRUE(out.report.empty()) << r.session_id << " replays differently:\n"
                                    << recording::report_text(out.report) << "\n"
                                    << recording::timeline_text(r);
  }
}

void tool_fixture::TearDown() {
  server->shutdown(1s);
  if (replay_check && !HasFatalFailure()) replay_every_recording();
  for (const auto& a :
       {caf::actor_cast<caf::actor>(front), caf::actor_cast<caf::actor>(sessions),
        caf::actor_cast<caf::actor>(recorder), caf::actor_cast<caf::actor>(recordings_reader),
        caf::actor_cast<caf::actor>(directory), caf::actor_cast<caf::actor>(availability),
        caf::actor_cast<caf::actor>(bookings), caf::actor_cast<caf::actor>(syncer),
        caf::actor_cast<caf::actor>(gateway), caf::actor_cast<caf::actor>(limiter),
        caf::actor_cast<caf::actor>(webhook), caf::actor_cast<caf::actor>(database)})
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  system.await_all_actors_done();
  std::filesystem::remove_all(spool_dir);
}

json_value tool_fixture::call(const std::string& tool, const std::string& body, unsigned status) {
  const auto reply = client().request("POST", "/" + tool, body, api_key);
  EXPECT_EQ(reply.status, status) << tool << " " << body << " -> " << reply.body;
  auto doc = http::parse_json(reply.body);
  EXPECT_TRUE(doc) << reply.body;
  return doc ? *doc : json_value{};
}

json_value tool_fixture::get(const std::string& path) {
  const auto reply = client().request("GET", path, "", api_key);
  EXPECT_EQ(reply.status, 200u) << path << " -> " << reply.body;
  auto doc = http::parse_json(reply.body);
  return doc ? *doc : json_value{};
}

json_value tool_fixture::sim_call(const std::string& method, const std::string& path,
                                  const std::string& query, const std::string& body,
                                  unsigned expected_status) {
  const auto reply = sim.ask(method, path, query, body);
  if (expected_status != 0) {
    EXPECT_EQ(reply.status, expected_status) << path << " " << reply.body;
  }
  auto doc = http::parse_json(reply.body);
  return doc ? *doc : json_value{json_value::object{}};
}

std::vector<std::string> tool_fixture::sim_times(const std::string& business,
                                                 const std::string& practitioner,
                                                 const std::string& type, const std::string& from,
                                                 const std::string& to) {
  std::vector<std::string> out;
  for (int page = 1;; ++page) {
    const auto doc = sim_call(
        "GET",
        "/businesses/" + business + "/practitioners/" + practitioner + "/appointment_types/" +
            type + "/available_times",
        "from=" + from + "&to=" + to + "&per_page=100&page=" + std::to_string(page), "", 200);
    const auto* times = doc.find("available_times");
    if (!times || !times->is<json_value::array>() || times->as<json_value::array>().empty())
      return out;
    for (const auto& t : times->as<json_value::array>())
      out.push_back(text(t, "appointment_start"));
  }
}

std::string tool_fixture::text(const json_value& v, std::string_view key) {
  return text_field(v, key).value_or("");
}

const json_value& tool_fixture::part(const json_value& v, std::string_view key) {
  static const json_value missing{json_value::object{}};
  const auto* found = v.find(key);
  if (!found) ADD_FAILURE() << "no " << key << " in " << http::to_json(v);
  return found ? *found : missing;
}

bool tool_fixture::flag(const json_value& v, std::string_view key) {
  const auto* f = v.find(key);
  return f && f->is<bool>() && f->as<bool>();
}

std::vector<std::string> tool_fixture::ids(const json_value& v, std::string_view list,
                                           std::string_view id) {
  std::vector<std::string> out;
  if (const auto* items = v.find(list); items && items->is<json_value::array>())
    for (const auto& item : items->as<json_value::array>()) out.push_back(text(item, id));
  return out;
}

http_client& tool_fixture::client() {
  if (!client_) client_ = std::make_unique<http_client>(port);
  return *client_;
}

}  // namespace frontdesk::test_support
