#include "actors/sync.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <pqxx/pqxx>

#include "actors/cliniko_gateway.hpp"
#include "actors/rate_limiter.hpp"
#include "domain/phone.hpp"
#include "domain/resolve.hpp"
#include "messages/error.hpp"
#include "storage/clinics.hpp"
#include "storage/database.hpp"
#include "storage/directory.hpp"
#include "storage/migrations.hpp"
#include "support/ask.hpp"
#include "support/sim_server.hpp"
#include "support/test_database.hpp"

// The sync actor keeping a clinic's local copy in PostgreSQL, against the simulator.
using namespace frontdesk;
using namespace std::chrono_literals;
using test_support::query_value;

namespace {

constexpr const char* key = "demo-cliniko-key";

class Sync : public ::testing::Test {
 protected:
  void SetUp() override {
    clinic = test_support::onboard_demo_clinic(db.url());
    database = storage::spawn_database(system, {db.url(), 2});
  }

  void TearDown() override {
    for (auto& a : actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
    system.await_all_actors_done();
  }

  sync_actor syncer_for(test_support::sim_server& sim) {
    auto limiter = spawn_rate_limiter(system, {});
    gateway = spawn_cliniko_gateway(
        system, runtime, {key, sim.base_url(), "frontdesk tests (dev@frontdesk.invalid)", ""},
        limiter);
    auto syncer = spawn_sync(system, {clinic, "AU", 0s}, gateway, database);
    actors.push_back(caf::actor_cast<caf::actor>(limiter));
    actors.push_back(caf::actor_cast<caf::actor>(gateway));
    actors.push_back(caf::actor_cast<caf::actor>(syncer));
    return syncer;
  }

  template <class T, class Handle, class... Ts>
  caf::expected<T> ask(const Handle& to, Ts&&... xs) {
    return test_support::ask<T>(system, to, std::forward<Ts>(xs)...);
  }

  sync_report full_sync(const sync_actor& syncer, sync_kind kind = sync_kind::full) {
    auto report = ask<sync_report>(syncer, sync_atom::value, kind);
    EXPECT_TRUE(report) << system.render(report.error());
    return report ? *report : sync_report{};
  }

  std::vector<std::string> names_at(const std::string& number) {
    const auto e164 = domain::to_e164(number, "AU");
    EXPECT_TRUE(e164) << number;
    auto found =
        ask<std::vector<patient>>(database, phone_lookup_atom::value, clinic, e164.value_or(""));
    EXPECT_TRUE(found);
    std::vector<std::string> names;
    if (found)
      for (const auto& p : *found) names.push_back(p.first_name + " " + p.last_name);
    return names;
  }

  test_support::test_database db;
  caf::actor_system_config cfg;
  http::client_runtime runtime;
  caf::actor_system system{cfg};
  clinic_id clinic = 0;
  database_actor database;
  cliniko_gateway_actor gateway;
  std::vector<caf::actor> actors;
};

// Appointments a full sync keeps: from a day ago on, not cancelled.
// Booked appointments as far back as the first sync reaches (sync_config::history).
std::int64_t booked_in_reach(const sim::scenario& s) {
  const auto from = test_support::now() - sync_config{}.history;
  std::int64_t n = 0;
  for (const auto& a : s.appointments) {
    const auto starts = domain::parse_instant(*text_field(a, "starts_at"));
    const auto* cancelled = a.find("cancelled_at");
    if (*starts >= from && (!cancelled || cancelled->is_null())) ++n;
  }
  return n;
}

}  // namespace

TEST_F(Sync, FullSyncOfTheDemoClinicMatchesTheScenario) {
  const auto scenario = sim::demo_scenario(test_support::now());
  const auto expected = sim::count(scenario);
  test_support::sim_server sim{scenario};
  const auto report = full_sync(syncer_for(sim));
  EXPECT_TRUE(report.directory_refreshed);
  EXPECT_EQ(report.counts.locations, static_cast<std::int64_t>(expected.businesses));
  EXPECT_EQ(report.counts.practitioners, static_cast<std::int64_t>(expected.practitioners));
  EXPECT_EQ(report.counts.services, static_cast<std::int64_t>(expected.appointment_types));
  EXPECT_EQ(report.counts.patients, static_cast<std::int64_t>(expected.patients));
  EXPECT_EQ(report.counts.appointments, booked_in_reach(scenario));
  EXPECT_EQ(report.unreadable_numbers, 0);
  EXPECT_GT(report.cliniko_requests, 0);

  // Who offers what where: Sarah gives follow-ups at Bondi; Olivia works at Bondi, but Bondi does
  // not list her one service, so she offers nothing there.
  const auto offered = [&](const std::string& practitioner, const std::string& location) {
    return query_value(db.url(), "SELECT count(*) FROM offerings WHERE clinic_id = " +
                                     std::to_string(clinic) + " AND practitioner_id = '" +
                                     practitioner + "' AND location_id = '" + location + "'");
  };
  // Each location's country: the public holidays callers name are its.
  EXPECT_EQ(query_value(db.url(),
                        "SELECT string_agg(DISTINCT country_code, ',') FROM locations"
                        " WHERE clinic_id = " +
                            std::to_string(clinic)),
            "AU");
  EXPECT_EQ(offered("514810976554457301", "514810976554457101"), "3");
  EXPECT_EQ(offered("514810976554457306", "514810976554457101"), "0");
  EXPECT_EQ(
      query_value(db.url(), "SELECT time_zone FROM locations WHERE id = '514810976554457103'"),
      "Australia/Melbourne");
}

TEST_F(Sync, PatientsAreFoundByAnyFormatOfTheirNumber) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  full_sync(syncer_for(sim));
  for (const char* written :
       {"0412 345 678", "+61412345678", "61412345678", "0412-345-678", "+61 (0)412 345 678"})
    EXPECT_EQ(names_at(written), (std::vector<std::string>{"Emma Thompson"})) << written;
  // A family line, stored in two formats in Cliniko: both patients, in name order.
  EXPECT_EQ(names_at("(02) 9387 6543"), (std::vector<std::string>{"Noah Nguyen", "Olivia Nguyen"}));
  EXPECT_EQ(names_at("+61 2 9250 1234"),
            (std::vector<std::string>{"Liam Walker"}));  // a work number
  EXPECT_TRUE(names_at("0467 890 123").empty());         // archived in Cliniko
  EXPECT_TRUE(names_at("0499 999 999").empty());
}

TEST_F(Sync, IncrementalSyncPicksUpChangesMadeInCliniko) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  auto syncer = syncer_for(sim);
  const auto first = full_sync(syncer);

  // Meanwhile, at the clinic: a new patient books, an appointment is cancelled, a patient's
  // number changes.
  const auto call = call_options::within(10s, priority::interactive);
  auto newcomer =
      ask<patient>(gateway, create_patient_atom::value,
                   new_patient{"Mia", "Clarke", "", {{"Mobile", "0455 000 111"}}}, call);
  ASSERT_TRUE(newcomer);
  const auto tomorrow_nine =
      test_support::now().time_since_epoch().count() / 86400 * 86400 + 2 * 86400 - 2 * 3600;
  auto booked = ask<appointment>(gateway, book_atom::value,
                                 new_appointment{tomorrow_nine, newcomer->id, "514810976554457302",
                                                 "514810976554457202", "514810976554457102", ""},
                                 call);
  ASSERT_TRUE(booked) << system.render(booked.error());
  ASSERT_TRUE(ask<std::string>(gateway, cancel_atom::value, std::string("514810976554457501"),
                               cancellation{cancellation_reason::sick, ""}, call));
  ASSERT_EQ(
      sim.ask("PATCH", "/patients/514810976554457406", "",
              R"({"patient_phone_numbers":[{"phone_type":"Mobile","number":"0400 123 987"}]})")
          .status,
      200u);

  const auto second = full_sync(syncer, sync_kind::incremental);
  EXPECT_FALSE(second.directory_refreshed);
  EXPECT_EQ(second.appointments_fetched, 2);  // the new one and the cancelled one
  EXPECT_EQ(second.patients_fetched, 2);      // the newcomer and the renumbered
  EXPECT_LT(second.cliniko_requests, first.cliniko_requests);
  EXPECT_EQ(second.counts.appointments, first.counts.appointments);  // one more, one fewer
  EXPECT_EQ(second.counts.patients, first.counts.patients + 1);
  EXPECT_NE(query_value(db.url(),
                        "SELECT cancelled_at FROM appointments WHERE id = '514810976554457501'"),
            "");
  EXPECT_EQ(query_value(db.url(),
                        "SELECT patient_name FROM appointments WHERE id = '" + booked->id + "'"),
            "Mia Clarke");
  EXPECT_EQ(names_at("0455 000 111"), (std::vector<std::string>{"Mia Clarke"}));
  EXPECT_EQ(names_at("0400 123 987"), (std::vector<std::string>{"William Jones"}));
  EXPECT_TRUE(names_at("0445 678 901").empty());  // William's old number is gone from the index

  // Nothing changed since: at most the last second's records again (the watermark overlaps by a
  // second so that nothing updated within it is missed), and nothing resurrected.
  const auto third = full_sync(syncer, sync_kind::incremental);
  EXPECT_LE(third.appointments_fetched, second.appointments_fetched);
  EXPECT_LE(third.patients_fetched, second.patients_fetched);
  EXPECT_EQ(third.counts.appointments, second.counts.appointments);
  EXPECT_NE(query_value(db.url(),
                        "SELECT cancelled_at FROM appointments WHERE id = '514810976554457501'"),
            "");
}

TEST_F(Sync, ConcurrentRequestsShareOneSync) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  auto syncer = syncer_for(sim);
  std::vector<sync_report> reports;
  caf::scoped_actor waiter{system};
  // One argument, unused: CAF 0.17 dereferences the empty argument tuple of an actor spawned
  // without any (undefined behaviour that UBSan halts on).
  waiter->wait_for(system.spawn(
      [&](caf::event_based_actor* self, int) {
        for (int i = 0; i < 3; ++i)
          self->request(syncer, 60s, sync_atom::value, sync_kind::full)
              .then([&, self](sync_report& r) {
                reports.push_back(r);
                if (reports.size() == 3) self->quit();
              });
      },
      0));
  ASSERT_EQ(reports.size(), 3u);
  // One run answered all three: the same requests, and Cliniko saw just that many.
  EXPECT_EQ(reports[0].cliniko_requests, reports[2].cliniko_requests);
  EXPECT_EQ(static_cast<std::int64_t>(sim.simulator().requests()), reports[0].cliniko_requests);
}

TEST_F(Sync, RecordsRemovedFromClinikoAreMarkedNotResurrected) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  const auto before = full_sync(syncer_for(sim));

  // The same account later, with Dr Aisha Rahman gone, Richmond closed (archived), and an
  // appointment deleted (Cliniko's lists, of changes or otherwise, no longer show it).
  auto later = sim::demo_scenario(test_support::now());
  std::erase_if(later.appointments,
                [](const json_value& a) { return text_field(a, "id") == "514810976554457502"; });
  std::erase_if(later.practitioners,
                [](const json_value& p) { return text_field(p, "id") == "514810976554457308"; });
  std::erase_if(later.shifts,
                [](const sim::shift& s) { return s.practitioner_id == "514810976554457308"; });
  for (auto& b : later.businesses)
    if (text_field(b, "id") == "514810976554457103")
      b.set("archived_at", json_value{std::string("2026-01-01T00:00:00Z")});
  test_support::sim_server changed{later};
  const auto report = full_sync(syncer_for(changed));
  EXPECT_EQ(report.counts.practitioners, 7);
  EXPECT_EQ(report.counts.locations, 2);
  EXPECT_EQ(report.counts.appointments, before.counts.appointments - 1);
  EXPECT_EQ(
      query_value(db.url(), "SELECT archived FROM appointments WHERE id = '514810976554457502'"),
      "t");
  EXPECT_EQ(
      query_value(db.url(), "SELECT active FROM practitioners WHERE id = '514810976554457308'"),
      "f");
  EXPECT_EQ(query_value(db.url(), "SELECT archived FROM locations WHERE id = '514810976554457103'"),
            "t");
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM offerings WHERE location_id = '514810976554457103'"),
            "0");
}

TEST_F(Sync, ClinikoFailuresAreReportedAndRecorded) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  auto syncer = syncer_for(sim);
  sim::sim_options broken;
  broken.error_rate = 1.0;
  sim.simulator().set_options(broken);
  auto failed = ask<sync_report>(syncer, sync_atom::value, sync_kind::full);
  ASSERT_FALSE(failed);
  EXPECT_EQ(code_of(failed.error()), error_code::cliniko_unavailable);
  EXPECT_NE(query_value(db.url(), "SELECT last_error FROM sync_state WHERE clinic_id = " +
                                      std::to_string(clinic)),
            "");

  sim.simulator().set_options({});
  EXPECT_TRUE(ask<sync_report>(syncer, sync_atom::value, sync_kind::full));
  EXPECT_EQ(query_value(db.url(), "SELECT last_error FROM sync_state WHERE clinic_id = " +
                                      std::to_string(clinic)),
            "");
}

TEST_F(Sync, TheDirectoryReadsBackAndResolvesWhatCallersSay) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  full_sync(syncer_for(sim));
  pqxx::connection conn{db.url()};
  pqxx::read_transaction tx{conn};
  const auto d = storage::load_directory(tx, clinic);
  EXPECT_EQ(d.clinic_name, "Harbour Health");
  EXPECT_EQ(d.locations.size(), 3u);
  EXPECT_EQ(d.practitioners.size(), 8u);
  EXPECT_EQ(d.services.size(), 6u);
  EXPECT_EQ(d.offerings.size(), 23u);

  const auto bondi = domain::resolve_location("Bondi", d);
  ASSERT_EQ(bondi.what, domain::resolution<domain::location>::kind::found);
  EXPECT_EQ(bondi.chosen->time_zone, "Australia/Sydney");
  EXPECT_EQ(domain::resolve_location("Harbour Health", d).options.size(), 3u);

  // A sound-alike is asked about ("Did you mean Dr Sarah Chen?"); the name as written is taken.
  const auto chan = domain::resolve_practitioner("Dr Chan", d);
  ASSERT_EQ(chan.what, domain::resolution<domain::practitioner>::kind::ask);
  EXPECT_EQ(chan.options.front()->display_name, "Dr Sarah Chen");
  // Locations read their state from Cliniko: "Victoria" is Richmond.
  EXPECT_EQ(domain::resolve_location("Victoria", d).chosen->label, "Richmond");
  const auto chen = domain::resolve_practitioner("Dr Chen", d);
  ASSERT_EQ(chen.what, domain::resolution<domain::practitioner>::kind::found);
  EXPECT_EQ(chen.chosen->display_name, "Dr Sarah Chen");
  // Sarah: three services, at Bondi and the City; Olivia works at Bondi but offers nothing there.
  EXPECT_EQ(domain::services_of(d, chen.chosen->id).size(), 3u);
  EXPECT_EQ(domain::locations_of(d, chen.chosen->id).size(), 2u);
  const auto olivia = domain::resolve_practitioner("Olivia", d).chosen;
  ASSERT_NE(olivia, nullptr);
  EXPECT_TRUE(domain::services_of(d, olivia->id, bondi.chosen->id).empty());
  const auto at_bondi = domain::practitioners_at(d, bondi.chosen->id);
  EXPECT_NE(std::find(at_bondi.begin(), at_bondi.end(), olivia), at_bondi.end());

  // "A massage": remedial or sports, so ask. Pilates is Olivia's, never Sarah's.
  EXPECT_EQ(domain::resolve_service("a massage", d).what,
            domain::resolution<domain::service>::kind::ask);
  EXPECT_EQ(domain::resolve_service("pilates", d, olivia->id).what,
            domain::resolution<domain::service>::kind::found);
  EXPECT_EQ(domain::resolve_service("pilates", d, chen.chosen->id).what,
            domain::resolution<domain::service>::kind::none);

  EXPECT_EQ(storage::clinic_by_number(tx, "+61298765432")->name, "Harbour Health");
  EXPECT_FALSE(storage::clinic_by_number(tx, "+61299999999"));
}

TEST_F(Sync, TheAccountsSettingsAreKeptAsFarAsTheKeyMaySeeThem) {
  test_support::sim_server sim{sim::demo_scenario(test_support::now())};
  auto syncer = syncer_for(sim);
  full_sync(syncer);
  const auto setting = [&](const char* column) {
    return query_value(db.url(),
                       std::string("SELECT coalesce(") + column +
                           "::text, 'unknown') FROM clinics WHERE id = " + std::to_string(clinic));
  };
  EXPECT_EQ(setting("account_time_zone"), "Australia/Sydney");  // "Sydney" at Cliniko
  EXPECT_EQ(setting("slot_minutes"), "15");
  EXPECT_EQ(setting("settings_readable"), "true");
  EXPECT_EQ(setting("cancellation_notice_hours"), "24");

  // A key whose role may not view settings: the public part still gives the zone.
  sim::sim_options forbidden;
  forbidden.settings_forbidden = true;
  sim.simulator().set_options(forbidden);
  full_sync(syncer);
  EXPECT_EQ(setting("account_time_zone"), "Australia/Sydney");
  EXPECT_EQ(setting("settings_readable"), "false");
  EXPECT_EQ(setting("cancellation_notice_hours"), "unknown");

  // Each practitioner's usual service is kept (Cliniko's default_appointment_type).
  pqxx::connection conn{db.url()};
  pqxx::read_transaction tx{conn};
  const auto d = storage::load_directory(tx, clinic);
  EXPECT_EQ(d.account_zone, "Australia/Sydney");
  EXPECT_EQ(d.find_practitioner("514810976554457301")->default_service_id, "514810976554457201");
}

TEST_F(Sync, ClinikosOlderDocumentedShapesReadTheSame) {
  // Absent date-times as "" (not "archived"), and relative links, across pages of 100.
  sim::sim_options quirky;
  quirky.empty_string_dates = true;
  quirky.relative_links = true;
  const auto scenario = sim::generated_scenario(2, 120, test_support::now());
  test_support::sim_server sim{scenario, quirky};
  const auto report = full_sync(syncer_for(sim));
  EXPECT_EQ(report.counts.locations, 2);
  EXPECT_EQ(report.counts.practitioners, 120);  // two pages, the second by a relative link
  EXPECT_EQ(report.counts.services, 6);
}
