#include "storage/migrations.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "storage/secret_box.hpp"
#include "support/test_database.hpp"

using namespace frontdesk;
using frontdesk::test_support::query_value;
using frontdesk::test_support::test_database;

TEST(Migrations, AnEmptyDatabaseHasEveryMigrationPending) {
  test_database db;
  pqxx::connection conn{db.url()};
  const auto status = storage::read_schema_status(conn);
  EXPECT_EQ(status.current, 0);
  ASSERT_EQ(status.pending.size(), storage::all_migrations().size());
  EXPECT_EQ(status.pending.front().version, 1);
}

TEST(Migrations, ApplyInOrderOnceAndRecordThem) {
  test_database db;
  pqxx::connection conn{db.url()};
  const auto applied = storage::apply_migrations(conn);
  ASSERT_EQ(applied.size(), storage::all_migrations().size());
  for (std::size_t i = 1; i < applied.size(); ++i) EXPECT_LT(applied[i - 1], applied[i]);

  EXPECT_TRUE(storage::apply_migrations(conn).empty());  // a second run changes nothing
  const auto status = storage::read_schema_status(conn);
  EXPECT_TRUE(status.pending.empty());
  EXPECT_EQ(status.current, storage::all_migrations().back().version);
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM schema_migrations"),
            std::to_string(applied.size()));
  EXPECT_EQ(query_value(db.url(), "SELECT checksum FROM schema_migrations WHERE version = 1"),
            storage::checksum(storage::all_migrations().front().sql));
  EXPECT_EQ(query_value(db.url(), "SELECT to_regclass('clinics') IS NOT NULL"), "t");
}

TEST(Migrations, ConcurrentMigratorsApplyEachMigrationOnce) {
  test_database db;
  std::vector<std::size_t> counts(3);
  std::vector<std::thread> migrators;
  for (std::size_t i = 0; i < counts.size(); ++i)
    migrators.emplace_back([&, i] {
      try {
        pqxx::connection conn{db.url()};
        counts[i] = storage::apply_migrations(conn).size();
      } catch (const std::exception& e) {
        ADD_FAILURE() << "migrator " << i << ": " << e.what();
      }
    });
  for (auto& t : migrators) t.join();
  EXPECT_EQ(counts[0] + counts[1] + counts[2], storage::all_migrations().size());
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM schema_migrations"),
            std::to_string(storage::all_migrations().size()));
}

TEST(Migrations, AnAppliedMigrationThatChangedIsRefused) {
  test_database db;
  pqxx::connection conn{db.url()};
  storage::apply_migrations(conn);
  query_value(db.url(), "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");
  EXPECT_THROW(storage::read_schema_status(conn), storage::migration_error);
  EXPECT_THROW(storage::apply_migrations(conn), storage::migration_error);
}

TEST(Migrations, ClinicSchemaKeepsNumbersInE164AndKeysSealed) {
  test_database db;
  pqxx::connection conn{db.url()};
  storage::apply_migrations(conn);

  std::array<unsigned char, 32> master{};
  master.fill(42);
  const storage::secret_box box{master};
  const std::string api_key = "MS0xMjM0NTY3ODkwYWJjZGVm-au2";
  {
    pqxx::work tx{conn};
    const auto id = tx.exec1(
                          "INSERT INTO clinics (name, timezone, cliniko_shard, cliniko_key_sealed)"
                          " VALUES ('Harbour Physio', 'Australia/Sydney', 'au2', '\\x00')"
                          " RETURNING id")[0]
                        .as<long long>();
    const auto sealed = box.seal(api_key, "clinic:" + std::to_string(id));
    tx.exec_params("UPDATE clinics SET cliniko_key_sealed = $1 WHERE id = $2",
                   pqxx::binarystring(sealed), id);
    tx.exec_params("INSERT INTO clinic_numbers (e164, clinic_id) VALUES ('+61298765432', $1)", id);
    tx.commit();
  }
  // What is at rest is not the key, and opens back to it.
  const auto stored =
      query_value(db.url(), "SELECT encode(cliniko_key_sealed, 'escape') FROM clinics");
  EXPECT_EQ(stored.find(api_key), std::string::npos);
  pqxx::work tx{conn};
  const auto row = tx.exec1("SELECT id, cliniko_key_sealed FROM clinics");
  const pqxx::binarystring sealed{row[1]};
  EXPECT_EQ(box.open(sealed.str(), "clinic:" + row[0].as<std::string>()), api_key);
  tx.abort();

  pqxx::work bad{conn};
  EXPECT_THROW(
      bad.exec(
          "INSERT INTO clinic_numbers (e164, clinic_id) SELECT '02 9876 5432', id FROM clinics"),
      pqxx::check_violation);
}
