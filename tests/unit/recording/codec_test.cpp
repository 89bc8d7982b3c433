#include "recording/codec.hpp"

#include <gtest/gtest.h>

#include <caf/sec.hpp>

#include "http/json.hpp"
#include "messages/error.hpp"
#include "support/directories.hpp"
#include "tools/questions.hpp"

// What a session sends and receives, written as JSON and read back the same.
using namespace frontdesk;

namespace {

template <class T>
T round_trip(const T& x) {
  // Through text, as a recording is kept.
  const auto text = http::to_json(recording::encode(x));
  T back;
  EXPECT_TRUE(recording::decode(*http::parse_json(text), back)) << text;
  return back;
}

}  // namespace

TEST(RecordingCodec, AQuestionForFreeTimesReadsBackWithoutItsDeadline) {
  slot_request q;
  q.clinic = 7;
  q.sources = {{"11", "21", "31", "Australia/Sydney", false, "Australia/Brisbane"}};
  q.from = *domain::parse_date("2026-11-25");
  q.to = *domain::parse_date("2026-12-01");
  q.not_before = 1764028800;
  q.call = {priority::background, 123456789};
  const auto back = round_trip(q);
  EXPECT_EQ(back.clinic, 7);
  ASSERT_EQ(back.sources.size(), 1u);
  EXPECT_EQ(back.sources[0], q.sources[0]);
  EXPECT_FALSE(back.sources[0].online);
  EXPECT_EQ(back.sources[0].account_zone, "Australia/Brisbane");
  EXPECT_EQ(domain::format_date(back.to), "2026-12-01");
  EXPECT_EQ(back.not_before, q.not_before);
  EXPECT_EQ(back.call.urgency, priority::background);
  // A steady-clock instant of the run that made it: never the same twice, so never recorded.
  EXPECT_EQ(back.call.deadline_ns, 0);
}

TEST(RecordingCodec, ABookingOutcomeKeepsEveryFieldAndNamesWhatCameOfIt) {
  booking_outcome o;
  o.what = booking_outcome::kind::choose_patient;
  o.patients = {{"41", "Noah", "Nguyen", "", "", "2015-03-01", {{"Mobile", "+61400000001"}}}};
  o.alternatives = {1764030600, 1764032400};
  o.result.id = "51";
  o.result.cancelled_at = 1764000000;
  const auto encoded = recording::encode(o);
  EXPECT_EQ(text_field(encoded, "what").value_or(""), "choose_patient");
  const auto back = round_trip(o);
  EXPECT_EQ(back.what, booking_outcome::kind::choose_patient);
  ASSERT_EQ(back.patients.size(), 1u);
  EXPECT_EQ(back.patients[0].phones[0].number, "+61400000001");
  EXPECT_EQ(back.patients[0].date_of_birth, "2015-03-01");
  EXPECT_EQ(back.alternatives, o.alternatives);
  EXPECT_EQ(back.result.cancelled_at, 1764000000);
}

TEST(RecordingCodec, ADirectoryReadsBackWholeAndItsHashFollowsItsContent) {
  const auto clinic = test_support::two_locations();
  const auto encoded = recording::encode(*clinic.directory);
  domain::clinic_directory back;
  ASSERT_TRUE(recording::decode(encoded, back));
  EXPECT_EQ(back.locations.size(), 2u);
  EXPECT_EQ(back.practitioners[1].display_name, "Sean Murphy");
  EXPECT_EQ(back.works_at, clinic.directory->works_at);
  EXPECT_EQ(back.offerings, clinic.directory->offerings);
  const auto hash = recording::directory_hash(encoded);
  EXPECT_EQ(hash, recording::directory_hash(recording::encode(back)));
  back.services[0].name = "Initial Assessment";
  EXPECT_NE(hash, recording::directory_hash(recording::encode(back)));
}

TEST(RecordingCodec, ErrorsReadBackAsTheSameError) {
  const auto ours = make_error(error_code::cliniko_rate_limited, "retry in 12 s");
  caf::error back;
  ASSERT_TRUE(recording::decode(recording::encode(ours), back));
  EXPECT_EQ(code_of(back), error_code::cliniko_rate_limited);
  EXPECT_EQ(context_of(back), "retry in 12 s");
  const caf::error timeout = caf::sec::request_timeout;
  ASSERT_TRUE(recording::decode(recording::encode(timeout), back));
  EXPECT_EQ(back, timeout);
  EXPECT_FALSE(recording::decode(*http::parse_json(R"({"code":"no_such_code"})"), back));
}

TEST(RecordingCodec, WhatDoesNotFitIsRefused) {
  times_reply r;
  EXPECT_FALSE(recording::decode(*http::parse_json(R"({"times":"soon"})"), r));
  EXPECT_FALSE(recording::decode(*http::parse_json("[]"), r));
  // A field a recording made before it existed keeps its default.
  EXPECT_TRUE(recording::decode(*http::parse_json(R"({"times":[[1,2]]})"), r));
  EXPECT_EQ(r.times, (std::vector<std::vector<unix_seconds>>{{1, 2}}));
}

namespace {

// Gives every recorded field of a record, however deep, a value that is not its default, so that
// a field the codec dropped would read back different.
struct filler {
  int n = 0;

  void fill(std::string& x) { x = "v" + std::to_string(++n); }
  void fill(bool& x) { x = !x; }
  template <class I>
  requires(std::is_integral_v<I> && !std::is_same_v<I, bool>) void fill(I& x) {
    x = static_cast<I>(++n % 90 + 2);
  }
  template <class E>
  requires std::is_enum_v<E>
  void fill(E& x) { x = static_cast<E>(1); }
  void fill(domain::calendar_date& x) {
    x = domain::calendar_date{date::year{2026}, date::month{12}, date::day(++n % 28 + 1)};
  }
  void fill(json_value& x) {
    x = json_value{json_value::object{{"said", json_value{"v" + std::to_string(++n)}}}};
  }
  template <class T>
  void fill(std::vector<T>& xs) {
    xs.resize(2);
    for (auto& x : xs) fill(x);
  }
  template <class A, class B>
  void fill(std::pair<A, B>& x) {
    fill(x.first);
    fill(x.second);
  }
  template <has_fields T>
  void fill(T& x) {
    for_each_field(x, [this](const char*, auto& member, auto kept) {
      if constexpr (is_recorded<decltype(kept)>) fill(member);
    });
  }
};

template <class T>
void expect_round_trip(const char* what) {
  SCOPED_TRACE(what);
  T x{};
  filler{}.fill(x);
  const auto written = recording::encode(x);
  const auto back = round_trip(x);
  EXPECT_EQ(http::to_json(recording::encode(back)), http::to_json(written));
  EXPECT_NE(http::to_json(written), http::to_json(recording::encode(T{})));
}

}  // namespace

// Every question a tool may ask and every answer it may get (tools/questions.hpp, not a list
// kept here), and what a session itself takes and gives: each field filled, written, read back
// the same. A kind of question added to that list is covered without a line here.
TEST(RecordingCodec, EveryQuestionAndAnswerOfASessionReadsBackTheSame) {
  tools::for_each_question([](auto row) {
    using question = decltype(row);
    expect_round_trip<typename question::ask_type>(question::what.data());
    expect_round_trip<typename question::reply_type>(question::what.data());
  });
  expect_round_trip<tool_call>("tool_call");
  expect_round_trip<tool_answer>("tool_answer");
  expect_round_trip<domain::clinic_directory>("clinic_directory");
}
