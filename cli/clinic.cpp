// frontdesk clinic: onboarding and looking after clinics.
#include <spdlog/spdlog.h>

#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <cstdio>
#include <pqxx/pqxx>

#include "actors/sync.hpp"
#include "cli/commands.hpp"
#include "cli/runtime.hpp"
#include "cliniko/requests.hpp"
#include "config/logging.hpp"
#include "domain/phone.hpp"
#include "domain/time_zone.hpp"
#include "messages/error.hpp"
#include "storage/clinics.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace frontdesk::cli {
namespace {

using namespace std::chrono_literals;

constexpr const char* usage =
    "usage: frontdesk clinic <action> [options]\n"
    "\n"
    "  add --name NAME --cliniko-key KEY --dialed-number NUMBER... [--agent-id ID...] [--timezone "
    "ZONE]\n"
    "        checks the key with Cliniko, then saves the clinic (the key sealed with "
    "FRONTDESK_MASTER_KEY)\n"
    "  list\n"
    "        every clinic, its numbers, agents and last sync (keys are never shown)\n"
    "  update NAME [--name NEW] [--cliniko-key KEY] [--timezone ZONE] [--dialed-number N...]\n"
    "              [--remove-number N...] [--agent-id ID...] [--remove-agent ID...] [--activate]\n"
    "              [--online-visibility cliniko|everything]\n"
    "        cliniko (default): what is hidden from Cliniko's online bookings is not read out;\n"
    "        everything: it is listed too (its times are still arranged by the clinic)\n"
    "  deactivate NAME\n"
    "        stops serving and syncing the clinic (nothing is deleted)\n"
    "  sync NAME [--incremental]\n"
    "        syncs the clinic's local copy from Cliniko now and prints what it holds\n"
    "\n"
    "Numbers may be written in any common format; national ones are read in DEFAULT_REGION.\n";

struct clinic_args {
  std::string action;
  std::string target;  // the clinic acted on (update, deactivate, sync)
  std::string name;
  std::string key;
  std::string time_zone;
  std::vector<std::string> numbers;
  std::vector<std::string> remove_numbers;
  std::vector<std::string> agents;
  std::vector<std::string> remove_agents;
  std::string online_visibility;
  bool activate = false;
  bool incremental = false;
};

clinic_args parse(const std::vector<std::string>& rest) {
  clinic_args a;
  if (rest.empty()) usage_error("which action? add, list, update, deactivate or sync");
  a.action = rest[0];
  std::size_t i = 1;
  if (a.action != "add" && a.action != "list") {
    if (rest.size() < 2 || rest[1].starts_with("--"))
      usage_error("'clinic " + a.action + "' needs the clinic's name");
    a.target = rest[1];
    i = 2;
  }
  for (; i < rest.size(); ++i) {
    const auto& flag = rest[i];
    if (flag == "--activate") {
      a.activate = true;
      continue;
    }
    if (flag == "--incremental") {
      a.incremental = true;
      continue;
    }
    if (i + 1 >= rest.size()) usage_error(flag + " needs a value");
    const auto& value = rest[++i];
    if (flag == "--name")
      a.name = value;
    else if (flag == "--cliniko-key")
      a.key = value;
    else if (flag == "--timezone")
      a.time_zone = value;
    else if (flag == "--dialed-number")
      a.numbers.push_back(value);
    else if (flag == "--remove-number")
      a.remove_numbers.push_back(value);
    else if (flag == "--agent-id")
      a.agents.push_back(value);
    else if (flag == "--remove-agent")
      a.remove_agents.push_back(value);
    else if (flag == "--online-visibility" && (value == "cliniko" || value == "everything"))
      a.online_visibility = value;
    else if (flag == "--online-visibility")
      usage_error("invalid --online-visibility '" + value + "': cliniko or everything");
    else
      usage_error("unknown option " + flag);
  }
  return a;
}

std::vector<std::string> to_e164_all(const std::vector<std::string>& numbers,
                                     const std::string& region) {
  std::vector<std::string> out;
  for (const auto& n : numbers) {
    auto e164 = domain::to_e164(n, region);
    if (!e164)
      usage_error(std::string("invalid --dialed-number '")
                      .append(n)
                      .append("': not a phone number in ")
                      .append(region));
    out.push_back(*e164);
  }
  return out;
}

storage::secret_box sealer(const config::settings& s) {
  if (!s.master_key)
    usage_error("FRONTDESK_MASTER_KEY is not set: it seals the clinics' Cliniko keys");
  return storage::secret_box{*s.master_key};
}

// Asks Cliniko whether it accepts the key; prints what went wrong when it does not.
bool key_works(cliniko_runtime& runtime, const std::string& key) {
  caf::scoped_actor self{runtime.system()};
  bool ok = false;
  self->request(runtime.gateway_for(key), 30s, verify_atom::value,
                call_options::within(20s, priority::interactive))
      .receive(
          [&](std::int64_t locations) {
            std::printf("Cliniko accepted the key: %lld location(s) visible.\n",
                        static_cast<long long>(locations));
            ok = true;
          },
          [&](caf::error& e) {
            std::fprintf(stderr, "frontdesk clinic: %s\n",
                         explain_cliniko_error(e, runtime.base_url_for(key), key).c_str());
          });
  return ok;
}

bool report_taken(pqxx::work& tx, const std::vector<std::string>& numbers,
                  const std::vector<std::string>& agents, clinic_id except) {
  const auto taken = storage::already_taken(tx, numbers, agents, except);
  for (const auto& line : taken) std::fprintf(stderr, "frontdesk clinic: %s\n", line.c_str());
  return !taken.empty();
}

clinic_record require_clinic(pqxx::work& tx, const std::string& name) {
  auto found = storage::find_clinic(tx, name);
  if (!found)
    throw std::runtime_error("no clinic named '" + name + "' (see 'frontdesk clinic list')");
  return *found;
}

void check_time_zone(const std::string& zone) {
  if (!domain::is_known_time_zone(zone))
    usage_error("invalid --timezone '" + zone + "': not an IANA time zone");
}

int add(const config::settings& s, clinic_args a, pqxx::connection& conn) {
  if (a.name.empty() || a.key.empty() || a.numbers.empty())
    usage_error("'clinic add' needs --name, --cliniko-key and at least one --dialed-number");
  if (a.time_zone.empty()) a.time_zone = s.default_timezone;
  check_time_zone(a.time_zone);
  const auto numbers = to_e164_all(a.numbers, s.default_region);
  const auto box = sealer(s);
  {
    pqxx::work tx{conn};
    if (storage::find_clinic(tx, a.name))
      throw std::runtime_error("a clinic named '" + a.name + "' exists already");
    if (report_taken(tx, numbers, a.agents, 0)) return 1;
  }
  cliniko_runtime runtime{s};
  if (!key_works(runtime, a.key)) return 1;
  pqxx::work tx{conn};
  const auto id = storage::add_clinic(
      tx, {a.name, a.time_zone, a.key, cliniko::shard_of(a.key), numbers, a.agents}, box);
  tx.commit();
  std::printf("Added clinic '%s' (id %lld, %s). Next: frontdesk clinic sync '%s'\n", a.name.c_str(),
              static_cast<long long>(id), a.time_zone.c_str(), a.name.c_str());
  return 0;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out.empty() ? "-" : out;
}

int list(pqxx::connection& conn) {
  pqxx::read_transaction tx{conn};
  const auto clinics = storage::list_clinics(tx);
  if (clinics.empty()) std::printf("No clinics yet: frontdesk clinic add --help\n");
  for (const auto& c : clinics) {
    const auto synced = c.last_sync ? domain::format_utc(domain::at(c.last_sync)) : "never";
    std::printf(
        "%s (id %lld)%s\n  time zone %s, Cliniko shard %s\n  numbers: %s\n  agents: %s\n  last "
        "sync: %s%s\n",
        c.name.c_str(), static_cast<long long>(c.id), c.active ? "" : " [inactive]",
        c.time_zone.c_str(), c.shard.c_str(), join(c.numbers).c_str(), join(c.agent_ids).c_str(),
        synced.c_str(),
        c.last_error.empty() ? "" : (" (last error: " + c.last_error + ")").c_str());
  }
  return 0;
}

int update(const config::settings& s, const clinic_args& a, pqxx::connection& conn) {
  const auto numbers = to_e164_all(a.numbers, s.default_region);
  const auto removed = to_e164_all(a.remove_numbers, s.default_region);
  if (!a.time_zone.empty()) check_time_zone(a.time_zone);
  clinic_record clinic;
  {
    pqxx::work tx{conn};
    clinic = require_clinic(tx, a.target);
    if (report_taken(tx, numbers, a.agents, clinic.id)) return 1;
  }
  if (!a.key.empty()) {
    cliniko_runtime runtime{s};
    if (!key_works(runtime, a.key)) return 1;
  }
  pqxx::work tx{conn};
  if (!a.key.empty())
    storage::replace_key(tx, clinic.id, a.key, cliniko::shard_of(a.key), sealer(s));
  if (!a.name.empty()) storage::rename_clinic(tx, clinic.id, a.name);
  if (!a.time_zone.empty()) storage::set_time_zone(tx, clinic.id, a.time_zone);
  if (a.activate) storage::set_active(tx, clinic.id, true);
  if (!a.online_visibility.empty())
    storage::set_online_visibility(tx, clinic.id, a.online_visibility);
  storage::add_numbers(tx, clinic.id, numbers);
  storage::remove_numbers(tx, clinic.id, removed);
  storage::add_agents(tx, clinic.id, a.agents);
  storage::remove_agents(tx, clinic.id, a.remove_agents);
  tx.commit();
  std::printf("Updated clinic '%s'.\n", (a.name.empty() ? clinic.name : a.name).c_str());
  return 0;
}

int deactivate(const clinic_args& a, pqxx::connection& conn) {
  pqxx::work tx{conn};
  const auto clinic = require_clinic(tx, a.target);
  storage::set_active(tx, clinic.id, false);
  tx.commit();
  std::printf("Deactivated clinic '%s': it is no longer served or synced.\n", clinic.name.c_str());
  return 0;
}

void print_report(const sync_report& r) {
  const auto& c = r.counts;
  std::printf("Synced in %.2f s with %lld Cliniko requests%s.\n",
              static_cast<double>(r.duration_ms) / 1000.0,
              static_cast<long long>(r.cliniko_requests),
              r.directory_refreshed ? " (directory included)" : "");
  std::printf("  fetched: %lld appointments, %lld patients\n",
              static_cast<long long>(r.appointments_fetched),
              static_cast<long long>(r.patients_fetched));
  std::printf(
      "  local copy: %lld locations, %lld practitioners, %lld services, %lld offerings,\n"
      "              %lld appointments, %lld patients, %lld phone numbers indexed\n",
      static_cast<long long>(c.locations), static_cast<long long>(c.practitioners),
      static_cast<long long>(c.services), static_cast<long long>(c.offerings),
      static_cast<long long>(c.appointments), static_cast<long long>(c.patients),
      static_cast<long long>(c.phone_numbers));
  if (r.unreadable_numbers > 0)
    std::printf("  %lld patient phone number(s) could not be read and are not indexed\n",
                static_cast<long long>(r.unreadable_numbers));
}

int sync(const config::settings& s, const clinic_args& a, pqxx::connection& conn) {
  clinic_record clinic;
  {
    pqxx::work tx{conn};
    clinic = require_clinic(tx, a.target);
  }
  const auto key = sealer(s).open(clinic.sealed_key, storage::key_context(clinic.id));
  if (!key)
    throw std::runtime_error("the Cliniko key of '" + clinic.name +
                             "' does not open with FRONTDESK_MASTER_KEY");
  cliniko_runtime runtime{s};
  auto database = storage::spawn_database(runtime.system(), {s.database_url, 2});
  sync_config config{clinic.id, s.default_region, std::chrono::seconds{0}, s.directory_refresh};
  auto syncer = spawn_sync(runtime.system(), config, runtime.gateway_for(*key), database);
  std::printf("Syncing '%s' from %s ...\n", clinic.name.c_str(),
              runtime.base_url_for(*key).c_str());
  int code = 1;
  caf::scoped_actor self{runtime.system()};
  self->request(syncer, 15min, sync_atom::value,
                a.incremental ? sync_kind::incremental : sync_kind::full)
      .receive(
          [&](sync_report& report) {
            print_report(report);
            code = 0;
          },
          [&](caf::error& e) {
            std::fprintf(stderr, "frontdesk clinic: sync failed: %s\n",
                         explain_cliniko_error(e, runtime.base_url_for(*key), *key).c_str());
          });
  caf::anon_send_exit(syncer, caf::exit_reason::user_shutdown);
  caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
  return code;
}

}  // namespace

int clinic(const std::vector<std::string>& args) {
  return run_database_command(
      "clinic", usage, config::uses::cliniko | config::uses::sealed, args, parse,
      [](const config::settings& s, const clinic_args& a, pqxx::connection& conn) {
        if (a.action == "add") return add(s, a, conn);
        if (a.action == "list") return list(conn);
        if (a.action == "update") return update(s, a, conn);
        if (a.action == "deactivate") return deactivate(a, conn);
        if (a.action == "sync") return sync(s, a, conn);
        usage_error("unknown action '" + a.action + "' (add, list, update, deactivate, sync)");
      });
}

}  // namespace frontdesk::cli
