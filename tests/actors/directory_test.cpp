#include "actors/directory.hpp"

#include "actor_test.hpp"
#include "stand_in_database.hpp"
#include "support/directories.hpp"

// The directory actor against a stand-in database, with the clock in the test's hands: what a
// caller waits for, and what is read again behind their back.
using namespace frontdesk;
using namespace frontdesk::actor_testing;
using namespace std::chrono_literals;

namespace {

const std::string dialed = "+61290000000";

class DirectoryActor : public actor_test {
 protected:
  DirectoryActor() {
    ledger_->numbers[dialed] = clinic_record{clinic, "Harbour Health", sydney, "au1", "", true};
    ledger_->directory = test_support::two_locations().directory;
    database = system.spawn(stand_in_database, ledger_);
    directory_config config;
    config.clock = clock.reader();
    directory = spawn_directory(system, database, config);
  }

  caf::expected<clinic_view> lookup(const std::string& number = dialed) {
    return ask<clinic_view>(directory, clinic_atom::value, number);
  }

  std::shared_ptr<ledger> ledger_ = std::make_shared<ledger>();
  database_actor database;
  directory_actor directory;
};

}  // namespace

TEST_F(DirectoryActor, AClinicLoadedAtStartUpCostsItsFirstCallerOneLookupOnly) {
  caf::anon_send(directory, load_atom::value, ledger_->numbers[dialed]);
  run();
  EXPECT_EQ(ledger_->directory_reads, 1);
  auto first = lookup("(02) 9000 0000");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->name, "Harbour Health");
  EXPECT_EQ(first->directory->locations.size(), 2u);
  EXPECT_EQ(ledger_->clinic_reads, 1);
  EXPECT_EQ(ledger_->directory_reads, 1);  // not read again
  ASSERT_TRUE(lookup());
  EXPECT_EQ(ledger_->clinic_reads, 1);  // from memory
}

TEST_F(DirectoryActor, AnOldDirectoryIsAnsweredAtOnceAndReadAgainBehindTheCaller) {
  ASSERT_TRUE(lookup());
  EXPECT_EQ(ledger_->directory_reads, 1);
  clock.advance(31s);
  // The next caller is answered from memory; the read it set off keeps the next one fresh.
  auto changed = std::make_shared<domain::clinic_directory>(*ledger_->directory);
  changed->locations.pop_back();
  ledger_->directory = changed;
  auto old = lookup();
  ASSERT_TRUE(old);
  EXPECT_EQ(old->directory->locations.size(), 2u);
  EXPECT_EQ(ledger_->directory_reads, 2);
  auto fresh = lookup();
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->directory->locations.size(), 1u);
  EXPECT_EQ(ledger_->directory_reads, 2);
}

TEST_F(DirectoryActor, AChangedDirectoryIsNeverServedAgain) {
  ASSERT_TRUE(lookup());
  auto changed = std::make_shared<domain::clinic_directory>(*ledger_->directory);
  changed->locations.pop_back();
  ledger_->directory = changed;
  caf::anon_send(directory, invalidate_atom::value, clinic);
  auto after = lookup();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->directory->locations.size(), 1u);
}

TEST_F(DirectoryActor, ANumberThatNoLongerAnswersIsForgottenWhenReadAgain) {
  ASSERT_TRUE(lookup());
  ledger_->numbers.clear();  // the clinic was deactivated
  clock.advance(31s);
  ASSERT_TRUE(lookup());  // from memory, while it is read again
  auto gone = lookup();
  ASSERT_FALSE(gone);
  EXPECT_EQ(code_of(gone.error()), error_code::unknown_clinic);
}
