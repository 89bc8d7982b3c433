// The web console over real sockets, on real PostgreSQL, without a browser: signing in, the
// cookie's flags, CSRF, lockout, session fixation, forged and expired cookies, and an operator
// who sees only their own clinics' calls.
#include "console/console.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>

#include "config/settings.hpp"
#include "console/passwords.hpp"
#include "console/web.hpp"
#include "domain/encoding.hpp"
#include "domain/time_zone.hpp"
#include "http/auth.hpp"
#include "http/server.hpp"
#include "http/url.hpp"
#include "storage/clinics.hpp"
#include "storage/operators.hpp"
#include "storage/secret_box.hpp"
#include "support/child_process.hpp"
#include "support/post_call_samples.hpp"
#include "support/tool_fixture.hpp"

using namespace frontdesk;
using namespace frontdesk::test_support;

namespace {

const std::string manager = "manager@harbour.example";
const std::string stranger = "manager@other.example";
const std::string password = "correct horse battery";

// Every cookie a reply sets, by name: "name" -> the whole Set-Cookie line.
std::map<std::string, std::string> cookies_set(const http_reply& r) {
  std::map<std::string, std::string> out;
  const auto it = r.headers.find("set-cookie");
  if (it == r.headers.end()) return out;
  std::stringstream lines{it->second};
  for (std::string line; std::getline(lines, line);) out[line.substr(0, line.find('='))] = line;
  return out;
}

std::string value_of(const std::string& set_cookie) {
  const auto eq = set_cookie.find('=');
  return set_cookie.substr(eq + 1, set_cookie.find(';') - eq - 1);
}

// The value of the hidden csrf field in a page.
std::string form_token(const std::string& page) {
  const std::string marker = R"(name="csrf" value=")";
  const auto at = page.find(marker);
  if (at == std::string::npos) return {};
  const auto from = at + marker.size();
  return page.substr(from, page.find('"', from) - from);
}

class Console : public tool_fixture {
 protected:
  void SetUp() override {
    tool_fixture::SetUp();
    // The conversation's tool calls, recorded as it went (the replay's material).
    call("location-resolver",
         R"({"locationQuery":"Bondi","dialedNumber":"+61298765432","sessionId":")" + call_id +
             "\"}");
    call("get-location-practitioners",
         R"({"dialedNumber":"+61298765432","sessionId":")" + call_id + "\"}");
    // Free times asked of Cliniko (the cache is cold): an answer that waited.
    call("availability-checker",
         R"({"practitioner":"Dr Sarah Chen","appointmentType":"follow up","business_id":")" +
             bondi + R"(","date":"tomorrow","dialedNumber":"+61298765432","sessionId":")" +
             call_id + "\"}");
    // A call to the demo clinic, as ElevenLabs reports it, kept by the webhook.
    const auto body = transcription(call_id);
    http_client client{port};
    const auto kept = client.request("POST", "/post-call-webhook", body,
                                     {{"ElevenLabs-Signature", signature(body)}});
    ASSERT_EQ(kept.status, 200u) << kept.body;
    // A second clinic, whose manager must see nothing of the first's calls.
    pqxx::connection conn{db.url()};
    pqxx::work tx{conn};
    const auto other =
        tx.exec1(
              "INSERT INTO clinics (name, timezone, cliniko_shard, cliniko_key_sealed)"
              " VALUES ('Other Clinic', 'Australia/Perth', 'au1', '\\x00') RETURNING id")[0]
            .as<std::int64_t>();
    // One master key for everything, as a deployment has: the clinic's Cliniko key sealed
    // under the one that seals the calls.
    storage::replace_key(tx, clinic, "demo-cliniko-key", "au1",
                         storage::secret_box{*config::parse_master_key(test_master_key_hex)});
    storage::add_operator(tx, manager, *console::hash_password(password), false, {clinic});
    storage::add_operator(tx, stranger, *console::hash_password(password), false, {other});
    tx.commit();
    console::console_options o;
    o.database_url = db.url();
    o.master_key = config::parse_master_key(test_master_key_hex);
    pages = std::make_unique<console::console>(std::move(o));
    http::server_options so;
    so.port = 0;
    so.threads = 1;
    server = std::make_unique<http::server>(std::move(so), console::console::routes(),
                                            http::api_key_set{std::vector<std::string>{}},
                                            [this](http_request r, reply_sink_ptr sink) {
                                              pages->handle(std::move(r), std::move(sink));
                                            });
    console_port = server->start();
  }

  void TearDown() override {
    if (server) server->shutdown(std::chrono::milliseconds{500});
    server.reset();
    pages.reset();
    tool_fixture::TearDown();
  }

  http_reply get(const std::string& path, const std::string& cookie = "") {
    http_client c{console_port};
    header_list h;
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    return c.request("GET", path, "", h);
  }

  http_reply post(const std::string& path, const std::string& form, const std::string& cookie) {
    http_client c{console_port};
    header_list h{{"Content-Type", "application/x-www-form-urlencoded"}};
    if (!cookie.empty()) h.emplace_back("Cookie", cookie);
    return c.request("POST", path, form, h);
  }

  // Signs in as `email`: the reply to the form (a redirect with the session cookie on success).
  http_reply sign_in(const std::string& email, const std::string& pass,
                     const std::string& extra_cookie = "") {
    const auto form = get("/");
    const auto login = value_of(cookies_set(form)["fd_login"]);
    std::string cookie = "fd_login=" + login;
    if (!extra_cookie.empty()) cookie += "; " + extra_cookie;
    return post("/login",
                "csrf=" + login + "&email=" + http::url_encode(email) +
                    "&password=" + http::url_encode(pass),
                cookie);
  }

  std::string session_of(const std::string& email) {
    const auto r = sign_in(email, password);
    EXPECT_EQ(r.status, 303u) << r.body;
    return "fd_console=" + value_of(cookies_set(r)["fd_console"]);
  }

  const std::string call_id = "conv_console_1";
  std::unique_ptr<console::console> pages;
  std::unique_ptr<http::server> server;
  std::uint16_t console_port = 0;
};

}  // namespace

TEST_F(Console, SigningInSetsAStrictHttpOnlyCookieAndShowsTheClinicsCalls) {
  const auto login_page = get("/");
  EXPECT_EQ(login_page.status, 200u);
  EXPECT_NE(login_page.body.find(R"(<label for="password">Password</label>)"), std::string::npos);
  const auto r = sign_in(manager, password);
  ASSERT_EQ(r.status, 303u) << r.body;
  EXPECT_EQ(r.headers.at("location"), "/calls");
  const auto cookie = cookies_set(r)["fd_console"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << cookie;  // plain HTTP here
  const auto session = "fd_console=" + value_of(cookie);
  // Only the token's hash is kept.
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM console_sessions WHERE token_hash = '" +
                                      domain::sha256_hex(value_of(cookie)) + "'"),
            "1");

  const auto list = get("/calls?day=2026-07-29", session);
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_NE(list.body.find("/calls/" + call_id), std::string::npos) << list.body;
  EXPECT_EQ(list.body.find("6285550143"), std::string::npos);  // the caller's number is masked
  const auto page = get("/calls/" + call_id, session);
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("class=\"tool"), std::string::npos) << page.body;  // the tools ran
  EXPECT_NE(page.body.find("caller"), std::string::npos);
  EXPECT_EQ(page.headers.at("cache-control"), "no-store");
  // frontdesk's own record of the call: each tool call, what it asked, what it answered.
  EXPECT_NE(page.body.find("What frontdesk did"), std::string::npos);
  EXPECT_NE(page.body.find("/location-resolver"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("asked directory: clinic"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("answered 200: That&#39;s our Bondi Junction location."),
            std::string::npos)
      << page.body;
}

TEST_F(Console, AnotherClinicsOperatorSeesNothingOfItEvenByItsAddress) {
  const auto session = session_of(stranger);
  const auto list = get("/calls?day=2026-07-29", session);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.body.find(call_id), std::string::npos);
  EXPECT_EQ(get("/calls/" + call_id, session).status, 404u);
  EXPECT_EQ(get("/calls/no-such-call", session_of(manager)).status, 404u);
}

TEST_F(Console, FormsWithoutTheSessionsTokenAreRefused) {
  const auto session = session_of(manager);
  const auto page = get("/calls/" + call_id, session);
  const auto token = form_token(page.body);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(post("/calls/" + call_id + "/reveal", "", session).status, 403u);
  EXPECT_EQ(post("/calls/" + call_id + "/reveal", "csrf=forged", session).status, 403u);
  EXPECT_EQ(post("/logout", "csrf=forged", session).status, 403u);
  EXPECT_EQ(query_value(db.url(), "SELECT count(*) FROM console_audit"), "0");
  // With it: the number is shown, and who saw it is recorded.
  const auto revealed = post("/calls/" + call_id + "/reveal", "csrf=" + token, session);
  EXPECT_EQ(revealed.status, 200u);
  EXPECT_NE(revealed.body.find(manager + " revealed the caller"), std::string::npos);
  EXPECT_EQ(query_value(db.url(), "SELECT operator_email FROM console_audit"), manager);
  // A login form posted without its own token (a cross-site login) is refused too.
  EXPECT_EQ(
      post("/login", "email=" + manager + "&password=" + http::url_encode(password), "").status,
      403u);
}

TEST_F(Console, SigningOutEndsTheSessionAndAForgedOrExpiredCookieIsNoSession) {
  const auto session = session_of(manager);
  const auto token = form_token(get("/calls", session).body);
  const auto out = post("/logout", "csrf=" + token, session);
  EXPECT_EQ(out.status, 303u);
  EXPECT_EQ(get("/calls", session).status, 303u);  // back to the sign-in page
  EXPECT_EQ(get("/calls", "fd_console=" + std::string(64, 'a')).status, 303u);
  // Expired: the database says when.
  const auto again = session_of(manager);
  query_value(db.url(), "UPDATE console_sessions SET expires_at = now() - interval '1 second'");
  EXPECT_EQ(get("/calls", again).status, 303u);
}

TEST_F(Console, ATokenPlantedBeforeSigningInIsWorthNothingAfter) {
  // Session fixation: a cookie set by someone else before the sign-in is replaced by a new one.
  const std::string planted = std::string(64, 'b');
  const auto r = sign_in(manager, password, "fd_console=" + planted);
  ASSERT_EQ(r.status, 303u);
  EXPECT_NE(value_of(cookies_set(r)["fd_console"]), planted);
  EXPECT_EQ(get("/calls", "fd_console=" + planted).status, 303u);
}

TEST_F(Console, RepeatedFailuresAreSlowedThenLockedPerAccount) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(sign_in(manager, "wrong password").status, 401u);
  // The fourth failure refuses sign-ins for a while, the right password included.
  EXPECT_EQ(sign_in(manager, "wrong password").status, 401u);
  const auto locked = sign_in(manager, password);
  EXPECT_EQ(locked.status, 429u) << locked.body;
  EXPECT_NE(locked.body.find("Too many failed attempts"), std::string::npos);
  // An unknown account answers as a wrong password does.
  EXPECT_EQ(sign_in("nobody@example.com", password).status, 429u);  // this address is locked
  query_value(db.url(), "DELETE FROM console_login_failures");
  EXPECT_EQ(sign_in("nobody@example.com", password).status, 401u);
  EXPECT_EQ(sign_in(manager, password).status, 303u);
}

// The same console in Debian's chromium, driven by python3-selenium (tests/browser/console.py):
// sign in, the day's list shows the call, its page shows the tools and what was said, the
// browser logs no error, another clinic's operator sees nothing of it. Screenshots are kept in
// var/screenshots for CI and the README.
TEST_F(Console, InARealBrowserTheManagerSeesTheCallAndAStrangerSeesNothing) {
  const std::string shots = std::string(FRONTDESK_SOURCE_DIR) + "/var/screenshots";
  std::filesystem::create_directories(shots);
  const auto started = std::stoll(query_value(
      db.url(),
      "SELECT extract(epoch FROM started_at)::bigint FROM calls WHERE conversation_id = '" +
          call_id + "'"));
  const auto day = domain::format_date(
      domain::local_date(domain::instant{std::chrono::seconds{started}}, "Australia/Sydney"));
  child_process browser{"/usr/bin/python3",
                        {std::string(FRONTDESK_SOURCE_DIR) + "/tests/browser/console.py"},
                        {{"CONSOLE_URL", "http://127.0.0.1:" + std::to_string(console_port)},
                         {"MANAGER", manager},
                         {"STRANGER", stranger},
                         {"PASSWORD", password},
                         {"CALL_ID", call_id},
                         {"DAY", day},
                         {"SCREENSHOTS", shots}}};
  EXPECT_EQ(browser.wait(std::chrono::seconds{120}), 0) << browser.output();
  EXPECT_TRUE(std::filesystem::exists(shots + "/console-call.png"));
}

TEST_F(Console, TheReplayRunsTheCallAgainOnThisBuildAndAsksWhatIf) {
  const auto session = session_of(manager);
  const auto page = get("/calls/" + call_id + "/replay", session);
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_NE(page.body.find(">no divergence<"), std::string::npos) << page.body;
  // What if the directory had failed the first call's question: the answer differs, field by
  // field.
  const auto token = form_token(page.body);
  // The last question the recording holds (the practitioners of the second call).
  const auto last = page.body.rfind("<option value=\"");
  ASSERT_NE(last, std::string::npos) << page.body;
  const auto entry = page.body.substr(last + 15, page.body.find('"', last + 15) - last - 15);
  const auto what_if = post("/calls/" + call_id + "/replay",
                            "csrf=" + token + "&at=" + entry + "&answer=" +
                                http::url_encode(R"({"error":{"code":"database_unavailable"}})"),
                            session);
  EXPECT_EQ(what_if.status, 200u) << what_if.body;
  EXPECT_NE(what_if.body.find("divergence(s)"), std::string::npos) << what_if.body;
  EXPECT_NE(what_if.body.find("$.body"), std::string::npos);
  EXPECT_EQ(post("/calls/" + call_id + "/replay", "at=3&answer={}", session).status, 403u);
  // The recording, pseudonymised, as a download.
  const auto file = get("/calls/" + call_id + "/export", session);
  EXPECT_EQ(file.status, 200u);
  EXPECT_NE(file.headers.at("content-disposition").find("attachment"), std::string::npos);
  EXPECT_NE(file.body.find("\"kind\":\"call\""), std::string::npos);
  // Not another clinic's operator's to replay or download.
  const auto other = session_of(stranger);
  EXPECT_EQ(get("/calls/" + call_id + "/replay", other).status, 404u);
  EXPECT_EQ(get("/calls/" + call_id + "/export", other).status, 404u);
}

TEST_F(Console, ClinicHealthShowsSyncToolLatencyEventsAndNodesOfTheViewersClinicsOnly) {
  const auto today = domain::format_date(
      domain::local_date(domain::instant{std::chrono::seconds{unix_now()}}, "Australia/Sydney"));
  const auto page = get("/health?day=" + today, session_of(manager));
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_NE(page.body.find("<td>Harbour Health</td>"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("Other Clinic"), std::string::npos);
  // The fixture's two tool calls today, drawn by the server (no script).
  EXPECT_NE(page.body.find("<svg class=\"chart\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("3 tool calls answered, 0 of them with a failure; 1 (33 %) waited on "
                           "Cliniko"),
            std::string::npos)
      << page.body;
  EXPECT_EQ(page.body.find("<script"), std::string::npos);
  // The Cliniko budget used over the day, from the per-minute tally of grants.
  query_value(db.url(), "INSERT INTO cliniko_usage (key_hash, minute, granted) VALUES ('" +
                            domain::sha256_hex("demo-cliniko-key") + "', " +
                            std::to_string(unix_now() / 60) + ", 42)");
  const auto budget = get("/health?day=" + today, session_of(manager));
  EXPECT_NE(budget.body.find("the busiest minute used 42 of the"), std::string::npos)
      << budget.body;
  const auto other = get("/health?day=" + today, session_of(stranger));
  EXPECT_EQ(other.body.find("Harbour Health"), std::string::npos);
  EXPECT_NE(other.body.find("No tool calls that day"), std::string::npos);
}

TEST_F(Console, TheDaysListSaysWhatEachCallBookedAndFiltersByPractitioner) {
  query_value(db.url(),
              "INSERT INTO booking_intents (clinic_id, kind, state, request_key, session_id,"
              " practitioner_id, location_id, service_id, starts_at, appointment_id) VALUES (" +
                  std::to_string(clinic) + ", 'book', 'done', 'console-test', '" + call_id +
                  "', '" + sarah + "', '" + bondi + "', '" + initial +
                  "', '2026-08-04 04:00:00+00', 'apt_1') RETURNING id");
  const auto session = session_of(manager);
  const auto list = get("/calls?day=2026-07-29", session);
  EXPECT_NE(list.body.find("booked Dr Sarah Chen, 2026-08-04 14:00"), std::string::npos)
      << list.body;
  EXPECT_NE(get("/calls?day=2026-07-29&practitioner=" + sarah, session).body.find(call_id),
            std::string::npos);
  EXPECT_NE(get("/calls/" + call_id, session).body.find("(Cliniko appointment apt_1)"),
            std::string::npos);
  EXPECT_EQ(get("/calls?day=2026-07-29&practitioner=" + tom, session).body.find(call_id),
            std::string::npos);
}
