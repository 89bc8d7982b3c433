#include "domain/sync_policy.hpp"

#include <gtest/gtest.h>

// When a sync reads what, and where the next one picks up: without actors or Cliniko.
using namespace frontdesk;
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

appointment changed_at(const std::string& practitioner, unix_seconds updated) {
  appointment a;
  a.practitioner_id = practitioner;
  a.updated_at = updated;
  return a;
}

}  // namespace

TEST(SyncPolicy, TheDirectoryIsReadFirstOnAFullSyncAndWhenItIsDue) {
  sync_state before;
  EXPECT_TRUE(directory_due(false, before, 10'000, 3600s));  // never read
  before.directory_synced_at = 10'000;
  EXPECT_FALSE(directory_due(false, before, 10'000 + 3599, 3600s));
  EXPECT_TRUE(directory_due(false, before, 10'000 + 3600, 3600s));
  EXPECT_TRUE(directory_due(true, before, 10'001, 3600s));
}

TEST(SyncPolicy, AppointmentsAreReadWholeWhenChangesCannotTellDeletions) {
  sync_state before;
  EXPECT_TRUE(whole_appointment_pass(false, false, before));  // no watermark
  before.appointments_watermark = 5'000;
  EXPECT_FALSE(whole_appointment_pass(false, false, before));
  EXPECT_TRUE(whole_appointment_pass(false, true, before));  // directory refresh
  EXPECT_TRUE(whole_appointment_pass(true, false, before));

  const auto whole = appointments_to_fetch(true, before, 100'000, 86'400s);
  EXPECT_EQ(whole.starts_from, 100'000 - 86'400);
  EXPECT_EQ(whole.updated_since, 0);
  // The very first pass reaches further back: whom callers have seen.
  EXPECT_EQ(appointments_to_fetch(true, sync_state{}, 100'000, 86'400s, 90'000s).starts_from,
            100'000 - 90'000);
  EXPECT_EQ(appointments_to_fetch(true, before, 100'000, 86'400s, 90'000s).starts_from,
            100'000 - 86'400);
  const auto changes = appointments_to_fetch(false, before, 100'000, 86'400s);
  EXPECT_EQ(changes.updated_since, 5'000);
  EXPECT_EQ(changes.starts_from, 0);
}

TEST(SyncPolicy, TheWatermarkIsTheNewestChangeLessASecond) {
  const std::vector<appointment> found{changed_at("21", 7'000), changed_at("22", 9'000)};
  EXPECT_EQ(next_watermark(found, false, 5'000, 100'000), 8'999);
  EXPECT_EQ(next_watermark(std::vector<appointment>{}, false, 5'000, 100'000), 5'000);
  // Never back: an old change seen again does not move it.
  EXPECT_EQ(next_watermark(std::vector<appointment>{changed_at("21", 4'000)}, false, 5'000, 1),
            5'000);
  // After reading everything: from a minute before the sync began, or a newer change.
  EXPECT_EQ(next_watermark(found, true, 5'000, 100'000), 100'000 - 60);
  EXPECT_EQ(next_watermark(found, true, 5'000, 9'030), 8'999);
}

TEST(SyncPolicy, PatientsAllOnAFullSyncElseTheChanges) {
  sync_state before;
  before.patients_watermark = 4'242;
  EXPECT_EQ(patients_since(true, before), 0);
  EXPECT_EQ(patients_since(false, before), 4'242);
}

TEST(SyncPolicy, ChangedAppointmentsNameEachPractitionerOnce) {
  const std::vector<appointment> found{changed_at("22", 1), changed_at("21", 2),
                                       changed_at("22", 3)};
  EXPECT_EQ(practitioners_of(found), (std::vector<std::string>{"21", "22"}));
  EXPECT_TRUE(practitioners_of({}).empty());
}

TEST(SyncPolicy, StaleOnceTheLastSuccessIsOldEnough) {
  EXPECT_FALSE(is_stale(1'000, 1'059, 60));
  EXPECT_TRUE(is_stale(1'000, 1'060, 60));
  EXPECT_TRUE(is_stale(0, 1'000, 60));  // never synced
}
