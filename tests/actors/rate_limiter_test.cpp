#include "actors/rate_limiter.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actor_test.hpp"
#include "messages/error.hpp"

// A Cliniko key's rate limiter on a node of several: each request also needs a grant from the
// budget every node shares (a stand-in here, answering as each test says).
using namespace frontdesk;
using namespace frontdesk::actor_testing;
using namespace std::chrono_literals;

namespace {

/// What the shared budget was asked, and how it answers.
struct budget_log {
  std::vector<std::int64_t> wanted;
  std::vector<bool> background;
  std::vector<std::int64_t> paused_until;
  /// Grants given per take: as many as wanted unless `none_until` is set.
  std::int64_t none_until = 0;
  bool away = false;
};

shared_budget_actor::behavior_type budget_stand_in(shared_budget_actor::pointer,
                                                   std::shared_ptr<budget_log> log, int) {
  return {
      [log](take_atom, const std::string& key, std::int64_t want,
            bool background) -> caf::result<std::int64_t, std::int64_t> {
        EXPECT_EQ(key, "key-hash");
        log->wanted.push_back(want);
        log->background.push_back(background);
        if (log->away) return make_error(error_code::database_unavailable);
        if (log->none_until > 0) return {std::int64_t{0}, log->none_until};
        return {want, std::int64_t{0}};
      },
      [log](pause_atom, const std::string&, std::int64_t until) {
        log->paused_until.push_back(until);
      },
      [](stats_atom) { return actor_stats{}; },
  };
}

class SharedRateLimiter : public actor_test {
 protected:
  SharedRateLimiter() {
    rate_limit limit;
    limit.clock = clock.reader();
    limit.shared = system.spawn(budget_stand_in, log, 0);
    limit.key_hash = "key-hash";
    limiter = spawn_rate_limiter(system, limit);
  }

  /// A live call with `seconds` left, by the test's steady clock.
  call_options live_call(int seconds = 5) const {
    return {priority::interactive,
            std::chrono::duration_cast<std::chrono::nanoseconds>(
                (clock.steady + std::chrono::seconds{seconds}).time_since_epoch())
                .count()};
  }

  std::shared_ptr<budget_log> log = std::make_shared<budget_log>();
  rate_limiter_actor limiter;
};

}  // namespace

TEST_F(SharedRateLimiter, CallersWaitingTogetherTakeTheirGrantsInOneGo) {
  auto granted = std::make_shared<int>(0);
  for (int i = 0; i < 5; ++i)
    system.spawn(
        [this, granted](caf::event_based_actor* self, int) {
          self->request(limiter, caf::infinite, acquire_atom::value, live_call())
              .then([granted](std::int64_t) { ++*granted; }, [](caf::error&) {});
        },
        0);
  run();
  EXPECT_EQ(*granted, 5);
  // The first alone, then the four that waited meanwhile, together; all as live calls.
  EXPECT_EQ(log->wanted, (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(log->background, (std::vector<bool>{false, false}));
}

TEST_F(SharedRateLimiter, ASpentMinuteIsABusyAnswerAtOnceForACallerThatCannotWait) {
  log->none_until = 30;  // no grant for 30 s (the test's wall clock reads 0)
  const auto answer = ask<std::int64_t>(limiter, acquire_atom::value, live_call(5));
  ASSERT_FALSE(answer);
  EXPECT_EQ(code_of(answer.error()), error_code::cliniko_rate_limited);
  EXPECT_EQ(log->wanted.size(), 1u);  // asked once, and told when: no asking in a loop
}

TEST_F(SharedRateLimiter, ClinikosPauseIsToldToEveryNode) {
  caf::anon_send(limiter, pause_atom::value, std::int64_t{90});
  run();
  EXPECT_EQ(log->paused_until, (std::vector<std::int64_t>{90}));
}

TEST_F(SharedRateLimiter, WithoutTheSharedBudgetTheNodesOwnWindowDecides) {
  log->away = true;
  EXPECT_TRUE(ask<std::int64_t>(limiter, acquire_atom::value, live_call()));
  EXPECT_TRUE(ask<std::int64_t>(limiter, acquire_atom::value, live_call()));
  EXPECT_EQ(log->wanted.size(), 1u);  // not asked again while it is away
}
