#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>

#include "actors/cliniko_gateway.hpp"
#include "actors/rate_limiter.hpp"
#include "messages/error.hpp"
#include "support/ask.hpp"
#include "support/demo_ids.hpp"
#include "support/sim_server.hpp"
#include "support/tls_proxy.hpp"

// The gateway and the rate limiter against the simulator over real HTTP (and HTTPS).
using namespace frontdesk;
using namespace std::chrono_literals;
using namespace frontdesk::test_support::demo;
using test_support::sim_server;

namespace {

constexpr const char* key = "demo-cliniko-key";

call_options soon(std::chrono::milliseconds budget = 10s) {
  return call_options::within(budget, priority::interactive);
}

class Cliniko : public ::testing::Test {
 protected:
  void TearDown() override {
    for (auto& g : gateways) caf::anon_send_exit(g, caf::exit_reason::user_shutdown);
    for (auto& l : limiters) caf::anon_send_exit(l, caf::exit_reason::user_shutdown);
    system.await_all_actors_done();
  }

  cliniko_gateway_actor gateway_for(const std::string& base_url, const std::string& api_key = key,
                                    rate_limit limit = {}, std::string ca_file = "") {
    limiters.push_back(spawn_rate_limiter(system, limit));
    gateways.push_back(spawn_cliniko_gateway(
        system, runtime,
        {api_key, base_url, "frontdesk tests (dev@frontdesk.invalid)", std::move(ca_file)},
        limiters.back()));
    return gateways.back();
  }

  template <class T, class Handle, class... Ts>
  caf::expected<T> ask(const Handle& to, Ts&&... xs) {
    return test_support::ask<T>(system, to, std::forward<Ts>(xs)...);
  }

  // Runs `body` in an event-based actor (which can have many requests in flight) and waits
  // until it quits. The actor gets an argument it ignores: CAF 0.17 dereferences the empty
  // argument tuple of an actor spawned without any (undefined behaviour that UBSan halts on).
  template <class Body>
  void run_until_done(Body body) {
    caf::scoped_actor waiter{system};
    waiter->wait_for(system.spawn([body](caf::event_based_actor* self, int) { body(self); }, 0));
  }

  static std::string today_plus(int days) {
    const auto today = domain::local_date(test_support::now(), "Australia/Sydney");
    return domain::format_date(date::year_month_day{date::sys_days{today} + date::days{days}});
  }

  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
  http::client_runtime runtime;
  std::vector<cliniko_gateway_actor> gateways;
  std::vector<rate_limiter_actor> limiters;
};

}  // namespace

TEST_F(Cliniko, ReadsTheDemoDirectory) {
  sim_server sim{sim::demo_scenario(test_support::now())};
  auto gateway = gateway_for(sim.base_url());

  auto businesses = ask<std::vector<business>>(gateway, businesses_atom::value, soon());
  ASSERT_TRUE(businesses) << system.render(businesses.error());
  ASSERT_EQ(businesses->size(), 3u);
  EXPECT_EQ(businesses->front().id, bondi);
  EXPECT_EQ(businesses->front().time_zone, "Australia/Sydney");
  EXPECT_EQ((*businesses)[2].time_zone, "Australia/Melbourne");
  EXPECT_EQ(businesses->front().appointment_type_ids.size(), 5u);

  auto practitioners = ask<std::vector<practitioner>>(gateway, practitioners_atom::value, soon());
  ASSERT_TRUE(practitioners);
  EXPECT_EQ(practitioners->size(), 8u);
  EXPECT_EQ(practitioners->front().display_name, "Dr Sarah Chen");

  auto types = ask<std::vector<appointment_type>>(gateway, appointment_types_atom::value, soon());
  ASSERT_TRUE(types);
  EXPECT_EQ(types->size(), 6u);
  EXPECT_EQ((*types)[2].duration_minutes, 60);

  auto roster = ask<business_roster>(gateway, roster_atom::value, bondi, soon());
  ASSERT_TRUE(roster);
  EXPECT_NE(std::find(roster->practitioner_ids.begin(), roster->practitioner_ids.end(), sarah),
            roster->practitioner_ids.end());
  EXPECT_EQ(roster->practitioner_ids.size(), 4u);  // Sarah, Mei Lin, Olivia, Tom

  auto services = ask<practitioner_services>(gateway, services_atom::value, sarah, soon());
  ASSERT_TRUE(services);
  EXPECT_EQ(services->appointment_type_ids.size(), 3u);
}

TEST_F(Cliniko, ReadsAppointmentsAndPatientsWithExactIds) {
  sim_server sim{sim::demo_scenario(test_support::now())};
  auto gateway = gateway_for(sim.base_url());
  auto appointments =
      ask<std::vector<appointment>>(gateway, appointments_atom::value, appointment_query{}, soon());
  ASSERT_TRUE(appointments);
  ASSERT_EQ(appointments->size(), 12u);
  const auto& first = appointments->front();
  EXPECT_EQ(first.id, "514810976554457501");
  EXPECT_EQ(first.practitioner_id, sarah);
  EXPECT_EQ(first.business_id, bondi);
  EXPECT_EQ(first.patient_name, "Emma Thompson");
  EXPECT_EQ(first.ends_at - first.starts_at, 30 * 60);
  EXPECT_EQ(std::count_if(appointments->begin(), appointments->end(),
                          [](const appointment& a) { return a.cancelled_at != 0; }),
            1);

  auto patients = ask<std::vector<patient>>(gateway, patients_atom::value, unix_seconds{0}, soon());
  ASSERT_TRUE(patients);
  EXPECT_EQ(patients->size(), 10u);
  EXPECT_EQ(std::count_if(patients->begin(), patients->end(),
                          [](const patient& p) { return p.archived; }),
            1);
  EXPECT_EQ((*patients)[1].phones.size(), 2u);
  EXPECT_EQ((*patients)[1].phones[1].type, "Work");
}

TEST_F(Cliniko, FollowsPaginationPastAHundredRecords) {
  sim_server sim{sim::generated_scenario(2, 230, test_support::now())};
  auto gateway = gateway_for(sim.base_url());
  const auto before = sim.simulator().requests();
  auto practitioners = ask<std::vector<practitioner>>(gateway, practitioners_atom::value, soon());
  ASSERT_TRUE(practitioners);
  EXPECT_EQ(practitioners->size(), 230u);
  std::vector<std::string> ids;
  for (const auto& p : *practitioners) ids.push_back(p.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());  // no page read twice
  EXPECT_EQ(sim.simulator().requests() - before, 4u);         // 3 pages of 100, and /inactive
}

TEST_F(Cliniko, FreeTimesAndTheNextOne) {
  sim_server sim{sim::demo_scenario(test_support::now())};
  auto gateway = gateway_for(sim.base_url());
  const slot_query week{bondi, sarah, follow_up, today_plus(0), today_plus(6)};
  auto times = ask<std::vector<unix_seconds>>(gateway, available_times_atom::value, week, soon());
  ASSERT_TRUE(times) << system.render(times.error());
  ASSERT_FALSE(times->empty());
  EXPECT_TRUE(std::is_sorted(times->begin(), times->end()));
  EXPECT_GT(times->front(), test_support::now().time_since_epoch().count());

  const auto before = sim.simulator().requests();
  const slot_query too_long{bondi, sarah, follow_up, today_plus(0), today_plus(10)};
  auto refused =
      ask<std::vector<unix_seconds>>(gateway, available_times_atom::value, too_long, soon());
  EXPECT_EQ(code_of(refused.error()), error_code::invalid_request);
  EXPECT_EQ(sim.simulator().requests(), before);  // refused before it cost a request
}

TEST_F(Cliniko, WritesGoOnceAndReadBack) {
  sim_server sim{sim::demo_scenario(test_support::now())};
  auto gateway = gateway_for(sim.base_url());
  auto created = ask<patient>(
      gateway, create_patient_atom::value,
      new_patient{"Zoë", "Adams", "zoe@example.com", {{"Mobile", "0400 111 222"}}}, soon());
  ASSERT_TRUE(created) << system.render(created.error());
  EXPECT_EQ(created->first_name, "Zoë");
  ASSERT_EQ(created->phones.size(), 1u);

  const slot_query week{bondi, sarah, follow_up, today_plus(0), today_plus(6)};
  const auto free =
      *ask<std::vector<unix_seconds>>(gateway, available_times_atom::value, week, soon());
  auto booked = ask<appointment>(
      gateway, book_atom::value,
      new_appointment{free.front(), created->id, sarah, follow_up, bondi, "booked by test"},
      soon());
  ASSERT_TRUE(booked) << system.render(booked.error());
  EXPECT_EQ(booked->starts_at, free.front());
  EXPECT_EQ(booked->patient_name, "Zoë Adams");
  auto after = *ask<std::vector<unix_seconds>>(gateway, available_times_atom::value, week, soon());
  EXPECT_NE(after.front(), free.front());  // the time is taken now

  auto moved = ask<appointment>(gateway, move_atom::value, booked->id,
                                appointment_change{free[3], 0, "", "", "", ""}, soon());
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->starts_at, free[3]);
  EXPECT_EQ(moved->id, booked->id);

  auto cancelled = ask<std::string>(gateway, cancel_atom::value, booked->id,
                                    cancellation{cancellation_reason::away, "on holiday"}, soon());
  ASSERT_TRUE(cancelled);
  auto read = ask<appointment>(gateway, appointment_atom::value, booked->id, soon());
  ASSERT_TRUE(read);
  EXPECT_NE(read->cancelled_at, 0);
}

TEST_F(Cliniko, EveryErrorClassIsTyped) {
  sim_server sim{sim::demo_scenario(test_support::now())};
  auto gateway = gateway_for(sim.base_url());

  auto wrong_key =
      ask<std::int64_t>(gateway_for(sim.base_url(), "not-the-key-au1"), verify_atom::value, soon());
  EXPECT_EQ(code_of(wrong_key.error()), error_code::cliniko_unauthorized);

  auto missing = ask<business_roster>(gateway, roster_atom::value, std::string("999"), soon());
  EXPECT_EQ(code_of(missing.error()), error_code::cliniko_not_found);

  auto invalid =
      ask<patient>(gateway, create_patient_atom::value, new_patient{"Ann", "", "", {}}, soon());
  EXPECT_EQ(code_of(invalid.error()), error_code::cliniko_validation);
  EXPECT_NE(context_of(invalid.error()).find("last_name"), std::string::npos)
      << context_of(invalid.error());

  // A write that fails is not repeated: one request, whatever came back.
  auto before = sim.simulator().requests();
  auto ghost =
      ask<appointment>(gateway, book_atom::value,
                       new_appointment{test_support::now().time_since_epoch().count() + 86400,
                                       "123", sarah, follow_up, bondi, ""},
                       soon());
  EXPECT_EQ(code_of(ghost.error()), error_code::cliniko_unavailable);  // Cliniko's 500 quirk
  EXPECT_EQ(sim.simulator().requests() - before, 1u);

  // Reads are retried, then give up with the class of the last failure.
  sim::sim_options faults;
  faults.error_rate = 1.0;
  sim.simulator().set_options(faults);
  before = sim.simulator().requests();
  auto failing = ask<std::int64_t>(gateway, verify_atom::value, soon());
  EXPECT_EQ(code_of(failing.error()), error_code::cliniko_unavailable);
  EXPECT_EQ(sim.simulator().requests() - before, 3u);

  faults = {};
  faults.drop_rate = 1.0;
  sim.simulator().set_options(faults);
  EXPECT_EQ(code_of(ask<std::int64_t>(gateway, verify_atom::value, soon()).error()),
            error_code::cliniko_unavailable);

  faults = {};
  faults.timeout_rate = 1.0;
  sim.simulator().set_options(faults);
  EXPECT_EQ(code_of(ask<std::int64_t>(gateway, verify_atom::value, soon(700ms)).error()),
            error_code::cliniko_timeout);

  sim.simulator().set_options({});
  EXPECT_TRUE(ask<std::int64_t>(gateway, verify_atom::value, soon()));
}

TEST_F(Cliniko, A429PausesTheKeyUntilCliniko_sWindowResets) {
  sim::sim_options tight;
  tight.rate_limit = 1;
  sim_server sim{sim::demo_scenario(test_support::now()), tight};
  auto gateway = gateway_for(sim.base_url());
  ASSERT_TRUE(ask<std::int64_t>(gateway, verify_atom::value, soon()));
  auto limited = ask<std::int64_t>(gateway, verify_atom::value, soon(2s));
  EXPECT_EQ(code_of(limited.error()), error_code::cliniko_rate_limited);
  EXPECT_EQ(sim.simulator().rate_limited(), 1u);
  // Paused now: the next call is refused by our limiter without troubling Cliniko.
  const auto before = sim.simulator().requests();
  EXPECT_EQ(code_of(ask<std::int64_t>(gateway, verify_atom::value, soon(2s)).error()),
            error_code::cliniko_rate_limited);
  EXPECT_EQ(sim.simulator().requests(), before);
}

TEST_F(Cliniko, SpeaksTlsWithVerification) {
  const auto certs = test_support::make_test_certificates();
  sim_server sim{sim::demo_scenario(test_support::now())};
  test_support::tls_proxy tls{certs, sim.port()};
  const auto base = "https://localhost:" + std::to_string(tls.port()) + "/v1";
  auto options = sim::sim_options{};
  options.public_url = base;
  sim.simulator().set_options(options);

  auto trusted = ask<std::vector<business>>(gateway_for(base, key, {}, certs.ca_file),
                                            businesses_atom::value, soon());
  ASSERT_TRUE(trusted) << system.render(trusted.error());
  EXPECT_EQ(trusted->size(), 3u);

  auto untrusted = ask<std::vector<business>>(gateway_for(base), businesses_atom::value, soon());
  ASSERT_FALSE(untrusted);
  EXPECT_EQ(code_of(untrusted.error()), error_code::cliniko_unavailable);
  EXPECT_NE(context_of(untrusted.error()).find("certificate"), std::string::npos)
      << context_of(untrusted.error());

  // The certificate names localhost, not 127.0.0.1.
  const auto by_address = "https://127.0.0.1:" + std::to_string(tls.port()) + "/v1";
  auto wrong_name = ask<std::vector<business>>(gateway_for(by_address, key, {}, certs.ca_file),
                                               businesses_atom::value, soon());
  EXPECT_FALSE(wrong_name);
  std::remove(certs.ca_file.c_str());
}

TEST_F(Cliniko, RateLimiterUnderOverloadUsesTheWholeBudgetAndNeverMore) {
  sim::sim_options budget;
  budget.rate_limit = 20;
  budget.rate_window = 1s;
  sim_server sim{sim::demo_scenario(test_support::now()), budget};
  auto gateway = gateway_for(sim.base_url(), key, rate_limit{20, 1s, 100ms});

  constexpr int requests = 90;
  std::atomic<int> ok{0}, failed{0};
  run_until_done([&](caf::event_based_actor* self) {
    for (int i = 0; i < requests; ++i)
      self->request(gateway, 60s, verify_atom::value,
                    call_options::within(30s, priority::background))
          .then(
              [&, self](std::int64_t) {
                if (++ok + failed == requests) self->quit();
              },
              [&, self](caf::error&) {
                if (ok + ++failed == requests) self->quit();
              });
  });
  EXPECT_EQ(ok, requests);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(sim.simulator().rate_limited(), 0u);

  // In every one-second window the simulator saw at most 20 requests, and the busiest had 20.
  auto times = sim.simulator().accepted_times();
  std::sort(times.begin(), times.end());
  std::size_t busiest = 0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto end =
        std::lower_bound(times.begin() + static_cast<long>(i), times.end(), times[i] + 1s);
    busiest =
        std::max(busiest, static_cast<std::size_t>(end - (times.begin() + static_cast<long>(i))));
  }
  EXPECT_EQ(busiest, 20u);
}

TEST_F(Cliniko, LimiterRefusesAtOnceWhatItCannotServeInTimeAndServesLiveCallsFirst) {
  auto limiter = spawn_rate_limiter(system, rate_limit{1, 400ms, 0ms});
  limiters.push_back(limiter);
  EXPECT_TRUE(ask<std::int64_t>(limiter, acquire_atom::value, soon(1s)));
  auto refused = ask<std::int64_t>(limiter, acquire_atom::value, soon(100ms));
  EXPECT_EQ(code_of(refused.error()), error_code::cliniko_rate_limited);

  std::vector<std::string> order;
  run_until_done([&](caf::event_based_actor* self) {
    for (const auto& [name, urgency] : {std::pair{"background-1", priority::background},
                                        std::pair{"background-2", priority::background},
                                        std::pair{"live", priority::interactive}})
      self->request(limiter, 10s, acquire_atom::value, call_options::within(5s, urgency))
          .then([&order, self, name = std::string(name)](std::int64_t) {
            order.push_back(name);
            if (order.size() == 3) self->quit();
          });
  });
  EXPECT_EQ(order, (std::vector<std::string>{"live", "background-1", "background-2"}));
}
