#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <pqxx/transaction>

#include "actors/availability.hpp"
#include "actors/bookings.hpp"
#include "actors/budget.hpp"
#include "actors/directory.hpp"
#include "actors/front.hpp"
#include "actors/node.hpp"
#include "actors/recorder.hpp"
#include "actors/session.hpp"
#include "actors/sync.hpp"
#include "actors/webhook.hpp"
#include "cli/collaborators.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "console/console.hpp"
#include "domain/encoding.hpp"
#include "http/auth.hpp"
#include "http/request_meter.hpp"
#include "http/server.hpp"
#include "messages/error.hpp"
#include "storage/changes.hpp"
#include "storage/clinics.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/local_copy.hpp"
#include "storage/migrations.hpp"

namespace frontdesk::cli {
namespace {

// Serving on an old schema would fail request by request; refuse at once instead.
bool schema_is_current(const std::string& url) {
  try {
    auto conn = storage::connect_with_retry(url, std::chrono::seconds{30});
    const auto status = storage::read_schema_status(*conn);
    if (status.pending.empty()) return true;
    std::fprintf(stderr,
                 "frontdesk serve: the database schema is at version %d but this build needs %d: "
                 "run 'frontdesk migrate' first\n",
                 status.current, status.pending.back().version);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontdesk serve: cannot check the database schema: %s\n", e.what());
  }
  return false;
}

std::string node_name_of(const config::settings& s) {
  return s.node_name.empty() ? default_node_name(s.port) : s.node_name;
}

// The web console on CONSOLE_BIND, when set: its own address, server and thread. The server is
// declared last so that it stops before the pages it hands requests to.
struct running_console {
  std::unique_ptr<console::console> pages;
  std::unique_ptr<http::server> server;
};

std::unique_ptr<running_console> start_console(const config::settings& s) {
  if (s.console_bind.empty()) return nullptr;
  const auto colon = s.console_bind.rfind(':');
  auto host = s.console_bind.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  http::server_options o;
  o.bind_address = host;
  o.port = static_cast<std::uint16_t>(std::stoi(s.console_bind.substr(colon + 1)));
  o.threads = 1;
  o.max_body_bytes = std::size_t{16} * 1024;
  o.node_name = s.node_name;
  o.timeout_reply = {503, "<p>The console took too long. Please try again.</p>"};
  o.timeout_reply.content_type = "text/html; charset=utf-8";
  console::console_options c;
  c.database_url = s.database_url;
  c.master_key = s.master_key;
  c.secure_cookies = s.console_secure_cookies;
  c.cliniko_rate_limit = s.cliniko_rate_limit;
  c.spool_dir = (std::filesystem::path{s.webhook_spool_dir} / node_name_of(s)).string();
  auto running = std::make_unique<running_console>();
  running->pages = std::make_unique<console::console>(std::move(c));
  auto* pages = running->pages.get();
  running->server = std::make_unique<http::server>(
      std::move(o), console::console::routes(), http::api_key_set{std::vector<std::string>{}},
      [pages](http_request request, reply_sink_ptr sink) {
        pages->handle(std::move(request), std::move(sink));
      });
  const auto port = running->server->start();
  spdlog::info("console on http://{}:{}", s.console_bind.substr(0, colon), port);
  return running;
}

http::server_options server_options_from(const config::settings& s) {
  http::server_options o;
  o.bind_address = s.bind_address;
  o.port = s.port;
  o.max_body_bytes = s.max_body_bytes;
  o.header_timeout = s.header_timeout;
  o.idle_timeout = s.idle_timeout;
  // The front answers within the tool deadline; this is only the net under it.
  o.reply_timeout = s.tool_deadline + std::chrono::seconds{1};
  o.timeout_reply = front_timeout_reply();
  o.threads = s.http_threads;
  o.max_in_flight = s.max_in_flight;
  o.auth_disabled = s.auth_disabled;
  o.node_name = node_name_of(s);
  return o;
}

// The clinics served, read at start-up; a clinic added later is served after a restart.
std::vector<clinic_record> clinics_to_serve(const std::string& url) {
  auto conn = storage::connect_with_retry(url, std::chrono::seconds{30});
  pqxx::read_transaction tx{*conn};
  return storage::active_clinics(tx);
}

// The active clinics with their opened Cliniko keys; throws when keys exist but cannot be opened.
std::vector<served_clinic> open_clinics(const config::settings& s) {
  std::vector<served_clinic> out;
  const auto clinics = clinics_to_serve(s.database_url);
  if (clinics.empty()) return out;
  if (!s.master_key)
    throw config::config_error("FRONTDESK_MASTER_KEY is needed to open the clinics' Cliniko keys");
  const storage::secret_box box{*s.master_key};
  for (const auto& clinic : clinics) {
    auto key = box.open(clinic.sealed_key, storage::key_context(clinic.id));
    if (!key) {
      spdlog::error(
          "clinic {}: its Cliniko key does not open with FRONTDESK_MASTER_KEY; not serving it",
          clinic.name);
      continue;
    }
    out.push_back({clinic, std::move(*key)});
  }
  return out;
}

// One sync per clinic, each starting with a sync if the last one is stale; each tells the
// directory and availability what it changed.
std::vector<sync_actor> start_syncs(cliniko_runtime& cliniko, const database_actor& database,
                                    const std::vector<served_clinic>& clinics,
                                    const config::settings& s, const directory_actor& directory,
                                    const availability_actor& availability) {
  std::vector<sync_actor> syncs;
  for (const auto& [clinic, key] : clinics) {
    sync_config config{clinic.id, s.default_region, s.sync_interval, s.directory_refresh};
    config.leading = false;  // until this node takes the clinic's lease (start_node)
    syncs.push_back(spawn_sync(cliniko.system(), std::move(config), cliniko.gateway_for(key),
                               database, {directory, availability}));
  }
  spdlog::info("syncing {} clinic(s) from Cliniko every {} s", syncs.size(),
               s.sync_interval.count());
  return syncs;
}

std::map<clinic_id, cliniko_gateway_actor> gateways_of(cliniko_runtime& cliniko,
                                                       const std::vector<served_clinic>& clinics) {
  std::map<clinic_id, cliniko_gateway_actor> out;
  for (const auto& [clinic, key] : clinics) out.emplace(clinic.id, cliniko.gateway_for(key));
  return out;
}

availability_actor start_availability(cliniko_runtime& cliniko,
                                      const std::vector<served_clinic>& clinics,
                                      const config::settings& s) {
  availability_config config{{s.availability_ttl, s.failed_time}, gateways_of(cliniko, clinics)};
  config.warm.every = s.availability_warm_every;
  config.warm.share = s.availability_warm_percent / 100.0;
  config.warm.rate_limit = s.cliniko_rate_limit;
  // Refreshed before they expire (a tick early), so that callers read them from the cache.
  config.warm.refresh_after =
      std::max(s.availability_ttl - s.availability_warm_every, s.availability_warm_every);
  config.warm.only_led = true;
  return spawn_availability(cliniko.system(), std::move(config));
}

// Bookings settle intents a crash left pending as soon as no call could still be writing them.
bookings_actor start_bookings(cliniko_runtime& cliniko, const database_actor& database,
                              const availability_actor& availability,
                              const std::vector<served_clinic>& clinics,
                              const config::settings& s) {
  bookings_config config;
  config.gateways = gateways_of(cliniko, clinics);
  config.region = s.default_region;
  const auto longest_call = std::chrono::duration_cast<std::chrono::seconds>(s.tool_deadline);
  config.settle_after = longest_call + std::chrono::seconds{2};
  config.settle_every = std::max(std::chrono::seconds{5}, config.settle_after);
  return spawn_bookings(cliniko.system(), database, database, availability, std::move(config));
}

// This node among those on the database: each clinic's sync and warming run where its lease is.
node_actor start_node(caf::actor_system& system, const config::settings& s,
                      const std::vector<served_clinic>& clinics,
                      const std::vector<sync_actor>& syncs,
                      const availability_actor& availability) {
  node_config config;
  config.database_url = s.database_url;
  config.name = node_name_of(s);
  config.address = s.bind_address + ":" + std::to_string(s.port);
  std::map<clinic_id, sync_actor> sync_of;
  for (std::size_t i = 0; i < clinics.size() && i < syncs.size(); ++i) {
    config.clinics.push_back(clinics[i].clinic.id);
    sync_of.emplace(clinics[i].clinic.id, syncs[i]);
  }
  config.on_lead = [sync_of, availability](clinic_id clinic, bool leads) {
    if (auto it = sync_of.find(clinic); it != sync_of.end())
      caf::anon_send(it->second, lead_atom::value, leads);
    caf::anon_send(availability, lead_atom::value, clinic, leads);
  };
  return spawn_node(system, std::move(config));
}

// The node's row and leases go with it: the others take over its clinics at once.
void leave_cluster(caf::actor_system& system, const node_actor& node) {
  caf::scoped_actor self{system};
  self->request(node, std::chrono::seconds{3}, leave_atom::value)
      .receive([](bool) {},
               [](const caf::error& e) {
                 spdlog::warn("the nodes table could not be told of this stop: {}",
                              caf::to_string(e));
               });
  caf::anon_send_exit(node, caf::exit_reason::user_shutdown);
}

// What other nodes change reaches this one's caches (its own changes it has already told them).
std::unique_ptr<storage::change_listener> listen_for_changes(
    const config::settings& s, const directory_actor& directory,
    const availability_actor& availability) {
  return std::make_unique<storage::change_listener>(
      s.database_url, [me = node_name_of(s), directory, availability](const storage::change& c) {
        if (c.node == me) return;
        if (c.what == storage::change::kind::directory)
          caf::anon_send(directory, invalidate_atom::value, c.clinic);
        else
          caf::anon_send(availability, invalidate_atom::value, c.clinic, c.practitioners);
      });
}

struct recording_actors {
  recorder_actor recorder;
  recordings_actor recordings;
};

// Sessions are recorded when they can be sealed; without the master key they are not.
recording_actors start_recording(caf::actor_system& system, const config::settings& s) {
  if (!s.record_sessions) return {};
  if (!s.master_key) {
    spdlog::warn(
        "FRONTDESK_MASTER_KEY is not set: sessions are not recorded, and a restart "
        "forgets the calls under way");
    return {};
  }
  recorder_config config;
  config.database_url = s.database_url;
  config.master_key = *s.master_key;
  config.retention = s.recording_retention;
  return {spawn_recorder(system, config),
          spawn_recordings(system, config, static_cast<std::size_t>(s.database_pool_size))};
}

// What a recorder still holds is written before it stops.
void stop_recorder(caf::actor_system& system, const recorder_actor& recorder) {
  if (!recorder) return;
  caf::scoped_actor self{system};
  self->request(recorder, std::chrono::seconds{5}, flush_atom::value)
      .receive([](std::int64_t) {},
               [](const caf::error& e) {
                 spdlog::warn("recordings not all written at shutdown: {}", caf::to_string(e));
               });
  caf::anon_send_exit(recorder, caf::exit_reason::user_shutdown);
}

}  // namespace

collaborators start_collaborators(cliniko_runtime& cliniko, const config::settings& s) {
  collaborators out;
  out.clinics = open_clinics(s);
  auto& system = cliniko.system();
  storage::database_options database{s.database_url, s.database_pool_size};
  database.node = node_name_of(s);
  out.database = storage::spawn_database(system, database);
  out.availability = start_availability(cliniko, out.clinics, s);
  directory_config directory_settings;
  directory_settings.region = s.default_region;
  directory_settings.availability = out.availability;  // a clinic's offerings are kept warm
  out.directory = spawn_directory(system, out.database, std::move(directory_settings));
  // Each clinic's directory is in memory before its first caller (and its free times warming).
  for (const auto& served : out.clinics)
    caf::anon_send(out.directory, load_atom::value, served.clinic);
  out.bookings = start_bookings(cliniko, out.database, out.availability, out.clinics, s);
  return out;
}

void collaborators::stop() const {
  caf::anon_send_exit(directory, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(availability, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(bookings, caf::exit_reason::user_shutdown);
}

build_info build_of(const config::settings& s) {
  return {FRONTDESK_VERSION, FRONTDESK_COMMIT,
          domain::sha256_hex(config::answer_settings(s)).substr(0, 16)};
}

// Events spooled before spools were kept per node lie in the folder itself: this node takes them.
void adopt_unowned_spool(const std::filesystem::path& shared, const std::filesystem::path& own) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator{shared, ec}) {
    if (!entry.is_regular_file()) continue;
    std::filesystem::rename(entry.path(), own / entry.path().filename(), ec);
    if (ec)
      spdlog::warn("spooled event {} not taken over: {}", entry.path().string(), ec.message());
  }
}

// Post-call events are sealed with the master key: without one they are not taken (503).
webhook_actor start_webhook(caf::actor_system& system, const database_actor& database,
                            const session_registry_actor& sessions, const config::settings& s) {
  if (!s.master_key) {
    spdlog::warn("FRONTDESK_MASTER_KEY is not set: /post-call-webhook cannot keep events (503)");
    return {};
  }
  // Nodes may share the folder: each spools into its own.
  const auto spool = (std::filesystem::path{s.webhook_spool_dir} / node_name_of(s)).string();
  std::error_code ec;
  std::filesystem::create_directories(spool, ec);
  if (ec)
    throw config::config_error("WEBHOOK_SPOOL_DIR " + spool + " cannot be made: " + ec.message());
  adopt_unowned_spool(s.webhook_spool_dir, spool);
  webhook_config config;
  config.master_key = *s.master_key;
  config.spool_dir = spool;
  config.transcript_retention = s.transcript_retention;
  config.audio_dir = s.audio_dir;
  config.audio_retention = s.audio_retention;
  config.region = s.default_region;
  return spawn_webhook(system, database, sessions, std::move(config));
}

// Every actor with figures, for /metrics: the shared ones, then each clinic's gateway, rate
// limiter and sync under its name (a key two clinics share is read once).
std::vector<reporter> reporters_of(cliniko_runtime& cliniko, const collaborators& served,
                                   const std::vector<sync_actor>& syncs,
                                   const session_registry_actor& sessions,
                                   const webhook_actor& webhook, const recorder_actor& recorder,
                                   const node_actor& node) {
  std::vector<reporter> out;
  const auto add = [&out](const auto& actor, metric_labels labels = {}) {
    if (!actor) return;
    const auto handle = caf::actor_cast<stats_actor>(actor);
    for (const auto& known : out)
      if (known.actor == handle) return;
    out.push_back({handle, std::move(labels)});
  };
  add(served.directory);
  add(served.availability);
  add(served.bookings);
  add(served.database);
  add(sessions);
  add(webhook);
  add(recorder);
  add(node);
  add(cliniko.shared_budget());
  for (std::size_t i = 0; i < served.clinics.size(); ++i) {
    const auto& [clinic, key] = served.clinics[i];
    const metric_labels labels{{"clinic", clinic.name}};
    add(cliniko.gateway_for(key), labels);
    add(cliniko.limiter_for(key), labels);
    if (i < syncs.size()) add(syncs[i], labels);
  }
  return out;
}

int serve(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::printf(
        "usage: frontdesk serve [options]\n\nServes the HTTP API until SIGINT or SIGTERM, "
        "then drains requests in flight.\n");
    print_settings_help();
    return 0;
  }
  const auto s = config::load_settings(args, nullptr, config::uses::everything);
  config::setup_logging(s);
  if (!schema_is_current(s.database_url)) return 1;
  if (s.api_keys.empty() && !s.auth_disabled)
    spdlog::warn("FRONTDESK_API_KEYS is empty: every tool endpoint will answer 401");
  if (s.webhook_secrets.empty() && !s.webhook_unsigned)
    spdlog::warn(
        "ELEVENLABS_WEBHOOK_SECRET is empty: /post-call-webhook refuses every event (401)");

  cliniko_runtime cliniko{s};
  auto& system = cliniko.system();
  // One budget per Cliniko key for every node on the database, live calls first.
  cliniko.share_budget(spawn_shared_budget(system, {s.database_url, s.cliniko_rate_limit}));
  const auto served = start_collaborators(cliniko, s);
  // Named, not bound: the stop below captures them (clang refuses structured bindings there).
  const auto& clinics = served.clinics;
  const auto& database = served.database;
  const auto& availability = served.availability;
  const auto& directory = served.directory;
  const auto& bookings = served.bookings;
  const auto syncs = start_syncs(cliniko, database, clinics, s, directory, availability);
  const auto node = start_node(system, s, clinics, syncs, availability);
  auto changes = listen_for_changes(s, directory, availability);
  const auto recording = start_recording(system, s);
  const auto& recorder = recording.recorder;
  const auto& recordings = recording.recordings;
  auto sessions =
      spawn_session_registry(system, {directory, availability, bookings, recorder, recordings},
                             {.region = s.default_region, .build = build_of(s)});
  const auto webhook = start_webhook(system, database, sessions, s);
  auto routes = front_routes(s.webhook_max_body_bytes);
  auto options = server_options_from(s);
  options.meter = std::make_shared<http::request_meter>(routes);
  front_config front_settings{
      s.tool_deadline,
      s.default_region,
      {},
      {s.webhook_secrets, {.past = s.webhook_tolerance}, s.webhook_unsigned},
      options.meter};
  auto front =
      spawn_front(system,
                  {database, sessions, directory, availability, webhook, recorder,
                   reporters_of(cliniko, served, syncs, sessions, webhook, recorder, node)},
                  std::move(front_settings));

  http::server server{std::move(options), std::move(routes), http::api_key_set{s.api_keys},
                      [front](http_request request, reply_sink_ptr sink) {
                        caf::anon_send(front, std::move(request), std::move(sink));
                      }};
  const auto stop_actors = [&] {
    leave_cluster(system, node);
    changes.reset();
    caf::anon_send_exit(front, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(sessions, caf::exit_reason::user_shutdown);
    stop_recorder(system, recorder);
    if (recordings) caf::anon_send_exit(recordings, caf::exit_reason::user_shutdown);
    served.stop();
    if (webhook) caf::anon_send_exit(webhook, caf::exit_reason::user_shutdown);
    for (const auto& syncer : syncs) caf::anon_send_exit(syncer, caf::exit_reason::user_shutdown);
    cliniko.stop();
    caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
    system.await_all_actors_done();
  };
  std::unique_ptr<running_console> console;
  std::uint16_t port = 0;
  try {
    console = start_console(s);
    port = server.start();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontdesk serve: cannot listen on %s:%u or the console's %s: %s\n",
                 s.bind_address.c_str(), static_cast<unsigned>(s.port), s.console_bind.c_str(),
                 e.what());
    stop_actors();
    return 1;
  }
  spdlog::info("frontdesk {} serving on http://{}:{} ({})", FRONTDESK_VERSION, s.bind_address, port,
               s.env == config::environment::production ? "production" : "development");
  server.run_until_signal(s.shutdown_grace, s.drain_time, [&] {
    caf::anon_send(front, drain_atom::value);
    caf::anon_send(node, drain_atom::value);
  });
  if (console) console->server->shutdown(s.shutdown_grace);
  stop_actors();
  spdlog::info("stopped");
  return 0;
}

}  // namespace frontdesk::cli
