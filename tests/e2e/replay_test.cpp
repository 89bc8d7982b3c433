#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "config/settings.hpp"
#include "http/json.hpp"
#include "storage/connection.hpp"
#include "storage/recordings.hpp"
#include "storage/secret_box.hpp"
#include "support/child_process.hpp"
#include "support/tool_fixture.hpp"

// `frontdesk replay` and `frontdesk sessions` on conversations recorded by the whole service:
// the simulator over HTTP, a real PostgreSQL, the server's sockets, the binary itself.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;

namespace {

class Replay : public tool_fixture {
 protected:
  // A new patient is offered Sean's next follow-up, then books it: three recorded calls.
  void book_a_conversation(const std::string& id) {
    call("location-resolver", R"({"locationQuery":"city","dialedNumber":"0298765432",)"
                              R"("sessionId":")" +
                                  id + R"("})");
    call("find-next-available", R"({"practitioner":"Sean","service":"follow-up",)"
                                R"("dialedNumber":"0298765432","sessionId":")" +
                                    id + R"("})");
    const auto booked =
        call("appointment-handler", R"({"action":"book","patientName":"Zara Quill",)"
                                    R"("callerPhone":"0455 123 987","dialedNumber":"0298765432",)"
                                    R"("sessionId":")" +
                                        id + R"("})");
    ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
    ASSERT_FALSE(recordings().empty());
  }

  /// Runs `frontdesk ARGS` against the test's database; its output, and its exit code in `code`.
  std::string frontdesk(const std::vector<std::string>& args, int* code) {
    child_process child{FRONTDESK_BINARY,
                        args,
                        {{"DATABASE_URL", db.url()},
                         {"FRONTDESK_MASTER_KEY", test_master_key_hex},
                         {"LOG_LEVEL", "warn"}}};
    *code = child.wait(60s);
    return child.output();
  }

  std::string file(const std::string& name, const std::string& text) {
    const auto path = dir / name;
    std::ofstream{path} << text;
    return path.string();
  }

  std::string exported(const std::string& id, bool pseudonymise = false) {
    int code = -1;
    std::vector<std::string> args{"replay", "export", id};
    if (pseudonymise) args.emplace_back("--pseudonymise");
    auto text = frontdesk(args, &code);
    EXPECT_EQ(code, 0) << text;
    return text;
  }

  /// The recording's text without the lines holding `needle`.
  static std::string without(const std::string& text, const std::string& needle) {
    std::istringstream lines{text};
    std::string kept, line;
    while (std::getline(lines, line))
      if (line.find(needle) == std::string::npos) kept.append(line).append("\n");
    return kept;
  }

  /// The number of the first entry of this kind (as the timeline numbers them), 0 if none.
  static int entry_number(const std::string& text, const std::string& needle) {
    std::istringstream lines{text};
    std::string line;
    std::getline(lines, line);  // the header
    for (int n = 1; std::getline(lines, line); ++n)
      if (line.find(needle) != std::string::npos) return n;
    return 0;
  }

  void TearDown() override {
    tool_fixture::TearDown();
    std::filesystem::remove_all(dir);
  }

  std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("frontdesk-replay-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(d);
    return d;
  }();
};

}  // namespace

TEST_F(Replay, AConversationIsRecordedInOrderSealedAndReplaysTheSame) {
  book_a_conversation("rec_same");
  recording::recording r;
  for (auto& each : recordings())
    if (each.session_id == "rec_same") r = each;
  EXPECT_EQ(recording::calls_in(r), 3);
  EXPECT_EQ(recording::answered_in(r), 3);
  std::vector<std::string> kinds;
  for (const auto& e : r.entries) kinds.emplace_back(recording::kind_of(e));
  // call, clock, the directory (once for the session), its question, the answer...
  ASSERT_GE(kinds.size(), 5u);
  EXPECT_EQ(kinds[0], "call");
  EXPECT_EQ(kinds[1], "clock");
  EXPECT_EQ(kinds[2], "directory");
  EXPECT_EQ(kinds[3], "ask");
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "directory"), 1);
  EXPECT_EQ(kinds.back(), "answer");
  // Sealed at rest: the caller's name is in the recording, but neither it nor the clinic's
  // name is in the stored bytes.
  EXPECT_NE(recording::to_text(r).find("Zara Quill"), std::string::npos);
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM recording_chunks WHERE session_id = 'rec_same' AND "
                        "(position(convert_to('Zara', 'UTF8') in entries_sealed) > 0 OR "
                        "position(convert_to('Harbour', 'UTF8') in entries_sealed) > 0)"),
            "0");
  int code = -1;
  const auto out = frontdesk({"replay", "rec_same"}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("asked   bookings.book"), std::string::npos) << out;
  EXPECT_NE(out.find("no divergence"), std::string::npos) << out;
}

TEST_F(Replay, AnAnswerThatDiffersExitsOneAndShowsTheFieldThatChanged) {
  book_a_conversation("rec_diff");
  auto text = exported("rec_diff");
  // As if the build that recorded it had said the booking differently.
  const std::string said = "You're booked with Sean Murphy";
  const auto at = text.find(said);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, said.size(), "You are booked with Sean Murphy");
  const auto path = file("diff.jsonl", text);
  int code = -1;
  auto out = frontdesk({"replay", "--file", path, "--quiet"}, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("call 3 /appointment-handler: answer differs"), std::string::npos) << out;
  EXPECT_NE(out.find("$.body.message"), std::string::npos) << out;
  // The change accepted, the file replays clean.
  out = frontdesk({"replay", "--file", path, "--accept", "--quiet"}, &code);
  EXPECT_EQ(code, 0) << out;
  out = frontdesk({"replay", "--file", path, "--quiet"}, &code);
  EXPECT_EQ(code, 0) << out;
}

TEST_F(Replay, WhatIfTheTimeHadJustBeenTakenOrClinikoWasDown) {
  book_a_conversation("rec_whatif");
  const auto text = exported("rec_whatif");
  const auto book = entry_number(text, R"("what":"book")");
  ASSERT_GT(book, 0);
  const auto taken = file("taken.json", R"({"reply":{"what":"taken","alternatives":[]}})");
  int code = -1;
  auto out =
      frontdesk({"replay", "rec_whatif", "--at", std::to_string(book), "--answer", taken}, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("replaced (--at " + std::to_string(book) + ")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"($.body.error: (absent) -> "slot_taken")"), std::string::npos) << out;

  const auto down = file("down.json", R"({"error":{"code":"cliniko_unavailable"}})");
  out = frontdesk(
      {"replay", "rec_whatif", "--quiet", "--at", std::to_string(book), "--answer", down}, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("$.status: 200 -> 503"), std::string::npos) << out;

  const auto directory = entry_number(text, R"("kind":"directory")");
  out = frontdesk({"replay", "rec_whatif", "--at", std::to_string(directory), "--answer", down},
                  &code);
  EXPECT_EQ(code, 2) << out;  // not a question
}

TEST_F(Replay, AClockShiftedADayChangesTheQuestionsAsked) {
  book_a_conversation("rec_shift");
  int code = -1;
  const auto out = frontdesk({"replay", "rec_shift", "--quiet", "--clock-shift", "1d"}, &code);
  EXPECT_NE(out.find("question changed (availability.next_available)"), std::string::npos) << out;
  EXPECT_NE(out.find("$.not_before"), std::string::npos) << out;
  const auto bad = frontdesk({"replay", "rec_shift", "--clock-shift", "tomorrow"}, &code);
  EXPECT_EQ(code, 2) << bad;
}

TEST_F(Replay, AQuestionTheRecordingNeverSawFailsItsStepClearly) {
  book_a_conversation("rec_missing");
  auto text = exported("rec_missing");
  // Drop the recorded search: today's session asks it, and the recording has no answer.
  const auto kept = without(text, R"("what":"next_available")");
  const auto path = file("missing.jsonl", kept);
  int code = -1;
  const auto out = frontdesk({"replay", "--file", path, "--quiet"}, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("question added (availability.next_available): not in the recording: the "
                     "step failed"),
            std::string::npos)
      << out;
  // A re-baseline would keep the failure: refused.
  const auto accepted = frontdesk({"replay", "--file", path, "--accept"}, &code);
  EXPECT_EQ(code, 2) << accepted;
}

TEST_F(Replay, APseudonymisedRecordingHidesWhoCalledAndReplaysToTheSameDecisions) {
  book_a_conversation("rec_pseudo");
  const auto text = exported("rec_pseudo", true);
  for (const char* personal : {"Zara", "Quill", "0455 123 987", "+61455123987"})
    EXPECT_EQ(text.find(personal), std::string::npos) << personal;
  EXPECT_NE(text.find("Harbour Health"), std::string::npos);  // the clinic's own is kept
  const auto path = file("pseudo.jsonl", text);
  int code = -1;
  const auto out = frontdesk({"replay", "--file", path}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_EQ(out.find("Zara"), std::string::npos) << out;
}

TEST_F(Replay, WhatCannotBeReplayedExitsTwoAndSaysWhy) {
  int code = -1;
  auto out = frontdesk({"replay", "no_such_session"}, &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("no session no_such_session is recorded"), std::string::npos) << out;
  const auto path = file("broken.jsonl", "{\"session_id\":\"x\"}\nnot json\n");
  out = frontdesk({"replay", "--file", path}, &code);
  EXPECT_EQ(code, 2) << out;
  EXPECT_NE(out.find("line 2 is not an entry"), std::string::npos) << out;
  out = frontdesk({"replay", "--file", file("empty.jsonl", "")}, &code);
  EXPECT_EQ(code, 2) << out;
}

TEST_F(Replay, SessionsListShowsEachRecordingAndFindsNoneThatDiverge) {
  book_a_conversation("rec_listed");
  int code = -1;
  auto out = frontdesk({"sessions", "list"}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("rec_listed"), std::string::npos) << out;
  EXPECT_NE(out.find("Harbour Health"), std::string::npos) << out;
  out = frontdesk({"sessions", "list", "--json"}, &code);
  const auto listed = http::parse_json(out);
  ASSERT_TRUE(listed && listed->is<json_value::array>()) << out;
  EXPECT_EQ(text(listed->as<json_value::array>().front(), "id"), "rec_listed");
  out = frontdesk({"sessions", "list", "--diverges"}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("No sessions."), std::string::npos) << out;
  out = frontdesk({"sessions", "list", "--clinic", "Nobody's Clinic"}, &code);
  EXPECT_NE(out.find("No sessions."), std::string::npos) << out;
}

TEST_F(Replay, AQuestionTheRecordingNeverSawIsAskedOfTodaysCollaboratorsWithLive) {
  book_a_conversation("rec_live");
  auto text = exported("rec_live");
  const auto kept = without(text, R"("what":"next_available")");
  const auto path = file("live.jsonl", kept);
  // The clinics' Cliniko keys are sealed with the demo onboarding's key; the simulator is
  // today's Cliniko.
  std::string demo_key;
  for (int i = 0; i < 32; ++i) demo_key += "09";
  child_process child{FRONTDESK_BINARY,
                      {"replay", "--file", path, "--live", "--quiet"},
                      {{"DATABASE_URL", db.url()},
                       {"FRONTDESK_MASTER_KEY", demo_key},
                       {"CLINIKO_BASE_URL", sim.base_url()},
                       {"SYNC_INTERVAL_SECONDS", "0"},
                       {"LOG_LEVEL", "warn"}}};
  const auto code = child.wait(60s);
  const auto& out = child.output();
  EXPECT_NE(out.find("question added (availability.next_available): not in the recording: asked "
                     "live"),
            std::string::npos)
      << out;
  // What the caller would be told now: the time this conversation booked is no longer free, so
  // today's Cliniko offers the next one.
  EXPECT_NE(out.find("call 2 /find-next-available: answer differs"), std::string::npos) << out;
  EXPECT_NE(out.find("$.body.slot.startTime"), std::string::npos) << out;
  EXPECT_EQ(code, 1) << out;
}

TEST_F(Replay, WhatTheRecorderHoldsWhilePostgresIsAwayIsWrittenWhenItIsBack) {
  recorder_config through_proxy;
  through_proxy.database_url = db.url_via(db_proxy.port());
  through_proxy.master_key = *config::parse_master_key(test_master_key_hex);
  through_proxy.retry_after = 100ms;
  const auto away = spawn_recorder(system, through_proxy);
  db_proxy.cut();
  session_steps steps{{"rec_away", clinic, test_build, "AU"}, {}};
  steps.entries.push_back([] {
    return recording::entry("call", 1, {{"request", *http::parse_json(R"({"tool":"/x"})")}});
  });
  caf::anon_send(away, record_atom::value, std::move(steps));
  const auto waiting = ask<std::int64_t>(system, away, flush_atom::value);
  ASSERT_TRUE(waiting);
  EXPECT_EQ(*waiting, 1);  // kept, not lost
  db_proxy.restore();
  bool written = false;
  for (int i = 0; i < 100 && !written; ++i) {
    std::this_thread::sleep_for(50ms);
    written = query_value(db.url(),
                          "SELECT calls FROM recordings WHERE session_id = "
                          "'rec_away'") == "1";
  }
  EXPECT_TRUE(written);
  const auto stats = ask<actor_stats>(system, away, stats_atom::value);
  ASSERT_TRUE(stats);
  EXPECT_GE(stats->value("failures"), 1);
  EXPECT_EQ(stats->value("waiting"), 0);
  caf::anon_send_exit(away, caf::exit_reason::user_shutdown);
}

TEST_F(Replay, CacheStatsShowWhatTheRecorderWrote) {
  book_a_conversation("rec_stats");
  const auto stats = get("/cache-stats");
  const auto& recorder = part(stats, "recorder");
  EXPECT_GT(std::stoll(text(recorder, "entries")), 10);
  EXPECT_EQ(text(recorder, "dropped"), "0");
}

TEST_F(Replay, RecordingsPastTheirRetentionArePruned) {
  book_a_conversation("rec_old");
  book_a_conversation("rec_recent");
  query_value(db.url(),
              "UPDATE recordings SET updated_at = now() - interval '31 days' WHERE "
              "session_id = 'rec_old'");
  recorder_config pruning;
  pruning.database_url = db.url();
  pruning.master_key = *config::parse_master_key(test_master_key_hex);
  pruning.retention = std::chrono::hours{24 * 30};
  const auto pruner = spawn_recorder(system, pruning);  // prunes as it starts
  const auto old_ones = [&] {
    return query_value(db.url(), "SELECT count(*) FROM recordings WHERE session_id = 'rec_old'");
  };
  for (int i = 0; i < 100 && old_ones() != "0"; ++i) std::this_thread::sleep_for(50ms);
  EXPECT_EQ(old_ones(), "0");
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM recording_chunks WHERE session_id = "
                        "'rec_old'"),
            "0");
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM recordings WHERE session_id = "
                        "'rec_recent'"),
            "1");
  caf::anon_send_exit(pruner, caf::exit_reason::user_shutdown);
}

TEST_F(Replay, SessionsListDivergesFindsTheOneTodaysCodeWouldAnswerDifferently) {
  book_a_conversation("rec_same_today");
  book_a_conversation("rec_said_otherwise");
  // As if an older build had said the booking differently: its chunk opened, changed, sealed
  // again under its own session.
  const storage::secret_box box{*config::parse_master_key(test_master_key_hex)};
  auto conn = storage::connect_with_retry(db.url(), 10s);
  pqxx::work tx{*conn};
  const auto context = storage::recording_context("rec_said_otherwise");
  for (const auto& row : tx.exec("SELECT id, entries_sealed FROM recording_chunks WHERE "
                                 "session_id = 'rec_said_otherwise'")) {
    auto lines = *box.open(pqxx::binarystring(row[1]).str(), context);
    const std::string said = "You're booked with";
    if (const auto at = lines.find(said); at != std::string::npos)
      lines.replace(at, said.size(), "You are booked with");
    tx.exec_params("UPDATE recording_chunks SET entries_sealed = $1 WHERE id = $2",
                   pqxx::binarystring(box.seal(lines, context)), row[0].as<std::int64_t>());
  }
  tx.commit();
  int code = -1;
  const auto out = frontdesk({"sessions", "list", "--diverges"}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("rec_said_otherwise  DIVERGES"), std::string::npos) << out;
  EXPECT_EQ(out.find("rec_same_today"), std::string::npos) << out;
  replay_check = false;  // the changed one no longer replays the same, by design
}
