#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "config/settings.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "storage/spool.hpp"
#include "support/child_process.hpp"
#include "support/post_call_samples.hpp"
#include "support/tool_fixture.hpp"

// The post-call webhook over real HTTP into a real PostgreSQL: ElevenLabs' documented payloads,
// every way a signature fails, redeliveries, PostgreSQL going away, and the call's session.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;

namespace {

class Webhook : public tool_fixture {
 protected:
  http_reply post(const std::string& body, const std::string& header) {
    http_client client{port};
    header_list headers;
    if (!header.empty()) headers.emplace_back("ElevenLabs-Signature", header);
    return client.request("POST", "/post-call-webhook", body, headers);
  }
  http_reply post_signed(const std::string& body) { return post(body, signature(body)); }

  std::string value(const std::string& sql) { return query_value(db.url(), sql); }
  std::int64_t count(const std::string& table) {
    return std::stoll(value("SELECT count(*) FROM " + table));
  }
  // The documented sample call as kept: found by the number called, its outcome, times and tool
  // calls, and what was said sealed (neither the caller's number nor a name in the clear).
  void expect_the_sample_call(const std::string& id) {
    const std::string where = " FROM calls WHERE conversation_id = '" + id + "'";
    EXPECT_EQ(value("SELECT clinic_id" + where), std::to_string(clinic));
    EXPECT_EQ(value("SELECT outcome || ' ' || status || ' ' || duration_secs" + where),
              "success done 38");
    EXPECT_EQ(value("SELECT extract(epoch from started_at)::bigint" + where), "1785254531");
    EXPECT_EQ(value("SELECT tool_calls" + where), "2");
    for (const char* column : {"caller_sealed", "summary_sealed", "details_sealed"}) {
      const auto sealed = value(std::string("SELECT encode(") + column + ", 'escape')" + where);
      EXPECT_FALSE(sealed.empty()) << column;
      EXPECT_EQ(sealed.find("6285550143"), std::string::npos) << column;
      EXPECT_EQ(sealed.find("Dana"), std::string::npos) << column;
    }
  }
  std::int64_t live_sessions() {
    auto stats = ask<actor_stats>(system, sessions, stats_atom::value);
    return stats ? stats->value("live") : -1;
  }
};

}  // namespace

TEST_F(Webhook, TheDocumentedTranscriptionIsKeptWithWhatIsSaidSealed) {
  const auto reply = post_signed(transcription("conv_sample_1"));
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(reply.body, R"({"status":"success"})");
  expect_the_sample_call("conv_sample_1");
  EXPECT_EQ(value("SELECT (raw_sealed IS NULL)::text FROM call_events"), "false");
}

TEST_F(Webhook, TheOpenTelemetryTranscriptionIsReadLikeTheJsonOne) {
  // The same call as the JSON sample, as an OTLP trace: read to the same row.
  auto body =
      replaced(sample("post_call_transcription_otel.json"), sample_conversation, "conv_otel_1");
  body = replaced(body, "\"stringValue\": \"+14155550123\"", "\"stringValue\": \"+61298765432\"");
  const auto reply = post_signed(body);
  ASSERT_EQ(reply.status, 200u) << reply.body;
  expect_the_sample_call("conv_otel_1");
}

TEST_F(Webhook, AMissedCallAndAnUnknownTypeAreTakenToo) {
  const auto missed = sample("call_initiation_failure.json");
  ASSERT_EQ(post_signed(missed).status, 200u);
  EXPECT_EQ(value("SELECT missed::text || ' ' || failure_reason FROM calls"), "true no-answer");
  EXPECT_EQ(value("SELECT (caller_sealed IS NOT NULL)::text FROM calls"), "true");
  const std::string other = R"({"type":"post_call_something_new","event_timestamp":1,"data":{}})";
  ASSERT_EQ(post_signed(other).status, 200u);
  EXPECT_EQ(count("call_events"), 2);
  EXPECT_EQ(count("calls"), 1);
  // Not an event at all, though signed: refused, nothing kept.
  EXPECT_EQ(post_signed("[1,2,3]").status, 400u);
  EXPECT_EQ(count("call_events"), 2);
}

TEST_F(Webhook, EverySignatureFailureIs401AndKeepsNothing) {
  const auto body = transcription("conv_refused");
  const auto good = signature(body);
  const auto stamp = std::to_string(unix_now());
  const std::vector<std::pair<std::string, std::string>> cases{
      {"wrong secret", signature(body, unix_now(), "wsec_someone_else")},
      {"stale", signature(body, unix_now() - 31 * 60)},
      {"future", signature(body, unix_now() + 10 * 60)},
      {"malformed", "t=" + stamp + ";v0=abc"},
      {"spaces", "t=" + stamp + ", " + good.substr(good.find("v0="))},
      {"no v0", "t=" + stamp},
      {"two v0", good + good.substr(good.find(",v0="))},
      {"missing", ""},
  };
  for (const auto& [name, header] : cases) {
    const auto reply = post(body, header);
    EXPECT_EQ(reply.status, 401u) << name;
    auto answer = http::parse_json(reply.body);
    ASSERT_TRUE(answer) << name;
    EXPECT_FALSE(text_field(*answer, "message").value_or("").empty()) << name;
  }
  // The body altered by one byte after signing.
  auto altered = body;
  altered[altered.find("\"done\"") + 1] = 'D';
  EXPECT_EQ(post(altered, good).status, 401u);
  EXPECT_EQ(count("call_events"), 0);
  EXPECT_EQ(post(body, good).status, 200u);
  EXPECT_EQ(count("call_events"), 1);
}

TEST_F(Webhook, ARedeliveryIsAcknowledgedAndStoredOnce) {
  const auto body = transcription("conv_twice");
  ASSERT_EQ(post_signed(body).status, 200u);
  ASSERT_EQ(post_signed(body).status, 200u);
  EXPECT_EQ(count("call_events"), 1);
  EXPECT_EQ(count("calls"), 1);
  // The operator sees it too.
  const auto stats = get("/cache-stats");
  const auto& hooks = part(stats, "webhook");
  EXPECT_EQ(text(hooks, "stored"), "1");
  EXPECT_EQ(text(hooks, "repeated"), "1");
  EXPECT_EQ(text(hooks, "spooled"), "0");
}

TEST_F(Webhook, AFiveMegabyteAudioEventSentChunkedIsAcknowledgedAndNotKept) {
  auto body = sample("post_call_audio.json");
  const auto audio = body.find("\"full_audio\": \"") + 15;
  body.insert(audio, std::string(5 << 20, 'A'));
  const auto header = signature(body);
  std::string request =
      "POST /post-call-webhook HTTP/1.1\r\nHost: localhost\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
      "ElevenLabs-Signature: " +
      header + "\r\n\r\n";
  for (std::size_t at = 0; at < body.size(); at += 65536) {
    const auto piece = body.substr(at, 65536);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    request.append(size).append(piece).append("\r\n");
  }
  request.append("0\r\n\r\n");
  http_client client{port};
  client.send_raw(request);
  const auto reply = client.read_reply();
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(value("SELECT event_type FROM call_events"), "post_call_audio");
  EXPECT_EQ(value("SELECT (raw_sealed IS NULL)::text FROM call_events"),
            "true");  // the audio is not kept
  EXPECT_EQ(value("SELECT has_audio::text FROM calls"), "true");
  // Other paths keep the server's own limit.
  EXPECT_EQ(call("location-resolver", std::string(70 << 10, ' '), 413).find("error") != nullptr,
            true);
}

TEST_F(Webhook, EventsTakenWhilePostgresIsAwayAreStoredOnceWhenItIsBack) {
  db_proxy.cut();
  for (int i = 0; i < 100; ++i)
    ASSERT_EQ(post_signed(transcription("conv_away_" + std::to_string(i))).status, 200u) << i;
  // One delivered twice while away is kept once too.
  ASSERT_EQ(post_signed(transcription("conv_away_7")).status, 200u);
  db_proxy.restore();
  for (int i = 0; i < 100 && count("call_events") < 100; ++i) std::this_thread::sleep_for(100ms);
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(count("call_events"), 100);
  EXPECT_EQ(count("calls"), 100);
}

TEST_F(Webhook, TheTranscriptEndsTheCallsSessionAndItsReportFlagsWhatWentWrong) {
  const std::string id = "conv_reported";
  call("location-resolver",
       R"({"locationQuery":"Bondi","dialedNumber":"0298765432","sessionId":")" + id + R"("})");
  EXPECT_EQ(live_sessions(), 1);
  // The agent saw our location answer fail and its availability answer come slowly; its third
  // tool call never reached us.
  auto body = transcription(id);
  body = replaced(body, "https://frontdesk.example.com/elevenlabs/tools/check_availability",
                  "https://frontdesk.example.com/location-resolver");
  body = replaced(body,
                  "\"is_error\": false,\n            \"tool_has_been_called\": true,\n"
                  "            \"tool_latency_secs\": 0.318",
                  "\"is_error\": true,\n            \"tool_has_been_called\": true,\n"
                  "            \"tool_latency_secs\": 2.5");
  ASSERT_EQ(post_signed(body).status, 200u);
  const std::string where = " FROM calls WHERE conversation_id = '" + id + "'";
  EXPECT_EQ(value("SELECT tool_errors || ' ' || slow_tools || ' ' || unserved_tools" + where),
            "1 1 1");
  for (int i = 0; i < 50 && live_sessions() != 0; ++i) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(live_sessions(), 0);
}

namespace {

std::string run_calls(const std::vector<std::string>& args, const std::string& database_url,
                      int* code) {
  std::vector<std::string> all{"calls"};
  all.insert(all.end(), args.begin(), args.end());
  child_process child{FRONTDESK_BINARY,
                      all,
                      {{"DATABASE_URL", database_url},
                       {"FRONTDESK_MASTER_KEY", test_master_key_hex},
                       {"LOG_LEVEL", "warn"}}};
  *code = child.wait(30s);
  return child.output();
}

}  // namespace

TEST_F(Webhook, CallsListAndShowReadTheCallsBackForTheClinic) {
  const std::string id = "conv_shown";
  call("location-resolver",
       R"({"locationQuery":"Bondi","dialedNumber":"0298765432","sessionId":")" + id + R"("})");
  auto body = replaced(transcription(id),
                       "https://frontdesk.example.com/elevenlabs/tools/check_availability",
                       "https://frontdesk.example.com/location-resolver");
  ASSERT_EQ(post_signed(body).status, 200u);
  ASSERT_EQ(post_signed(sample("call_initiation_failure.json")).status, 200u);
  int code = -1;
  const auto listed = run_calls({"list"}, db.url(), &code);
  EXPECT_EQ(code, 0) << listed;
  EXPECT_NE(listed.find("Harbour Health"), std::string::npos) << listed;
  EXPECT_NE(listed.find("missed (no-answer)"), std::string::npos) << listed;
  EXPECT_NE(listed.find("Cleaning booked for Aug 4, 2 PM"), std::string::npos) << listed;
  EXPECT_NE(listed.find("1 never reached us"), std::string::npos) << listed;

  const auto missed = run_calls({"list", "--missed", "--json"}, db.url(), &code);
  const auto missed_json = http::parse_json(missed);
  ASSERT_TRUE(missed_json && missed_json->is<json_value::array>()) << missed;
  EXPECT_EQ(missed_json->as<json_value::array>().size(), 1u);
  // A missed caller is called back: the operator may ask for the number whole.
  EXPECT_EQ(listed.find("+16285550143"), std::string::npos) << listed;
  const auto revealed = run_calls({"list", "--missed", "--reveal"}, db.url(), &code);
  EXPECT_NE(revealed.find("+16285550143"), std::string::npos) << revealed;

  const auto shown = run_calls({"show", id}, db.url(), &code);
  EXPECT_EQ(code, 0) << shown;
  EXPECT_NE(shown.find("caller: Hi, I'd like to book a cleaning"), std::string::npos) << shown;
  EXPECT_NE(shown.find("tool   book_appointment"), std::string::npos) << shown;
  EXPECT_NE(shown.find("[never reached frontdesk]"), std::string::npos) << shown;
  EXPECT_NE(shown.find("HTTP 200"), std::string::npos) << shown;  // what frontdesk answered
  EXPECT_NE(shown.find("Dana Whitfield called to book"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("+16285550143"), std::string::npos) << shown;  // the caller masked
  const auto as_json = http::parse_json(run_calls({"show", id, "--json"}, db.url(), &code));
  ASSERT_TRUE(as_json);
  EXPECT_EQ(text_field(*as_json, "outcome"), "success");
  EXPECT_NE(run_calls({"show", "conv_nobody"}, db.url(), &code).find("no call"), std::string::npos);
  EXPECT_EQ(code, 1);
}

TEST_F(Webhook, WhatWasSaidIsClearedWhenItsRetentionEndsAndOutcomesStay) {
  ASSERT_EQ(post_signed(transcription("conv_old")).status, 200u);
  const auto in_31_days = unix_now() + 31 * 86'400;
  auto cleared = ask<std::int64_t>(system, database, prune_atom::value, in_31_days);
  ASSERT_TRUE(cleared);
  EXPECT_EQ(*cleared, 1);
  EXPECT_EQ(value("SELECT (caller_sealed IS NULL AND summary_sealed IS NULL AND details_sealed IS "
                  "NULL AND title_sealed IS NULL)::text FROM calls"),
            "true");
  EXPECT_EQ(value("SELECT (raw_sealed IS NULL)::text FROM call_events"), "true");
  EXPECT_EQ(value("SELECT outcome || ' ' || duration_secs FROM calls"), "success 38");
  // Within its retention nothing is touched.
  ASSERT_EQ(post_signed(transcription("conv_new")).status, 200u);
  EXPECT_EQ(*ask<std::int64_t>(system, database, prune_atom::value, unix_now()), 0);
}

TEST_F(Webhook, AudioIsKeptSealedOnlyWhereConfigured) {
  const auto dir = std::filesystem::path(spool_dir).string() + "-audio";
  webhook_config config;
  config.master_key = *config::parse_master_key(test_master_key_hex);
  config.spool_dir = spool_dir + "-2";
  config.audio_dir = dir;
  auto keeper = spawn_webhook(system, database, sessions, config);
  const auto body = sample("post_call_audio.json");
  auto fate = ask<event_fate>(system, keeper, webhook_delivery{body, unix_now()});
  ASSERT_TRUE(fate);
  EXPECT_EQ(*fate, event_fate::stored);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  ASSERT_EQ(files.size(), 1u);
  std::ifstream in(files.front(), std::ios::binary);
  const std::string kept{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_EQ(kept.find("ID3"), std::string::npos);  // sealed: the MP3's header is not readable
  EXPECT_GT(kept.size(), 1000u);
  caf::anon_send_exit(keeper, caf::exit_reason::user_shutdown);
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(spool_dir + "-2");
}

TEST_F(Webhook, SpooledRecordsThatWillNotOpenAreKeptAsideNeverDeleted) {
  // What another master key sealed (or anything else that does not open) waits in the spool.
  const auto dir = spool_dir + "-foreign";
  {
    storage::spool foreign{dir};
    ASSERT_TRUE(foreign.append("sealed under a key this process does not have"));
  }
  webhook_config config;
  config.master_key = *config::parse_master_key(test_master_key_hex);
  config.spool_dir = dir;
  auto drainer = spawn_webhook(system, database, sessions, config);
  auto moved = ask<std::int64_t>(system, drainer, drain_atom::value);
  ASSERT_TRUE(moved);
  EXPECT_EQ(*moved, 0);
  std::vector<std::string> kept;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".unreadable") kept.push_back(entry.path().string());
  EXPECT_EQ(kept.size(), 1u);
  EXPECT_EQ(count("call_events"), 0);
  caf::anon_send_exit(drainer, caf::exit_reason::user_shutdown);
  std::filesystem::remove_all(dir);
}

TEST_F(Webhook, AnAudioEventTakenWhilePostgresIsAwayWaitsWithoutItsRecording) {
  db_proxy.cut();
  ASSERT_EQ(post_signed(sample("post_call_audio.json")).status, 200u);
  std::uintmax_t spooled = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(spool_dir))
    if (entry.is_regular_file()) spooled += entry.file_size();
  EXPECT_LT(spooled, 1000u);  // the sample's recording alone is 4 KB of base64
  db_proxy.restore();
  for (int i = 0; i < 100 && count("call_events") < 1; ++i) std::this_thread::sleep_for(100ms);
  EXPECT_EQ(value("SELECT event_type FROM call_events"), "post_call_audio");
  EXPECT_EQ(value("SELECT has_audio::text FROM calls"), "true");
}

// The recording and the post-call event of one conversation share its id: sessions list shows
// the call's outcome and summary beside the recording.
TEST_F(Webhook, SessionsListShowsTheCallsOutcomeAndSummaryBesideItsRecording) {
  const std::string id = "conv_recorded";
  call("location-resolver",
       R"({"locationQuery":"Bondi","dialedNumber":"0298765432","sessionId":")" + id + R"("})");
  ASSERT_EQ(post_signed(transcription(id)).status, 200u);
  ASSERT_FALSE(recordings().empty());
  const auto sessions = [&](const std::vector<std::string>& args) {
    std::vector<std::string> all{"sessions", "list"};
    all.insert(all.end(), args.begin(), args.end());
    child_process child{FRONTDESK_BINARY,
                        all,
                        {{"DATABASE_URL", db.url()},
                         {"FRONTDESK_MASTER_KEY", test_master_key_hex},
                         {"LOG_LEVEL", "warn"}}};
    EXPECT_EQ(child.wait(30s), 0) << child.output();
    return child.output();
  };
  const auto listed = sessions({"--outcome", "success"});
  EXPECT_NE(listed.find(id), std::string::npos) << listed;
  EXPECT_NE(listed.find("success"), std::string::npos) << listed;
  EXPECT_NE(listed.find("Dana Whitfield called to book"), std::string::npos) << listed;
  EXPECT_EQ(sessions({"--outcome", "failure"}).find(id), std::string::npos);
}
