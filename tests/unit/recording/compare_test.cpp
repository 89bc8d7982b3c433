#include "recording/compare.hpp"

#include <gtest/gtest.h>

#include "http/json.hpp"
#include "recordings.hpp"

// Today's replay beside the recording: every difference, field by field.
using namespace frontdesk;
using namespace frontdesk::recording_testing;

namespace {

json_value parse(const char* text) {
  return *http::parse_json(text);
}

recording::recording with_answer(recording::recording r, const char* answer) {
  r.entries.back().set("answer", parse(answer));
  return r;
}

}  // namespace

TEST(JsonDiff, EveryFieldThatDiffersWithItsPath) {
  const auto changes = recording::json_diff(
      parse(R"({"status":200,"body":{"message":"Booked","slots":[1,2]},"gone":true})"),
      parse(R"({"status":200,"body":{"message":"Taken","slots":[1]},"new":null})"));
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].path, "$.body.message");
  EXPECT_EQ(changes[0].was, R"("Booked")");
  EXPECT_EQ(changes[0].now, R"("Taken")");
  EXPECT_EQ(changes[1].path, "$.body.slots[1]");
  EXPECT_EQ(changes[1].now, "");
  EXPECT_EQ(changes[2].path, "$.gone");
  EXPECT_EQ(changes[3].path, "$.new");
  EXPECT_EQ(changes[3].was, "");
  EXPECT_TRUE(
      recording::json_diff(parse(R"({"a":[1,{"b":2}]})"), parse(R"({"a":[1,{"b":2}]})")).empty());
}

TEST(Compare, TheSameRunHasNoDivergence) {
  const auto r = sean_is_free_at(100);
  EXPECT_TRUE(recording::compare(r, r).empty());
}

TEST(Compare, AnAnswerThatDiffersIsShownFieldByField) {
  const auto was = with_answer(sean_is_free_at(100), R"({"status":200,"body":{"found":true}})");
  const auto now = with_answer(sean_is_free_at(100), R"({"status":200,"body":{"found":false}})");
  const auto report = recording::compare(was, now);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].what, recording::divergence::kind::answer);
  EXPECT_EQ(report[0].call, 1);
  EXPECT_EQ(report[0].tool, "/find-next-available");
  ASSERT_EQ(report[0].changes.size(), 1u);
  EXPECT_EQ(report[0].changes[0].path, "$.body.found");
  EXPECT_TRUE(recording::answers_differ(report));
  EXPECT_NE(recording::report_text(report).find("$.body.found: true -> false"), std::string::npos);
}

TEST(Compare, QuestionsAddedDroppedReorderedAndChanged) {
  const auto was = sean_is_free_at(100);
  auto now = was;
  // Today asks the history first (added), asks the search differently (changed).
  now.entries[4].set("question", json_value{std::string("Sean's opening after Friday")});
  auto history = entry("ask", 1,
                       {{"to", json_value{std::string("bookings")}},
                        {"what", json_value{std::string("history")}},
                        {"question", parse("{}")},
                        {"replayed", json_value{std::string("not in the recording")}}});
  std::vector<json_value> entries;
  for (std::size_t i = 0; i < now.entries.size(); ++i) {
    if (i == 4) entries.push_back(history);
    entries.push_back(now.entries[i]);
  }
  now.entries = std::move(entries);
  auto report = recording::compare(was, now);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].what, recording::divergence::kind::question_added);
  EXPECT_EQ(report[0].question, "bookings.history");
  EXPECT_EQ(report[0].note, "not in the recording");
  EXPECT_EQ(report[1].what, recording::divergence::kind::question_changed);
  EXPECT_EQ(report[1].changes[0].path, "$");
  EXPECT_FALSE(recording::answers_differ(report));

  // Today does not search at all (dropped); or asks the directory after it (reordered).
  auto dropped = was;
  dropped.entries.erase(dropped.entries.begin() + 4);
  report = recording::compare(was, dropped);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].what, recording::divergence::kind::question_dropped);
  auto reordered = was;
  std::swap(reordered.entries[3], reordered.entries[4]);
  report = recording::compare(was, reordered);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].what, recording::divergence::kind::question_reordered);
}

TEST(Compare, ACallTodayDoesNotAnswerIsADivergence) {
  const auto was = sean_is_free_at(100);
  auto now = was;
  now.entries.pop_back();
  const auto report = recording::compare(was, now);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].what, recording::divergence::kind::call_unanswered);
  EXPECT_TRUE(recording::answers_differ(report));
}
