#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include "http/json.hpp"
#include "sim/query.hpp"

// The simulator's rules, asked directly (the gateway tests cover it over HTTP).
using namespace frontdesk;

namespace {

domain::instant now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

http_request get(std::string path, std::string query = "") {
  http_request r;
  r.method = "GET";
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = {{"authorization", "Basic ZGVtby1jbGluaWtvLWtleTo="},  // demo-cliniko-key:
               {"user-agent", "frontdesk tests (dev@frontdesk.invalid)"},
               {"host", "sim.test"}};
  return r;
}

http_request with_body(std::string method, std::string path, std::string body) {
  auto r = get(std::move(path));
  r.method = std::move(method);
  r.raw_body = std::move(body);
  return r;
}

json_value body_of(const http_response& r) {
  auto doc = http::parse_json(r.body);
  EXPECT_TRUE(doc) << r.body;
  return doc ? *doc : json_value{};
}

std::size_t items(const http_response& r, std::string_view key) {
  const auto doc = body_of(r);
  const auto* list = doc.find(key);
  return list && list->is<json_value::array>() ? list->as<json_value::array>().size() : 0;
}

std::string date_in(int days) {
  const auto today = domain::local_date(now(), "Australia/Sydney");
  return domain::format_date(date::year_month_day{date::sys_days{today} + date::days{days}});
}

class Simulator : public ::testing::Test {
 protected:
  sim::simulator sim{sim::demo_scenario(now()), {}};
};

}  // namespace

TEST_F(Simulator, NeedsTheKeyAndAUserAgent) {
  auto no_key = get("/v1/businesses");
  no_key.headers.erase(no_key.headers.begin());
  EXPECT_EQ(sim.answer(no_key, now()).status, 401u);
  auto no_agent = get("/v1/businesses");
  no_agent.headers.erase(no_agent.headers.begin() + 1);
  EXPECT_EQ(sim.answer(no_agent, now()).status, 403u);
  EXPECT_EQ(sim.answer(get("/v1/businesses"), now()).status, 200u);
}

TEST_F(Simulator, ListsInClinikoShapesWithAbsoluteLinks) {
  const auto page = sim.answer(get("/v1/practitioners", "per_page=3&page=2"), now());
  ASSERT_EQ(page.status, 200u);
  const auto doc = body_of(page);
  EXPECT_EQ(items(page, "practitioners"), 3u);
  EXPECT_EQ(text_field(doc, "total_entries"), "8");
  const auto* links = doc.find("links");
  ASSERT_NE(links, nullptr);
  EXPECT_EQ(text_field(*links, "next"), "http://sim.test/v1/practitioners?page=3&per_page=3");
  EXPECT_EQ(text_field(*links, "previous"), "http://sim.test/v1/practitioners?page=1&per_page=3");
  // per_page is capped at 100; the last page has no next link.
  const auto all = body_of(sim.answer(get("/v1/practitioners", "per_page=500"), now()));
  EXPECT_EQ(all.find("links")->find("next"), nullptr);
  EXPECT_EQ(text_field(*all.find("links"), "self"),
            "http://sim.test/v1/practitioners?page=1&per_page=100");
}

TEST_F(Simulator, FiltersWithClinikosOperators) {
  const auto q = [&](const std::string& filter) {
    return items(sim.answer(get("/v1/patients", "q%5B%5D=" + filter), now()), "patients");
  };
  EXPECT_EQ(q("last_name:=Nguyen"), 2u);
  EXPECT_EQ(q("first_name:~li"), 3u);  // Olivia, Liam, William: contains, any case
  EXPECT_EQ(q("email:?"), 5u);         // not null (the archived patient is left out)
  EXPECT_EQ(items(sim.answer(get("/v1/patients", "q[]=archived_at:*"), now()), "patients"), 10u);
  EXPECT_EQ(items(sim.answer(
                      get("/v1/individual_appointments", "q[]=practitioner_id:=514810976554457303"),
                      now()),
                  "individual_appointments"),
            2u);
  EXPECT_EQ(sim.answer(get("/v1/patients", "q[]=broken"), now()).status, 400u);
}

TEST_F(Simulator, FreeTimesNeedAValidWindow) {
  const std::string path =
      "/v1/businesses/514810976554457101/practitioners/514810976554457301/appointment_types/"
      "514810976554457202/";
  EXPECT_EQ(
      sim.answer(get(path + "available_times", "from=" + date_in(0) + "&to=" + date_in(6)), now())
          .status,
      200u);
  EXPECT_EQ(
      sim.answer(get(path + "available_times", "from=" + date_in(0) + "&to=" + date_in(9)), now())
          .status,
      400u);
  EXPECT_EQ(
      sim.answer(get(path + "available_times", "from=" + date_in(-1) + "&to=" + date_in(1)), now())
          .status,
      400u);
  EXPECT_EQ(sim.answer(get(path + "available_times"), now()).status, 400u);
  // Olivia works at Bondi, which does not list her service: no times, not an error.
  const auto none =
      sim.answer(get("/v1/businesses/514810976554457101/practitioners/514810976554457306/"
                     "appointment_types/514810976554457205/available_times",
                     "from=" + date_in(0) + "&to=" + date_in(6)),
                 now());
  EXPECT_EQ(none.status, 200u);
  EXPECT_EQ(items(none, "available_times"), 0u);
}

const std::string chen_follow_up =
    "/v1/businesses/514810976554457101/practitioners/514810976554457301/appointment_types/"
    "514810976554457202/";

std::string frame(int from, int to) {
  return "from=" + date_in(from) + "&to=" + date_in(to);
}

TEST_F(Simulator, NextAvailableTimeTakesAtMostSevenDays) {
  const auto next = [&](const std::string& query) {
    return sim.answer(get(chen_follow_up + "next_available_time", query), now()).status;
  };
  EXPECT_EQ(next(frame(0, 7)), 200u);
  EXPECT_EQ(next(frame(0, 8)), 400u);
  EXPECT_EQ(next(frame(0, 90)), 400u);
  EXPECT_EQ(next(""), 400u);  // from and to are required
  EXPECT_EQ(next("from=" + date_in(0)), 400u);
  EXPECT_EQ(next(frame(-1, 3)), 400u);
}

TEST_F(Simulator, CancelledAppointmentsAreListedOnlyWhenAskedFor) {
  const auto listed = [&](const std::string& query) {
    return items(sim.answer(get("/v1/individual_appointments", query), now()),
                 "individual_appointments");
  };
  const auto plain = listed("per_page=100");
  const auto with_cancelled = listed("per_page=100&q[]=cancelled_at:*");
  EXPECT_EQ(with_cancelled, plain + 1);  // the demo has one cancelled appointment
  EXPECT_EQ(listed("per_page=100&q[]=archived_at:*"), plain);  // asking for archived is not it
  EXPECT_EQ(listed("per_page=100&q[]=archived_at:*&q[]=cancelled_at:*"), plain + 1);
}

sim::scenario with_flag(const char* table, const std::string& id, bool shown) {
  auto s = sim::demo_scenario(now());
  auto& rows = std::string_view(table) == "businesses"      ? s.businesses
               : std::string_view(table) == "practitioners" ? s.practitioners
                                                            : s.appointment_types;
  for (auto& r : rows)
    if (text_field(r, "id") == id) r.set("show_in_online_bookings", json_value{shown});
  return s;
}

TEST_F(Simulator, WhatIsHiddenFromOnlineBookingsHasNoFreeTimes) {
  const auto times_in = [&](sim::simulator& s) {
    const auto r = s.answer(get(chen_follow_up + "available_times", frame(0, 6)), now());
    EXPECT_EQ(r.status, 200u);
    const auto next =
        body_of(s.answer(get(chen_follow_up + "next_available_time", frame(0, 6)), now()));
    EXPECT_EQ(text_field(next, "appointment_start").has_value(), items(r, "available_times") > 0);
    return items(r, "available_times");
  };
  EXPECT_GT(times_in(sim), 0u);
  for (const auto& [table, id] : {std::pair{"businesses", "514810976554457101"},
                                  std::pair{"practitioners", "514810976554457301"},
                                  std::pair{"appointment_types", "514810976554457202"}}) {
    sim::simulator hidden{with_flag(table, id, false), {}};
    EXPECT_EQ(times_in(hidden), 0u) << table;
  }
}

TEST(SimulatorZones, AvailabilityDatesAreInTheAccountsZone) {
  // A Sydney clinic whose account is set to Hawaii: a Hawaiian date D runs from 21:00 on D to
  // 21:00 on D+1 in Sydney, so it holds Sydney's working day D+1.
  const auto scenario = sim::load_scenario(R"({
    "settings": {"account": {"time_zone": "Hawaii"}},
    "businesses": [{"id": "1", "business_name": "Bondi", "time_zone_identifier": "Australia/Sydney",
                    "appointment_type_ids": ["2"]}],
    "appointment_types": [{"id": "2", "name": "Visit", "duration_in_minutes": 60}],
    "practitioners": [{"id": "3", "first_name": "Sarah", "last_name": "Chen",
                       "appointment_type_ids": ["2"],
                       "roster": [{"business_id": "1",
                                   "days": ["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
                                   "start": "08:00", "end": "16:00"}]}]})",
                                           now());
  sim::simulator hawaii{scenario, {}};
  const auto d = date::sys_days{domain::local_date(now(), "Pacific/Honolulu")} + date::days{2};
  const auto day = domain::format_date(date::year_month_day{d});
  const auto r = hawaii.answer(get("/v1/businesses/1/practitioners/3/appointment_types/2/"
                                   "available_times",
                                   "from=" + day + "&to=" + day),
                               now());
  ASSERT_EQ(r.status, 200u);
  const auto doc = body_of(r);
  const auto* times = doc.find("available_times");
  ASSERT_TRUE(times && !times->as<json_value::array>().empty());
  for (const auto& t : times->as<json_value::array>()) {
    const auto start = *domain::parse_instant(*text_field(t, "appointment_start"));
    EXPECT_EQ(date::sys_days{domain::local_date(start, "Australia/Sydney")}, d + date::days{1});
  }
  // Yesterday in Sydney is today in Hawaii for part of the day; the day before is past anywhere.
  const auto past = domain::format_date(date::year_month_day{d - date::days{3}});
  EXPECT_EQ(hawaii
                .answer(get("/v1/businesses/1/practitioners/3/appointment_types/2/available_times",
                            "from=" + past + "&to=" + past),
                        now())
                .status,
            400u);
}

TEST_F(Simulator, SettingsAnswerByTheKeysPermissions) {
  const auto open = body_of(sim.answer(get("/v1/settings/public"), now()));
  ASSERT_NE(open.find("account"), nullptr);
  EXPECT_EQ(text_field(*open.find("account"), "time_zone"), "Sydney");
  EXPECT_EQ(text_field(*open.find("calendar"), "timeslot_size_in_minutes"), "15");
  EXPECT_EQ(open.find("online_bookings"), nullptr);
  const auto full = body_of(sim.answer(get("/v1/settings"), now()));
  ASSERT_NE(full.find("online_bookings"), nullptr);
  EXPECT_EQ(text_field(*full.find("online_bookings"), "min_hours_notice_for_patient_cancellation"),
            "24");
  sim::sim_options forbidden;
  forbidden.settings_forbidden = true;
  sim.set_options(forbidden);
  EXPECT_EQ(sim.answer(get("/v1/settings"), now()).status, 403u);
  EXPECT_EQ(sim.answer(get("/v1/settings/public"), now()).status, 200u);
}

TEST_F(Simulator, ShowsTheQuirksOfClinikosOlderExamples) {
  sim::sim_options quirky;
  quirky.empty_string_dates = true;
  quirky.relative_links = true;
  sim.set_options(quirky);
  const auto p = body_of(sim.answer(get("/v1/practitioners/514810976554457301"), now()));
  ASSERT_NE(p.find("archived_at"), nullptr);
  EXPECT_EQ(p.find("archived_at")->as<std::string>(), "");
  EXPECT_EQ(text_field(*p.find("links"), "self"), "/practitioners/514810976554457301");
}

TEST_F(Simulator, ValidatesWritesLikeCliniko) {
  const auto missing = sim.answer(
      with_body("POST", "/v1/individual_appointments", R"({"starts_at":"2030-01-01T00:00:00Z"})"),
      now());
  EXPECT_EQ(missing.status, 422u);
  EXPECT_NE(missing.body.find("can't be blank"), std::string::npos);
  EXPECT_EQ(sim.answer(with_body("POST", "/v1/patients", "[1]"), now()).status, 400u);
  const auto reason =
      sim.answer(with_body("PATCH", "/v1/individual_appointments/514810976554457501/cancel",
                           R"({"cancellation_reason":99})"),
                 now());
  EXPECT_EQ(reason.status, 422u);
  const auto cancelled =
      sim.answer(with_body("PATCH", "/v1/individual_appointments/514810976554457501/cancel",
                           R"({"cancellation_reason":50})"),
                 now());
  EXPECT_EQ(cancelled.status, 204u);
  EXPECT_TRUE(cancelled.body.empty());
  EXPECT_EQ(sim.answer(get("/v1/individual_appointments/1"), now()).status, 404u);
  EXPECT_EQ(sim.answer(get("/v1/businesses/1/practitioners"), now()).status, 404u);
}

TEST_F(Simulator, TheRateLimitAnswers429WithAResetTime) {
  sim::sim_options tight;
  tight.rate_limit = 2;
  sim.set_options(tight);
  EXPECT_EQ(sim.answer(get("/v1/businesses"), now()).status, 200u);
  EXPECT_EQ(sim.answer(get("/v1/businesses"), now()).status, 200u);
  const auto limited = sim.answer(get("/v1/businesses"), now());
  ASSERT_EQ(limited.status, 429u);
  ASSERT_EQ(limited.headers.size(), 1u);
  EXPECT_EQ(limited.headers[0].first, "X-RateLimit-Reset");
  const auto reset = std::stoll(limited.headers[0].second);
  EXPECT_GT(reset, now().time_since_epoch().count());
  EXPECT_LE(reset, now().time_since_epoch().count() + 61);
  EXPECT_EQ(sim.rate_limited(), 1u);
}

TEST(SimulatorQuery, ParsesFiltersSortAndPaging) {
  std::string why;
  const auto q = sim::parse_query(
      "q%5B%5D=updated_at%3A%3E2026-11-24T00%3A00%3A00Z&sort=starts_at:desc&page=2&per_page=10&"
      "from=x",
      &why);
  ASSERT_TRUE(q) << why;
  ASSERT_EQ(q->filters.size(), 1u);
  EXPECT_EQ(q->filters[0].field, "updated_at");
  EXPECT_EQ(q->filters[0].op, ">");
  EXPECT_EQ(q->filters[0].value, "2026-11-24T00:00:00Z");
  EXPECT_EQ(q->sort, (std::vector<std::pair<std::string, bool>>{{"starts_at", true}}));
  EXPECT_EQ(q->page, 2);
  EXPECT_EQ(q->per_page, 10);
  EXPECT_EQ(q->params.at("from"), "x");
  EXPECT_FALSE(sim::parse_query("page=0", &why));
}
