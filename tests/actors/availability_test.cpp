#include "actors/availability.hpp"

#include "actor_test.hpp"
#include "stand_in_gateway.hpp"

// The availability actor against a stand-in gateway, message by message: which questions reach
// Cliniko, which are answered from the cache, and what the caller is told.
using namespace frontdesk;
using namespace frontdesk::actor_testing;
using namespace std::chrono_literals;

namespace {

const domain::offering wong{"11", "22", "31", sydney};

domain::calendar_date day(const char* text) {
  return *domain::parse_date(text);
}

// Thursday the 26th, 9:30 AM and Friday the 27th, 10 AM in Sydney.
const unix_seconds thursday_930 = utc("2026-11-25T22:30:00Z");
const unix_seconds friday_10 = utc("2026-11-26T23:00:00Z");

class AvailabilityActor : public actor_test {
 protected:
  AvailabilityActor() {
    // Wednesday the 25th of November 2026, 11 AM in Sydney.
    clock.now = *domain::parse_instant("2026-11-25T00:00:00Z");
    script->available_times = [](const slot_query&) {
      return caf::expected<std::vector<unix_seconds>>{
          std::vector<unix_seconds>{thursday_930, friday_10}};
    };
    gateway = system.spawn(stand_in_gateway, script);
    availability_config config;
    config.gateways = {{clinic, gateway}};
    config.clock = clock.reader();
    availability = spawn_availability(system, config);
  }

  slot_request times_on(std::vector<domain::offering> sources, const char* from, const char* to) {
    return {clinic,
            std::move(sources),
            day(from),
            day(to),
            domain::seconds_of(clock.now),
            call_options::within(5s, priority::interactive)};
  }

  caf::expected<times_reply> times(const slot_request& r) {
    return ask<times_reply>(availability, available_times_atom::value, r);
  }

  domain::cache_counters free_times_counters() {
    auto stats = ask<actor_stats>(availability, stats_atom::value);
    for (const auto& c : stats->caches)
      if (c.name == "free_times") return c.counters;
    return {};
  }

  std::shared_ptr<gateway_script> script = std::make_shared<gateway_script>();
  cliniko_gateway_actor gateway;
  availability_actor availability;
};

}  // namespace

TEST_F(AvailabilityActor, AWeekIsFetchedOnceAndServesEveryDayOfIt) {
  const auto thursday = times(times_on({chen}, "2026-11-26", "2026-11-26"));
  ASSERT_TRUE(thursday);
  EXPECT_EQ(thursday->times, (std::vector<std::vector<unix_seconds>>{{thursday_930}}));
  ASSERT_EQ(script->slot_queries.size(), 1u);
  // A whole window of seven dates counted from today, whatever day in it was asked.
  EXPECT_EQ(script->slot_queries.front().from, "2026-11-25");
  EXPECT_EQ(script->slot_queries.front().to, "2026-12-01");
  EXPECT_EQ(script->slot_queries.front().practitioner_id, "21");

  const auto friday = times(times_on({chen}, "2026-11-27", "2026-11-27"));
  EXPECT_EQ(friday->times, (std::vector<std::vector<unix_seconds>>{{friday_10}}));
  EXPECT_EQ(script->count("available_times"), 1u);
  EXPECT_EQ(free_times_counters().hits, 1);
  EXPECT_EQ(free_times_counters().misses, 1);
}

TEST_F(AvailabilityActor, TwoCallsAskingAtOnceShareOneRequest) {
  auto answered = std::make_shared<int>(0);
  for (int i = 0; i < 2; ++i)
    system.spawn(
        [this, answered, r = times_on({chen}, "2026-11-26", "2026-11-27")](
            caf::event_based_actor* self, int) {
          self->request(availability, caf::infinite, available_times_atom::value, r)
              .then([answered](const times_reply& reply) {
                if (reply.times.at(0).size() == 2) ++*answered;
              });
        },
        0);
  run();
  EXPECT_EQ(*answered, 2);
  EXPECT_EQ(script->count("available_times"), 1u);
}

TEST_F(AvailabilityActor, FreeTimesAreForgottenAfterTheirTtlOrWhenTheCalendarChanges) {
  const auto r = times_on({chen, wong}, "2026-11-26", "2026-11-26");
  times(r);
  EXPECT_EQ(script->count("available_times"), 2u);  // one window for each practitioner
  clock.advance(119s);
  times(r);
  EXPECT_EQ(script->count("available_times"), 2u);
  clock.advance(2s);
  times(r);
  EXPECT_EQ(script->count("available_times"), 4u);
  // Only Dr Chen's calendar changed: only hers is asked again.
  caf::anon_send(availability, invalidate_atom::value, clinic, std::vector<std::string>{"21"});
  run();
  times(r);
  EXPECT_EQ(script->count("available_times"), 5u);
  EXPECT_EQ(script->slot_queries.back().practitioner_id, "21");
}

TEST_F(AvailabilityActor, ATimeThatFailedToBookIsNotOfferedForAWhile) {
  const auto r = times_on({chen}, "2026-11-26", "2026-11-27");
  caf::anon_send(availability, failed_atom::value, clinic, std::string{"21"}, thursday_930);
  run();
  EXPECT_EQ(times(r)->times.at(0), (std::vector<unix_seconds>{friday_10}));
  clock.advance(901s);
  EXPECT_EQ(times(r)->times.at(0), (std::vector<unix_seconds>{thursday_930, friday_10}));
}

TEST_F(AvailabilityActor, TimesBeforeTheCallersNowAreLeftOut) {
  auto r = times_on({chen}, "2026-11-26", "2026-11-27");
  r.not_before = thursday_930 + 60;
  EXPECT_EQ(times(r)->times.at(0), (std::vector<unix_seconds>{friday_10}));
}

TEST_F(AvailabilityActor, TheEarliestOfEveryoneAskedIsFoundInOneRoundWhenThisWeekHasIt) {
  script->available_times = [](const slot_query& q) {
    return caf::expected<std::vector<unix_seconds>>{
        std::vector<unix_seconds>{q.practitioner_id == "21" ? friday_10 : thursday_930}};
  };
  const auto found = ask<found_slot>(availability, next_available_atom::value,
                                     times_on({chen, wong}, "2026-11-25", "2026-12-20"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->start, thursday_930);
  EXPECT_EQ(found->source.practitioner_id, "22");
  // This week of each, and nothing further: no one can be earlier than a time found this week.
  EXPECT_EQ(script->count("available_times"), 2u);
  for (const auto& q : script->slot_queries) {
    EXPECT_EQ(q.from, "2026-11-25");
    EXPECT_EQ(q.to, "2026-12-01");  // seven dates: Cliniko's widest
  }
}

TEST_F(AvailabilityActor, AFirstTimeThreeWeeksOutCostsThreeWindowsEach) {
  // Five practitioners, all booked out until the 15th of December, twenty days from today.
  const auto first_free = utc("2026-12-14T22:00:00Z");
  script->available_times = [=](const slot_query& q) {
    const bool third_week = q.from == "2026-12-09";
    return caf::expected<std::vector<unix_seconds>>{
        third_week ? std::vector<unix_seconds>{first_free + 3600 * std::stoll(q.practitioner_id)}
                   : std::vector<unix_seconds>{}};
  };
  std::vector<domain::offering> five;
  for (int i = 1; i <= 5; ++i) five.push_back({"11", std::to_string(i), "31", sydney});
  const auto found = ask<found_slot>(availability, next_available_atom::value,
                                     times_on(five, "2026-11-25", "2026-12-24"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->start, first_free + 3600);
  EXPECT_EQ(found->source.practitioner_id, "1");
  // A round a week, five requests each within the six connections: three rounds, fifteen
  // requests. The weeks after the one with a time, which the range also holds, are never asked.
  EXPECT_EQ(script->count("available_times"), 15u);
  for (const auto& q : script->slot_queries) EXPECT_NE(q.from, "2026-12-16");
  // Asked again, the same search is answered from the cache.
  ask<found_slot>(availability, next_available_atom::value,
                  times_on(five, "2026-11-25", "2026-12-24"));
  EXPECT_EQ(script->count("available_times"), 15u);
}

TEST_F(AvailabilityActor, NothingFreeSearchesTheWholeRangeAndSaysSo) {
  script->available_times = [](const slot_query&) {
    return caf::expected<std::vector<unix_seconds>>{std::vector<unix_seconds>{}};
  };
  const auto found = ask<found_slot>(availability, next_available_atom::value,
                                     times_on({chen}, "2026-11-25", "2026-12-08"));
  ASSERT_TRUE(found);
  EXPECT_EQ(found->start, 0);
  EXPECT_EQ(script->count("available_times"), 2u);  // fourteen days: two windows
}

TEST_F(AvailabilityActor, DatesAreAskedInTheAccountsZone) {
  // A Perth location of a Sydney account: Perth's Thursday runs into Sydney's Friday morning.
  const domain::offering perth{"12", "21", "31", "Australia/Perth", true, sydney};
  times(times_on({perth}, "2026-11-26", "2026-11-26"));
  ASSERT_EQ(script->slot_queries.size(), 1u);
  EXPECT_EQ(script->slot_queries.front().from, "2026-11-25");  // Sydney's today
  // Times outside Perth's Thursday are not Thursday's, whatever Sydney's date.
  const auto r = times(times_on({perth}, "2026-11-26", "2026-11-26"));
  EXPECT_EQ(r->times.at(0), (std::vector<unix_seconds>{thursday_930}));
}

TEST_F(AvailabilityActor, WhoDidNotAnswerIsCountedAndNoAnswerAtAllIsAnError) {
  script->available_times = [](const slot_query& q) {
    if (q.practitioner_id == "21")
      return caf::expected<std::vector<unix_seconds>>{make_error(error_code::cliniko_unavailable)};
    return caf::expected<std::vector<unix_seconds>>{std::vector<unix_seconds>{thursday_930}};
  };
  const auto some = times(times_on({chen, wong}, "2026-11-26", "2026-11-26"));
  ASSERT_TRUE(some);
  EXPECT_EQ(some->unanswered, 1);
  EXPECT_EQ(some->times.at(1), (std::vector<unix_seconds>{thursday_930}));
  const auto none = times(times_on({chen}, "2026-11-26", "2026-11-26"));
  ASSERT_FALSE(none);
  EXPECT_EQ(code_of(none.error()), error_code::cliniko_unavailable);
}

TEST_F(AvailabilityActor, TheMostAskedFreeTimesAreKeptWarmWithinTheirShareOfTheBudget) {
  availability_config config;
  config.gateways = {{clinic, gateway}};
  config.clock = clock.reader();
  config.warm.every = 60s;
  config.warm.share = 0.25;
  config.warm.rate_limit = 12;  // a share of 3 requests a minute
  config.warm.days = 14;        // two windows
  config.warm.refresh_after = 60s;
  const auto warmed = spawn_availability(system, config);
  const auto asked_chen = [&] {
    return ask<times_reply>(warmed, available_times_atom::value,
                            times_on({chen}, "2026-11-26", "2026-11-26"));
  };
  asked_chen();
  asked_chen();
  ask<times_reply>(warmed, available_times_atom::value,
                   times_on({wong}, "2026-11-26", "2026-11-26"));
  EXPECT_EQ(script->count("available_times"), 2u);  // this week of each

  // A minute on, within the share of three: the nearest weeks first, most asked first (Dr Chen's
  // this week, Wong's this week, then Dr Chen's next). Wong's next week does not fit.
  clock.advance(61s);
  advance(61s);
  ASSERT_EQ(script->count("available_times"), 5u);
  EXPECT_EQ(script->slot_queries.at(2).practitioner_id, "21");
  EXPECT_EQ(script->slot_queries.at(3).practitioner_id, "22");
  EXPECT_EQ(script->slot_queries.at(4).practitioner_id, "21");
  EXPECT_EQ(script->slot_queries.at(4).from, "2026-12-02");

  // Her next week is now answered from the cache: the caller does not wait on Cliniko.
  const auto next_week = ask<times_reply>(warmed, available_times_atom::value,
                                          times_on({chen}, "2026-12-03", "2026-12-03"));
  ASSERT_TRUE(next_week);
  EXPECT_EQ(script->count("available_times"), 5u);
  const auto stats = ask<actor_stats>(warmed, stats_atom::value);
  EXPECT_EQ(stats->value("answers"), 4);
  EXPECT_EQ(stats->value("answers_waited_on_cliniko"), 2);  // the first of each practitioner
  EXPECT_EQ(stats->value("warm_requests"), 3);

  // A clinic's offerings, once its directory is loaded, are warmed too, after what was asked:
  // a first caller about Tom finds his week warm. (A minute on, with a budget again: the
  // asked weeks that went stale first, then his.)
  const domain::offering tom{"11", "27", "31", sydney};
  clock.advance(61s);
  caf::anon_send(warmed, offerings_atom::value, clinic, std::vector<domain::offering>{tom});
  run();
  EXPECT_EQ(script->slot_queries.back().practitioner_id, "27");
  EXPECT_GE(stats->value("read_age_ms_max"), 0);
  // Its tick rearms itself: stopped here, or the test scheduler's shutdown would run it forever.
  caf::anon_send_exit(warmed, caf::exit_reason::user_shutdown);
  run();
}
