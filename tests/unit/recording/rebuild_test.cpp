#include "recording/rebuild.hpp"

#include <gtest/gtest.h>

#include "messages/error.hpp"
#include "recordings.hpp"

// A session brought back from its recording: the tools run again against the recorded answers.
using namespace frontdesk;
using namespace frontdesk::recording_testing;

TEST(Rebuild, TheTimeReadOutAndWhoItWasWithAreTheContextAgain) {
  const auto start = domain::seconds_of(*domain::parse_instant("2026-11-26T22:00:00Z"));
  std::string why;
  const auto rebuilt = recording::rebuild(sean_is_free_at(start), "AU", &why);
  EXPECT_EQ(why, "");
  EXPECT_EQ(rebuilt.calls, 1);
  EXPECT_EQ(rebuilt.context.practitioner_id, "22");
  EXPECT_EQ(rebuilt.context.location_id, "12");
  ASSERT_EQ(rebuilt.context.offered.size(), 1u);
  EXPECT_EQ(rebuilt.context.offered[0].start, start);
  EXPECT_FALSE(rebuilt.directory_hash.empty());
}

TEST(Rebuild, AQuestionRecordedFailingLeavesTheContextAsTheCallLeftIt) {
  auto r = sean_is_free_at(0);
  r.entries[4].erase("reply");
  r.entries[4].set("error", recording::encode(make_error(error_code::cliniko_unavailable)));
  const auto rebuilt = recording::rebuild(r, "AU");
  EXPECT_EQ(rebuilt.context.practitioner_id, "22");  // settled before the question
  EXPECT_TRUE(rebuilt.context.offered.empty());
}

TEST(Rebuild, ARecordingThatDoesNotReadSaysWhere) {
  auto r = sean_is_free_at(0);
  r.entries[1].set("now", json_value{std::string("yesterday")});
  std::string why;
  const auto rebuilt = recording::rebuild(r, "AU", &why);
  EXPECT_EQ(why, "entry 2 (clock) does not read");
  EXPECT_EQ(rebuilt.calls, 0);
}
