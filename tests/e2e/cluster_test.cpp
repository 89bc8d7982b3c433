#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

#include "domain/time_zone.hpp"
#include "http/auth.hpp"
#include "http/json.hpp"
#include "support/child_process.hpp"
#include "support/demo_ids.hpp"
#include "support/http_client.hpp"
#include "support/sim_server.hpp"
#include "support/test_database.hpp"

// Three `frontdesk serve` processes on one PostgreSQL and one Cliniko (the simulator), with no
// router in front: each call of a conversation may reach any of them.
using namespace frontdesk;
using namespace frontdesk::test_support;
using namespace std::chrono_literals;
using namespace frontdesk::test_support::demo;

namespace {

const std::string binary = FRONTDESK_BINARY;
constexpr const char* api_key = "cluster-test-key-01";

std::string utc(const std::string& local) {
  const auto t = domain::parse_instant(local);
  return t ? domain::format_utc(*t) : "unreadable: " + local;
}

struct node {
  std::string name;
  std::unique_ptr<child_process> process;
  std::uint16_t port = 0;
};

class Cluster : public ::testing::Test {
 protected:
  void SetUp() override {
    sim.simulator().set_options(sim_options);
    onboard_demo_clinic(db.url());
    child_process sync{binary, {"clinic", "sync", "Harbour Health"}, env("setup")};
    ASSERT_EQ(sync.wait(60s), 0) << sync.output();
    synced_at = std::chrono::steady_clock::now();
    for (int i = 0; i < node_count; ++i) nodes.push_back(start(name_of(i)));
  }

  static std::string name_of(int i) { return "node-" + std::string(1, static_cast<char>('a' + i)); }

  std::map<std::string, std::string> env(const std::string& name) {
    auto out = settings;
    out.insert(
        {{"DATABASE_URL", db.url()},
         {"CLINIKO_BASE_URL", sim.base_url()},
         {"FRONTDESK_API_KEYS", api_key},
         {"FRONTDESK_MASTER_KEY", demo_master_key_hex()},
         {"NODE_NAME", name},
         {"ELEVENLABS_WEBHOOK_SECRET", "wsec_cluster_test"},
         {"TOOL_DEADLINE_MS", "3000"},
         {"SYNC_INTERVAL_SECONDS", "60"},
         {"WEBHOOK_SPOOL_DIR", "/tmp/frontdesk-cluster-test-" + std::to_string(::getpid())}});
    return out;
  }

  node start(const std::string& name, std::uint16_t port = 0) {
    node n{name, std::make_unique<child_process>(
                     binary, std::vector<std::string>{"serve", "--port", std::to_string(port)},
                     env(name))};
    EXPECT_TRUE(n.process->wait_for_output("serving on http://", 30s)) << n.process->output();
    std::smatch m;
    const std::string text = n.process->output();
    std::regex_search(text, m, std::regex{R"(serving on http://127\.0\.0\.1:(\d+))"});
    n.port = m.empty() ? 0 : static_cast<std::uint16_t>(std::stoi(m[1]));
    return n;
  }

  void kill(node& n) {
    n.process->signal(SIGKILL);
    n.process->wait(10s);
  }

  // A tool call on node `i`; the answer's JSON (any status).
  json_value call(std::size_t i, const std::string& tool, const std::string& body,
                  unsigned* status = nullptr) {
    http_client client{nodes.at(i).port};
    const auto reply = client.request("POST", "/" + tool, body, {{"x-api-key", api_key}});
    if (status) *status = reply.status;
    return http::parse_json(reply.body).value_or(json_value{});
  }

  static std::string text(const json_value& v, std::string_view key) {
    return text_field(v, key).value_or("");
  }
  static bool flag(const json_value& v, std::string_view key) {
    const auto* f = v.find(key);
    return f && f->is<bool>() && f->as<bool>();
  }
  static const json_value& part(const json_value& v, std::string_view key) {
    static const json_value none;
    const auto* p = v.find(key);
    return p ? *p : none;
  }

  // Sean's next follow-up, offered on node `i` in `session`: the time (UTC).
  std::string offer_sean(std::size_t i, const std::string& session) {
    const auto next = call(i, "find-next-available",
                           R"({"practitioner":"Sean","service":"follow-up","sessionId":")" +
                               session + R"(","dialedNumber":"0298765432"})");
    EXPECT_TRUE(flag(next, "found")) << http::to_json(next);
    return utc(text(part(next, "slot"), "startTime"));
  }

  json_value in_cliniko(const std::string& id) {
    return http::parse_json(sim.ask("GET", "/individual_appointments/" + id, "").body)
        .value_or(json_value{});
  }

  // Sean's live appointments in Cliniko starting from `from` to `to` (UTC), as the simulator has
  // them.
  std::size_t seans_appointments(const std::string& from, const std::string& to) {
    const auto doc =
        http::parse_json(sim.ask("GET", "/individual_appointments",
                                 "q[]=practitioner_id:=" + sean + "&q[]=starts_at:>=" + from +
                                     "&q[]=starts_at:<=" + to + "&per_page=100")
                             .body)
            .value_or(json_value{});
    std::size_t live = 0;
    if (const auto* list = doc.find("individual_appointments"))
      for (const auto& a : list->as<json_value::array>())
        if (const auto* c = a.find("cancelled_at"); !c || c->is_null()) ++live;
    return live;
  }

  // Waits until the other nodes can know `name` is gone (silent for 5 s).
  bool known_gone(const std::string& name) {
    return eventually(
        [&] {
          return query_value(db.url(), "SELECT count(*) FROM nodes WHERE name = '" + name +
                                           "' AND last_seen < now() - interval '5 seconds'") == "1";
        },
        15s);
  }

  std::string leader() {
    return query_value(
        db.url(), "SELECT holder FROM leases WHERE work = 'background' AND expires_at > now()");
  }

  template <class F>
  static bool eventually(F ready, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (ready()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return ready();
  }

  /// Settings every node gets besides the fixture's (a test's own, set before SetUp runs).
  std::map<std::string, std::string> settings;
  /// Nodes started before the test.
  int node_count = 3;
  sim::sim_options sim_options;
  test_database db;
  sim_server sim{sim::demo_scenario(now())};
  std::vector<node> nodes;
  std::chrono::steady_clock::time_point synced_at;
};

// The nodes share a tight budget (40 a minute) and keep free times for a second only, so that
// callers' demand outruns it.
class ClusterBudget : public Cluster {
 protected:
  ClusterBudget() {
    settings = {{"CLINIKO_RATE_LIMIT", "40"},
                {"AVAILABILITY_TTL_SECONDS", "1"},
                {"AVAILABILITY_WARM_SECONDS", "0"}};
    sim_options.rate_limit = 70;  // Cliniko's own, with room for the setup's sync
  }

  // The most requests the simulator took in any 61 s since the nodes started.
  std::size_t most_in_a_minute() {
    std::vector<std::chrono::steady_clock::time_point> times;
    for (const auto t : sim.simulator().accepted_times())
      if (t > synced_at) times.push_back(t);
    std::size_t most = 0;
    for (std::size_t i = 0, j = 0; j < times.size(); ++j) {
      while (times[j] - times[i] > 61s) ++i;
      most = std::max(most, j - i + 1);
    }
    return most;
  }
};

}  // namespace

TEST_F(Cluster, AConversationAlternatingOverThreeNodesGoesOnFromItsContext) {
  const auto offered = offer_sean(0, "alt");
  // "Book it", with nothing but who: the time, practitioner and place come from node a's offer.
  auto booked = call(1, "appointment-handler",
                     R"({"action":"book","patientName":"Zara Quinn","callerPhone":"0400 555 111",)"
                     R"("sessionId":"alt","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  EXPECT_EQ(utc(text(part(booked, "appointment"), "startTime")), offered);
  // "Actually, cancel that": node c knows which appointment from the context.
  auto cancelled = call(2, "appointment-handler",
                        R"({"action":"cancel","reason":"work","sessionId":"alt",)"
                        R"("dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(cancelled, "success")) << http::to_json(cancelled);
  EXPECT_EQ(text(cancelled, "appointmentId"), text(booked, "appointmentId"));
  EXPECT_NE(text(in_cliniko(text(booked, "appointmentId")), "cancelled_at"), "");
  EXPECT_EQ(query_value(db.url(), "SELECT calls FROM recordings WHERE session_id = 'alt'"), "3");
}

// The call's post-call event reaches a node that answered none of its tool calls: it is kept
// once, beside the recording the other nodes wrote.
TEST_F(Cluster, APostCallEventOnAnyNodeIsLinkedToItsRecording) {
  offer_sean(0, "conv_hook");
  offer_sean(1, "conv_hook");
  const auto t = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
  const std::string event =
      R"({"type":"post_call_transcription","event_timestamp":)" + t +
      R"(,"data":{"agent_id":"agent_x","conversation_id":"conv_hook","status":"done",)"
      R"("transcript":[{"role":"user","message":"A follow-up with Sean, please."}],)"
      R"("metadata":{"start_time_unix_secs":)" +
      t +
      R"(,"call_duration_secs":40},"analysis":{"call_successful":"success",)"
      R"("call_summary_title":"Asked for Sean","transcript_summary":"Asked for Sean."}}})";
  http_client client{nodes[2].port};
  const auto reply = client.request(
      "POST", "/post-call-webhook", event,
      {{"ElevenLabs-Signature",
        "t=" + t + ",v0=" + http::hmac_sha256_hex("wsec_cluster_test", t + "." + event)}});
  ASSERT_EQ(reply.status, 200u) << reply.body;
  EXPECT_EQ(query_value(db.url(),
                        "SELECT count(*) FROM recordings r JOIN calls c ON c.conversation_id ="
                        " r.session_id WHERE r.session_id = 'conv_hook' AND r.calls = 2"
                        " AND c.outcome = 'success'"),
            "1");
}

// Fifty callers for Sean's next time, their calls spread over the three nodes.
TEST_F(Cluster, FiftyCallersForOneTimeOverThreeNodesMakeOneAppointment) {
  const auto offered = offer_sean(0, "probe");
  const auto local = domain::format_local(*domain::parse_instant(offered), "Australia/Sydney");
  std::atomic<int> booked{0}, taken{0}, other{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 50; ++i)
    callers.emplace_back([&, i] {
      unsigned status = 0;
      const auto reply = call(
          static_cast<std::size_t>(i % 3), "appointment-handler",
          R"({"action":"book","practitioner":"Sean","appointmentType":"follow-up","business_id":")" +
              city + R"(","date":")" + local.substr(0, 10) + R"(","time":")" + local.substr(11, 5) +
              R"(","patientName":"Racer )" + std::to_string(i) +
              R"( Test","callerPhone":"0400 700 )" + std::to_string(100 + i) +
              R"(","sessionId":"fifty_)" + std::to_string(i) + R"(","dialedNumber":"0298765432"})",
          &status);
      if (status == 200 && flag(reply, "success"))
        ++booked;
      else if (status == 200 && text(reply, "error") == "slot_taken")
        ++taken;
      else
        ++other;
    });
  for (auto& t : callers) t.join();
  EXPECT_EQ(booked.load(), 1);
  EXPECT_EQ(taken.load(), 49);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(seans_appointments(offered, offered), 1u);
}

TEST_F(Cluster, TheNodeThatOfferedATimeKilledBookItOnAnotherBooksThatTime) {
  const auto offered = offer_sean(0, "killed");
  kill(nodes[0]);
  auto booked = call(1, "appointment-handler",
                     R"({"action":"book","patientName":"Noah Nguyen","callerPhone":"0400 555 222",)"
                     R"("sessionId":"killed","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  EXPECT_EQ(utc(text(part(booked, "appointment"), "startTime")), offered);
}

TEST_F(Cluster, ALeaderKilledIsSucceededWithin15Seconds) {
  ASSERT_TRUE(eventually([&] { return !leader().empty(); }, 10s));
  const auto first = leader();
  auto it =
      std::find_if(nodes.begin(), nodes.end(), [&](const node& n) { return n.name == first; });
  ASSERT_NE(it, nodes.end());
  child_process listed{binary, {"nodes"}, env("lister")};
  ASSERT_EQ(listed.wait(30s), 0) << listed.output();
  for (const auto& n : nodes) EXPECT_NE(listed.output().find(n.name), std::string::npos);
  EXPECT_NE(listed.output().find("Harbour Health"), std::string::npos) << listed.output();

  const auto killed_at = std::chrono::steady_clock::now();
  kill(*it);
  ASSERT_TRUE(eventually([&] { return !leader().empty() && leader() != first; }, 15s));
  const auto took = std::chrono::steady_clock::now() - killed_at;
  std::printf(
      "a new leader after %lld ms\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
  // The new leader syncs: the sync state is written after the kill.
  EXPECT_TRUE(eventually(
      [&] {
        return query_value(db.url(),
                           "SELECT count(*) FROM sync_state WHERE last_success_at > now() - "
                           "interval '10 seconds'") != "0";
      },
      10s));
}

TEST_F(ClusterBudget, DemandAboveTheBudgetOverThreeNodesNeverMeetsA429) {
  std::atomic<int> heard_times{0}, heard_busy{0}, other{0};
  std::vector<std::thread> callers;
  for (int i = 0; i < 45; ++i)
    callers.emplace_back([&, i] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100 * i));
      unsigned status = 0;
      const auto reply = call(static_cast<std::size_t>(i % 3), "find-next-available",
                              R"({"service":"follow-up","sessionId":"budget_)" + std::to_string(i) +
                                  R"(","dialedNumber":"0298765432"})",
                              &status);
      if (status == 200 && flag(reply, "found"))
        ++heard_times;
      else if (text(reply, "error") == "busy")
        ++heard_busy;
      else {
        ++other;
        std::printf("%u %s\n", status, http::to_json(reply).c_str());
      }
    });
  for (auto& t : callers) t.join();
  EXPECT_EQ(sim.simulator().rate_limited(), 0u);
  EXPECT_EQ(other.load(), 0);
  EXPECT_GT(heard_times.load(), 0);
  EXPECT_GT(heard_busy.load(), 0);  // demand outran the budget: some heard a spoken "busy"
  EXPECT_LE(most_in_a_minute(), 40u);
  // The day's tally the console draws kept every grant, and no minute above the budget.
  EXPECT_GT(
      std::stoll(query_value(db.url(), "SELECT coalesce(sum(granted), 0) FROM cliniko_usage")), 0);
  EXPECT_LE(
      std::stoll(query_value(db.url(), "SELECT coalesce(max(granted), 0) FROM cliniko_usage")), 40);
  std::printf("%d heard times, %d heard busy; %zu Cliniko requests in the busiest minute\n",
              heard_times.load(), heard_busy.load(), most_in_a_minute());
}

// Cliniko makes the booking but its answer never reaches node a, which is killed: the caller's
// agent asks again, reaching node b once a is known to be gone.
TEST_F(Cluster, ABookingCutOffByAKilledNodeIsSettledWhenItsConversationAsksAgain) {
  const auto offered = offer_sean(0, "cut");
  const std::string book_it =
      R"({"action":"book","patientName":"Ava Brooks","callerPhone":"0400 555 333",)"
      R"("sessionId":"cut","dialedNumber":"0298765432"})";
  auto slow = sim_options;
  slow.write_latency = 60s;
  sim.simulator().set_options(slow);
  std::thread first{[&] {
    try {
      call(0, "appointment-handler", book_it);
    } catch (const std::exception&) {
      // node a is killed mid-call: expected.
    }
  }};
  const auto live_at_offer = [&] {
    return query_value(db.url(), "SELECT count(*) FROM booking_intents WHERE state = 'pending'");
  };
  ASSERT_TRUE(eventually([&] { return live_at_offer() == "1"; }, 10s));
  std::this_thread::sleep_for(300ms);  // Cliniko has made it; its answer is what is slow
  kill(nodes[0]);
  first.join();
  sim.simulator().set_options(sim_options);
  ASSERT_TRUE(known_gone("node-a"));
  const auto asked = std::chrono::steady_clock::now();
  auto again = call(1, "appointment-handler", book_it);
  const auto took = std::chrono::steady_clock::now() - asked;
  ASSERT_TRUE(flag(again, "success")) << http::to_json(again);
  EXPECT_EQ(utc(text(part(again, "appointment"), "startTime")), offered);
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM booking_intents WHERE state = 'done'"),
            "1");
  EXPECT_EQ(seans_appointments(offered, offered), 1u);
  std::printf(
      "the retried booking was answered in %lld ms\n",
      static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(took).count()));
}

// Eight callers booking eight different times on node a, which is killed with Cliniko's
// answers in flight (Cliniko made every one). Once a is known to be gone, each caller's agent
// asks again on node b: every booking is answered as made, none lost, none doubled.
TEST_F(Cluster, ABurstOfBookingsCutOffByAKilledNodeIsSettledWhenAskedAgain) {
  const auto today = domain::local_date(now(), "Australia/Sydney");
  const auto week = domain::calendar_date{date::sys_days{today} + date::days{6}};
  const auto doc =
      http::parse_json(sim.ask("GET",
                               "/businesses/" + city + "/practitioners/" + sean +
                                   "/appointment_types/" + follow_up + "/available_times",
                               "from=" + domain::format_date(today) +
                                   "&to=" + domain::format_date(week) + "&per_page=100")
                           .body)
          .value_or(json_value{});
  std::vector<std::string> starts;
  for (const auto& t : doc.find("available_times")->as<json_value::array>())
    starts.push_back(*text_field(t, "appointment_start"));
  ASSERT_GE(starts.size(), 16u);
  starts.erase(starts.begin(), starts.end() - 8);  // far enough ahead to outlast the test
  const auto book_it = [&](std::size_t i) {
    const auto local = domain::format_local(*domain::parse_instant(starts[i]), "Australia/Sydney");
    return R"({"action":"book","practitioner":"Sean","appointmentType":"follow-up","business_id":")" +
           city + R"(","date":")" + local.substr(0, 10) + R"(","time":")" + local.substr(11, 5) +
           R"(","patientName":"Burst )" + std::string(1, static_cast<char>('A' + i)) +
           R"( Caller","callerPhone":"0400 900 )" + std::to_string(100 + i) +
           R"(","sessionId":"burst_)" + std::to_string(i) + R"(","dialedNumber":"0298765432"})";
  };
  auto slow = sim_options;
  slow.write_latency = 60s;
  sim.simulator().set_options(slow);
  std::vector<std::thread> first;
  for (std::size_t i = 0; i < starts.size(); ++i)
    first.emplace_back([&, i] {
      try {
        call(0, "appointment-handler", book_it(i));
      } catch (const std::exception&) {
        // node a is killed mid-call: expected.
      }
    });
  ASSERT_TRUE(eventually(
      [&] {
        return query_value(db.url(),
                           "SELECT count(*) FROM booking_intents WHERE state = "
                           "'pending'") == "8";
      },
      15s));
  std::this_thread::sleep_for(500ms);  // Cliniko has made them; its answers are what is slow
  kill(nodes[0]);
  for (auto& t : first) t.join();
  sim.simulator().set_options(sim_options);
  ASSERT_TRUE(known_gone("node-a"));
  std::vector<std::thread> again;
  std::atomic<int> made{0};
  std::atomic<long long> slowest_ms{0};
  for (std::size_t i = 0; i < starts.size(); ++i)
    again.emplace_back([&, i] {
      const auto asked = std::chrono::steady_clock::now();
      auto reply = call(1 + i % 2, "appointment-handler", book_it(i));
      // "Busy" (the shared budget's grants held by the dead node run out within seconds) is
      // a spoken hold-on: the agent calls again, as here.
      for (int tries = 0; tries < 3 && text(reply, "error") == "busy"; ++tries) {
        std::this_thread::sleep_for(2s);
        reply = call(1 + i % 2, "appointment-handler", book_it(i));
      }
      const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - asked)
                            .count();
      for (auto seen = slowest_ms.load();
           took > seen && !slowest_ms.compare_exchange_weak(seen, took);) {
      }
      if (flag(reply, "success") && utc(text(part(reply, "appointment"), "startTime")) ==
                                        domain::format_utc(*domain::parse_instant(starts[i])))
        ++made;
      else
        ADD_FAILURE() << i << ": " << http::to_json(reply);
    });
  for (auto& t : again) t.join();
  EXPECT_EQ(made.load(), 8);
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM booking_intents WHERE state = 'done'"),
            "8");
  for (const auto& start : starts)  // none lost, none doubled
    EXPECT_EQ(seans_appointments(start, start), 1u) << start;
  std::printf("the slowest retried booking was answered in %lld ms\n", slowest_ms.load());
}

// Nodes b and c have Sean's free times in memory; node a books his next one.
TEST_F(Cluster, ATimeBookedOnOneNodeIsNotOfferedByTheOthersAfterwards) {
  const auto seen_b = offer_sean(1, "warm_b");
  const auto seen_c = offer_sean(2, "warm_c");
  ASSERT_EQ(seen_b, seen_c);
  EXPECT_EQ(offer_sean(0, "taker"), seen_b);
  auto booked = call(0, "appointment-handler",
                     R"({"action":"book","patientName":"Leo Grant","callerPhone":"0400 555 444",)"
                     R"("sessionId":"taker","dialedNumber":"0298765432"})");
  ASSERT_TRUE(flag(booked, "success")) << http::to_json(booked);
  EXPECT_NE(offer_sean(1, "after_b"), seen_b);
  EXPECT_NE(offer_sean(2, "after_c"), seen_c);
}

// Background work is the whole of an idle clinic's Cliniko requests: a sync every 2 s and free
// times kept warm for 2 s. One node's, then three nodes'.
class ClusterIdle : public Cluster {
 protected:
  ClusterIdle() {
    node_count = 1;
    settings = {{"SYNC_INTERVAL_SECONDS", "2"},
                {"AVAILABILITY_TTL_SECONDS", "2"},
                {"AVAILABILITY_WARM_SECONDS", "1"}};
  }

  std::size_t requests_in(std::chrono::seconds window) {
    const auto before = sim.simulator().requests();
    std::this_thread::sleep_for(window);
    return sim.simulator().requests() - before;
  }
};

TEST_F(ClusterIdle, ThreeIdleNodesAskClinikoNoMoreThanOne) {
  std::this_thread::sleep_for(3s);  // the first sync and warming are done
  const auto one = requests_in(10s);
  nodes.push_back(start(name_of(1)));
  nodes.push_back(start(name_of(2)));
  std::this_thread::sleep_for(2s);
  const auto three = requests_in(10s);
  std::printf("idle Cliniko requests in 10 s: one node %zu, three nodes %zu\n", one, three);
  EXPECT_GT(one, 0u);
  EXPECT_LE(static_cast<double>(three), static_cast<double>(one) * 1.1 + 1);
}

namespace {

// A port nothing listens on now (bound, read, closed).
std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// deploy/haproxy.cfg with this test's front port and nodes.
std::string haproxy_config(std::uint16_t front, const std::vector<std::uint16_t>& ports) {
  std::ifstream in{std::string(FRONTDESK_DEPLOY) + "/haproxy.cfg"};
  std::string line, out;
  bool servers_written = false;
  while (std::getline(in, line)) {
    if (line.rfind("    bind ", 0) == 0) line = "    bind 127.0.0.1:" + std::to_string(front);
    if (line.rfind("    log ", 0) == 0) continue;
    if (line.rfind("    server ", 0) == 0) {
      if (servers_written) continue;
      servers_written = true;
      line.clear();
      for (std::size_t i = 0; i < ports.size(); ++i)
        line += "    server n" + std::to_string(i) + " 127.0.0.1:" + std::to_string(ports[i]) +
                " check\n";
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

// Nodes on fixed ports behind HAProxy as deploy/haproxy.cfg has it, draining for 2.5 s.
class ClusterRouted : public Cluster {
 protected:
  ClusterRouted() {
    node_count = 0;
    // The restarts are the point here, not Cliniko's budget.
    settings = {{"DRAIN_MS", "2500"}, {"CLINIKO_RATE_LIMIT", "5000"}};
    sim_options.rate_limit = 5000;
  }
};

TEST_F(ClusterRouted, ARollingRestartAndANodeAwayUnderLoadFailNoCallAndForgetNoContext) {
  std::vector<std::uint16_t> ports;
  for (int i = 0; i < 3; ++i) {
    ports.push_back(free_port());
    nodes.push_back(start(name_of(i), ports.back()));
  }
  const auto front = free_port();
  const auto config = "/tmp/frontdesk-cluster-haproxy-" + std::to_string(::getpid()) + ".cfg";
  std::ofstream{config} << haproxy_config(front, ports);
  child_process router{FRONTDESK_HAPROXY, {"-f", config}, {}};
  ASSERT_TRUE(eventually(
      [&] {
        try {
          return http_client{front}.request("GET", "/health").status == 200;
        } catch (const std::exception&) {
          return false;
        }
      },
      10s));
  std::this_thread::sleep_for(2s);  // every node checked up

  std::atomic<bool> stop{false};
  std::atomic<int> conversations{0}, failed{0};
  std::vector<std::thread> callers;
  // Two callers, a conversation every half second or so each: Sean's calendar lasts the test.
  for (int c = 0; c < 2; ++c)
    callers.emplace_back([&, c] {
      auto client = std::make_unique<http_client>(front);
      for (int n = 0; !stop; ++n) {
        const auto id = "roll_" + std::to_string(c) + "_" + std::to_string(n);
        const auto ask = [&](const std::string& tool, const std::string& fields) {
          const auto reply = client->request(
              "POST", "/" + tool,
              "{" + fields + R"(,"sessionId":")" + id + R"(","dialedNumber":"0298765432"})",
              {{"x-api-key", api_key}, {"X-Conversation-Id", id}});
          return std::pair{reply.status, http::parse_json(reply.body).value_or(json_value{})};
        };
        try {
          const auto [offer_status, offer] =
              ask("find-next-available", R"("practitioner":"Sean","service":"follow-up")");
          // "Book it": only who; the time is the conversation's, wherever it was offered.
          const auto book = [&] {
            return ask("appointment-handler",
                       R"("action":"book","patientName":"Roll )" + std::to_string(c) +
                           R"( Caller","callerPhone":"0400 8)" + std::to_string(c) + R"(0 )" +
                           std::to_string(100 + n) + "\"");
          };
          auto [book_status, booked] = book();
          // A spoken "please try again in a moment" (503: the node that had the call stopped, or
          // a deadline passed while it was away) is what the agent calls again on, once.
          if (book_status == 503) {
            std::printf("%s: 503 %s; calling again\n", id.c_str(), http::to_json(booked).c_str());
            std::this_thread::sleep_for(1s);
            std::tie(book_status, booked) = book();
          }
          // A conversation that forgot its context would be asked "Which day and time?".
          const bool ok = offer_status == 200 && flag(offer, "found") && book_status == 200 &&
                          (flag(booked, "success") || text(booked, "error") == "slot_taken");
          std::this_thread::sleep_for(400ms);
          if (!ok) {
            ++failed;
            std::printf("%s: %u %s / %u %s\n", id.c_str(), offer_status,
                        http::to_json(offer).c_str(), book_status, http::to_json(booked).c_str());
          }
          ++conversations;
        } catch (const std::exception& e) {
          ++failed;
          std::printf("%s: %s\n", id.c_str(), e.what());
          client = std::make_unique<http_client>(front);
        }
      }
    });
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    nodes[i].process->signal(SIGTERM);
    EXPECT_EQ(nodes[i].process->wait(20s), 0) << nodes[i].process->output();
    nodes[i] = start(nodes[i].name, ports[i]);
    std::this_thread::sleep_for(2500ms);  // checked up again before the next goes
  }
  // A node away for four seconds (stopped, not dead): its calls wait, the others take new ones.
  nodes[1].process->signal(SIGSTOP);
  std::this_thread::sleep_for(4s);
  nodes[1].process->signal(SIGCONT);
  std::this_thread::sleep_for(3s);
  stop = true;
  for (auto& t : callers) t.join();
  std::printf("%d conversations through a rolling restart of three nodes and one away for 4 s\n",
              conversations.load());
  EXPECT_GT(conversations.load(), 10);
  EXPECT_EQ(failed.load(), 0);
  router.signal(SIGTERM);
  router.wait(5s);
  std::remove(config.c_str());
}
