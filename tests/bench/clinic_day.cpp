// A clinic's day, simulated: callers asking about free times over hours of simulated time, the
// clinic's front desk booking in Cliniko underneath, and frontdesk's availability actor (the real
// one, its cache and its warming) answering them through the simulator. CAF's deterministic
// scheduler and an injected clock move time, so a day runs in seconds and the same seed gives
// the same day. Prints, with warming on and off side by side: the share of answers that waited
// on Cliniko, Cliniko requests a minute against the budget, and how often a time read out was
// gone when the caller booked it.
//
//   clinic-day [--hours 8] [--calls-per-hour 40] [--desk-per-hour 12] [--seed 1]
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "actors/availability.hpp"
#include "actors/stand_in_gateway.hpp"
#include "http/json.hpp"
#include "sim/simulator.hpp"

using namespace frontdesk;
using namespace std::chrono_literals;

namespace {

struct options {
  int hours = 8;
  double calls_per_hour = 40;
  double desk_per_hour = 12;
  unsigned seed = 1;
};

struct deterministic_config : caf::actor_system_config {
  deterministic_config() { set("scheduler.policy", caf::atom("testing")); }
};

struct figures {
  std::int64_t answers = 0, waited = 0, age_ms_sum = 0, age_ms_max = 0, warm_requests = 0;
  std::int64_t requests = 0, busiest_minute = 0, minutes = 0;
  std::int64_t bookings = 0, gone = 0;
};

http_request sim_get(const std::string& path, const std::string& query) {
  http_request r;
  r.method = "GET";
  r.path = "/v1" + path;
  r.query = query;
  r.headers = {{"authorization", "Basic ZGVtby1jbGluaWtvLWtleTo="},  // demo-cliniko-key:
               {"user-agent", "frontdesk clinic-day (bench@frontdesk.invalid)"},
               {"host", "sim.bench"}};
  return r;
}

std::vector<unix_seconds> free_times(sim::simulator& sim, const slot_query& q,
                                     domain::instant now) {
  const auto reply =
      sim.answer(sim_get("/businesses/" + q.business_id + "/practitioners/" + q.practitioner_id +
                             "/appointment_types/" + q.appointment_type_id + "/available_times",
                         "from=" + q.from + "&to=" + q.to + "&per_page=100"),
                 now);
  std::vector<unix_seconds> out;
  const auto doc = http::parse_json(reply.body);
  const auto* items = doc ? doc->find("available_times") : nullptr;
  if (!items) return out;
  for (const auto& item : items->as<json_value::array>())
    out.push_back(
        domain::seconds_of(*domain::parse_instant(*text_field(item, "appointment_start"))));
  return out;
}

// Who offers what where in the scenario, with each location's zone.
std::vector<domain::offering> offerings_of(const sim::scenario& s) {
  std::vector<domain::offering> out;
  for (const auto& b : s.businesses) {
    const auto id = *text_field(b, "id");
    const auto zone = *text_field(b, "time_zone_identifier");
    for (const auto& [p, types] : s.practitioner_types) {
      const bool works = std::any_of(s.shifts.begin(), s.shifts.end(), [&](const sim::shift& sh) {
        return sh.practitioner_id == p && sh.business_id == id;
      });
      if (!works) continue;
      for (const auto& t : types)
        for (const auto& listed : b.find("appointment_type_ids")->as<json_value::array>())
          if (listed.as<std::string>() == t) out.push_back({id, p, t, zone});
    }
  }
  return out;
}

figures simulate_day(const options& o, bool warm) {
  const auto start = *domain::parse_instant("2026-11-30T21:00:00Z");  // 8 AM in Sydney
  domain::instant now = start;
  std::chrono::steady_clock::time_point steady{};
  const auto scenario = sim::demo_scenario(start);
  sim::sim_options sim_options;
  sim_options.rate_limit = 1'000'000;  // the budget is counted here, per simulated minute
  sim::simulator sim{scenario, sim_options};

  std::map<std::int64_t, std::int64_t> per_minute;
  const auto spend = [&](std::int64_t n) { per_minute[(now - start).count() / 60] += n; };
  auto script = std::make_shared<actor_testing::gateway_script>();
  script->available_times = [&](const slot_query& q) {
    spend(1);
    return caf::expected<std::vector<unix_seconds>>{free_times(sim, q, now)};
  };

  deterministic_config cfg;
  caf::actor_system system{cfg};
  system.await_actors_before_shutdown(false);
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(system.scheduler());
  const auto gateway = system.spawn(actor_testing::stand_in_gateway, script);
  availability_config config;
  config.gateways = {{1, gateway}};
  config.clock = {[&] { return now; }, [&] { return steady; }};
  config.warm.every = warm ? 30s : 0s;
  config.warm.refresh_after = 90s;  // as serve sets it: the TTL (120 s) less a tick
  const auto availability = spawn_availability(system, config);

  const auto ask = [&](const slot_request& r) {
    auto got = std::make_shared<std::vector<unix_seconds>>();
    system.spawn(
        [=](caf::event_based_actor* self, int) {
          self->request(availability, caf::infinite, available_times_atom::value, r)
              .then([got](const times_reply& reply) { *got = reply.times.front(); },
                    [](caf::error&) {});
        },
        0);
    sched.run();
    return *got;
  };

  const auto offerings = offerings_of(scenario);
  // As the directory actor does when the clinic's directory is first loaded (a call's greeting).
  caf::anon_send(availability, offerings_atom::value, clinic_id{1}, offerings);
  sched.run();
  std::mt19937 random{o.seed};
  // Callers favour some practitioners and services: a Zipf-like popularity, shuffled.
  std::vector<double> weights;
  for (std::size_t i = 0; i < offerings.size(); ++i) weights.push_back(1.0 / double(i + 1));
  std::shuffle(weights.begin(), weights.end(), random);
  std::discrete_distribution<std::size_t> popular{weights.begin(), weights.end()};
  std::uniform_int_distribution<std::size_t> any_offering{0, offerings.size() - 1};
  std::uniform_real_distribution<double> chance{0, 1};

  struct pending_booking {
    domain::instant at;
    domain::offering source;
    unix_seconds start;
  };
  std::vector<pending_booking> bookings;
  std::vector<std::string> changed;  // practitioners whose calendar changed since the last sync
  figures f;

  const auto book_in_cliniko = [&](const domain::offering& s, unix_seconds t) {
    std::string body = R"({"starts_at":")" + domain::format_utc(domain::at(t)) +
                       R"(","patient_id":"514810976554457401","practitioner_id":")" +
                       s.practitioner_id + R"(","appointment_type_id":")" + s.service_id +
                       R"(","business_id":")" + s.location_id + R"("})";
    auto r = sim_get("/individual_appointments", "");
    r.method = "POST";
    r.raw_body = std::move(body);
    sim.answer(r, now);
  };

  for (int second = 0; second < o.hours * 3600; ++second) {
    now += 1s;
    steady += 1s;
    sched.advance_time(1s);
    sched.run();
    const auto today = domain::local_date(now, "Australia/Sydney");
    if (chance(random) < o.calls_per_hour / 3600) {  // a caller asks about a day
      const auto& source = offerings[popular(random)];
      const double r = chance(random);
      const int ahead = r < 0.6   ? static_cast<int>(random() % 7)
                        : r < 0.9 ? 7 + static_cast<int>(random() % 7)
                                  : 14 + static_cast<int>(random() % 14);
      const auto day = domain::plus_days(today, ahead);
      const auto times = ask({1,
                              {source},
                              day,
                              day,
                              domain::seconds_of(now),
                              call_options::within(5s, priority::interactive)});
      if (!times.empty() && chance(random) < 0.5)  // they book what was read out, a bit later
        bookings.push_back({now + 90s, source, times[random() % times.size()]});
    }
    if (chance(random) < o.desk_per_hour / 3600) {  // the front desk books in Cliniko
      const auto& source = offerings[any_offering(random)];
      const auto day =
          domain::format_date(domain::plus_days(today, static_cast<int>(random() % 7)));
      const auto free = free_times(
          sim, {source.location_id, source.practitioner_id, source.service_id, day, day}, now);
      if (!free.empty()) {
        book_in_cliniko(source, free[random() % free.size()]);
        changed.push_back(source.practitioner_id);
      }
    }
    for (auto it = bookings.begin(); it != bookings.end();) {
      if (it->at > now) {
        ++it;
        continue;
      }
      // Booking re-checks the time with Cliniko, then writes it: two requests.
      const auto day =
          domain::format_date(domain::local_date(domain::at(it->start), it->source.zone));
      const auto free = free_times(
          sim,
          {it->source.location_id, it->source.practitioner_id, it->source.service_id, day, day},
          now);
      spend(1);
      ++f.bookings;
      if (std::find(free.begin(), free.end(), it->start) == free.end()) {
        ++f.gone;
      } else {
        spend(1);
        book_in_cliniko(it->source, it->start);
        caf::anon_send(availability, invalidate_atom::value, clinic_id{1},
                       std::vector<std::string>{it->source.practitioner_id});
      }
      it = bookings.erase(it);
    }
    if (second % 300 == 299) {  // the incremental sync: two lists, then what changed is forgotten
      spend(2);
      if (!changed.empty())
        caf::anon_send(availability, invalidate_atom::value, clinic_id{1}, changed);
      changed.clear();
    }
  }
  auto done = std::make_shared<actor_stats>();
  system.spawn(
      [=](caf::event_based_actor* self, int) {
        self->request(availability, caf::infinite, stats_atom::value)
            .then([done](const actor_stats& s) { *done = s; });
      },
      0);
  sched.run();
  f.answers = done->value("answers");
  f.waited = done->value("answers_waited_on_cliniko");
  f.age_ms_sum = done->value("read_age_ms_sum");
  f.age_ms_max = done->value("read_age_ms_max");
  f.warm_requests = done->value("warm_requests");
  f.minutes = o.hours * 60;
  for (const auto& [minute, n] : per_minute) {
    f.requests += n;
    f.busiest_minute = std::max(f.busiest_minute, n);
  }
  caf::anon_send_exit(availability, caf::exit_reason::user_shutdown);
  sched.run();
  return f;
}

void print(const char* name, const figures& f) {
  const auto share = f.answers ? 100.0 * static_cast<double>(f.waited) / f.answers : 0.0;
  std::printf(
      "  %-12s %4lld answers, %5.1f%% waited on Cliniko; %5.1f requests/min (busiest minute %lld, "
      "budget 200), %lld of them warming; read out %.0f s old on average (at most %lld s); %lld "
      "of %lld bookings found the time gone\n",
      name, static_cast<long long>(f.answers), share,
      static_cast<double>(f.requests) / static_cast<double>(f.minutes),
      static_cast<long long>(f.busiest_minute), static_cast<long long>(f.warm_requests),
      f.answers ? static_cast<double>(f.age_ms_sum) / 1000.0 / f.answers : 0.0,
      static_cast<long long>(f.age_ms_max / 1000), static_cast<long long>(f.gone),
      static_cast<long long>(f.bookings));
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--hours")
      o.hours = std::stoi(value);
    else if (flag == "--calls-per-hour")
      o.calls_per_hour = std::stod(value);
    else if (flag == "--desk-per-hour")
      o.desk_per_hour = std::stod(value);
    else if (flag == "--seed")
      o.seed = static_cast<unsigned>(std::stoul(value));
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      return 2;
    }
  }
  std::printf(
      "A simulated day: %d hours, %.0f callers an hour asking about a day, %.0f front-desk "
      "bookings an hour in Cliniko, the demo clinic (seed %u)\n",
      o.hours, o.calls_per_hour, o.desk_per_hour, o.seed);
  print("warming on", simulate_day(o, true));
  print("warming off", simulate_day(o, false));
  return 0;
}
