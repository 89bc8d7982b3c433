#include "storage/database.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <pqxx/pqxx>
#include <thread>

#include "messages/error.hpp"
#include "storage/bookings.hpp"
#include "storage/migrations.hpp"
#include "support/tcp_proxy.hpp"
#include "support/test_database.hpp"

using namespace frontdesk;
using namespace std::chrono_literals;

namespace {

struct ping_result {
  std::optional<database_status> status;
  caf::error error;
};

ping_result ping(caf::actor_system& system, const database_actor& db) {
  caf::scoped_actor self{system};
  ping_result result;
  self->request(db, 10s, ping_atom::value)
      .receive([&](const database_status& s) { result.status = s; },
               [&](caf::error& e) { result.error = std::move(e); });
  return result;
}

class DatabaseActor : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::connection conn{db.url()};
    storage::apply_migrations(conn);
  }

  test_support::test_database db;
  caf::actor_system_config cfg;
  caf::actor_system system{cfg};
};

class BookingGuard : public DatabaseActor {};

}  // namespace

TEST_F(DatabaseActor, PingReportsTheSchemaVersion) {
  auto database = storage::spawn_database(system, {db.url(), 2});
  const auto result = ping(system, database);
  ASSERT_TRUE(result.status.has_value()) << system.render(result.error);
  EXPECT_EQ(result.status->schema_version, storage::all_migrations().back().version);
  EXPECT_GT(result.status->round_trip_us, 0);
  caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
}

TEST_F(DatabaseActor, AnUnreachableDatabaseIsAnErrorValue) {
  auto database = storage::spawn_database(system, {"postgresql://frontdesk@127.0.0.1:1/none", 1});
  const auto result = ping(system, database);
  EXPECT_FALSE(result.status.has_value());
  EXPECT_EQ(code_of(result.error), error_code::database_unavailable);
  caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
}

TEST_F(DatabaseActor, ReconnectsByItselfAfterTheDatabaseComesBack) {
  test_support::tcp_proxy proxy{db.host(), static_cast<std::uint16_t>(db.port())};
  auto database = storage::spawn_database(system, {db.url_via(proxy.port()), 2, 100ms});
  ASSERT_TRUE(ping(system, database).status.has_value());

  proxy.cut();
  // Both workers of the pool notice: every ping fails while the database is away.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(code_of(ping(system, database).error), error_code::database_unavailable);

  proxy.restore();
  bool recovered = false;
  for (int attempt = 0; attempt < 100 && !recovered; ++attempt) {
    recovered =
        ping(system, database).status.has_value() && ping(system, database).status.has_value();
    if (!recovered) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(recovered);
  caf::anon_send_exit(database, caf::exit_reason::user_shutdown);
}

// The winner's claim completing while losers claim the same time: both write rows the
// exclusion constraint checks, so without one order between them PostgreSQL finds a deadlock,
// waits a second to say so and aborts one of them (a caller hearing "something went wrong").
TEST_F(BookingGuard, ACompletionWhileOthersClaimTheSameTimeNeverDeadlocks) {
  const auto clinic =
      std::stoll(test_support::query_value(db.url(),
                                           "INSERT INTO clinics (name, timezone, cliniko_shard,"
                                           " cliniko_key_sealed) VALUES ('Race Physio',"
                                           " 'Australia/Sydney', 'au1', '\\x00') RETURNING id"));
  const auto intent_for = [clinic](int round, const std::string& who) {
    booking_intent i;
    i.clinic = clinic;
    i.request_key = "r" + std::to_string(round) + who;
    i.session_id = who;
    i.practitioner_id = "p1";
    i.starts_at = 1'900'000'000 + round * 3600;
    i.ends_at = i.starts_at + 1800;
    return i;
  };
  std::atomic<int> failures{0}, taken{0};
  const auto in_transaction = [&](auto work) {
    try {
      pqxx::connection conn{db.url()};
      pqxx::work tx{conn};
      work(tx);
      tx.commit();
    } catch (const std::exception& e) {
      ADD_FAILURE() << e.what();
      ++failures;
    }
  };
  constexpr int rounds = 30, losers = 3;
  for (int round = 0; round < rounds && failures == 0; ++round) {
    booking_intent winner;
    in_transaction([&](auto& tx) { winner = storage::claim(tx, intent_for(round, "w")).intent; });
    std::vector<std::thread> racing;
    racing.emplace_back([&] {
      appointment a;
      a.id = "a" + std::to_string(round);
      a.starts_at = winner.starts_at;
      a.ends_at = winner.ends_at;
      a.practitioner_id = winner.practitioner_id;
      in_transaction([&](auto& tx) { storage::complete_intent(tx, clinic, winner.id, a); });
    });
    for (int l = 0; l < losers; ++l)
      racing.emplace_back([&, l] {
        in_transaction([&](auto& tx) {
          const auto out = storage::claim(tx, intent_for(round, "l" + std::to_string(l)));
          if (out.what == claim_outcome::kind::taken) ++taken;
        });
      });
    for (auto& t : racing) t.join();
  }
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(taken.load(), rounds * losers);
}
