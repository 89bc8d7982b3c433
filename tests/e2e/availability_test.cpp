#include <algorithm>
#include <array>
#include <set>

#include "domain/speech.hpp"
#include "domain/time_zone.hpp"
#include "support/demo_ids.hpp"
#include "support/tool_fixture.hpp"

// The availability tools over HTTP, as the agent calls them, against the demo clinic. Every
// time in an answer is checked against the simulator's own free times, asked outside frontdesk.
using namespace frontdesk;
using namespace frontdesk::test_support;

namespace {

constexpr const char* sydney = "Australia/Sydney";

domain::calendar_date today() {
  return domain::local_date(now(), sydney);
}

std::string day(int from_today) {
  return domain::format_date(
      domain::calendar_date{date::sys_days{today()} + date::days{from_today}});
}

// "2026-11-26T09:30:00+11:00" as UTC, the simulator's way of writing it.
std::string utc(const std::string& local) {
  const auto t = domain::parse_instant(local);
  return t ? domain::format_utc(*t) : "unreadable: " + local;
}

std::string local_day(const std::string& utc_time, const char* zone = sydney) {
  return domain::format_date(domain::local_date(*domain::parse_instant(utc_time), zone));
}

class Availability : public tool_fixture {
 protected:
  std::vector<std::string> slot_times(const json_value& reply) {
    std::vector<std::string> out;
    if (const auto* slots = reply.find("slots"); slots && slots->is<json_value::array>())
      for (const auto& s : slots->as<json_value::array>()) out.push_back(utc(text(s, "startTime")));
    return out;
  }

  // The earliest of several sources' free times in the days from..to.
  std::string earliest(const std::vector<std::array<std::string, 3>>& sources,
                       const std::string& from, const std::string& to) {
    std::string best;
    for (const auto& [b, p, t] : sources)
      for (const auto& time : sim_times(b, p, t, from, to))
        if (best.empty() || time < best) best = time;
    return best;
  }

  static bool all_within(const std::vector<std::string>& some,
                         const std::vector<std::string>& truth) {
    return std::all_of(some.begin(), some.end(), [&](const std::string& t) {
      return std::find(truth.begin(), truth.end(), t) != truth.end();
    });
  }
};

}  // namespace

TEST_F(Availability, TheCheckerOffersTheDayAskedOrSaysWhenTheNextOpeningIs) {
  const std::string common = R"("dialedNumber":"02 9876 5432","sessionId":"avail_1")";
  call("location-resolver", R"({"locationQuery":"Bondi",)" + common + "}");
  auto reply = call("availability-checker",
                    R"({"practitioner":"Dr Chen","appointmentType":"initial consultation",)"
                    R"("date":"tomorrow",)" +
                        common + "}");
  const auto truth = sim_times(bondi, sarah, initial, day(1), day(7));
  ASSERT_FALSE(truth.empty());
  const auto first_day = local_day(truth.front());
  EXPECT_TRUE(flag(reply, "success")) << http::to_json(reply);
  EXPECT_EQ(flag(reply, "available"), first_day == day(1));
  EXPECT_EQ(text(reply, "date"), first_day);
  EXPECT_EQ(text(part(reply, "location"), "business_id"), bondi);
  EXPECT_EQ(text(part(reply, "service"), "id"), initial);
  const auto offered = slot_times(reply);
  EXPECT_GE(offered.size(), 1u);
  EXPECT_LE(offered.size(), 3u);
  EXPECT_TRUE(all_within(offered, truth)) << http::to_json(reply);
  for (const auto& t : offered) EXPECT_EQ(local_day(t), first_day);
  const auto message = text(reply, "message");
  EXPECT_NE(message.find("Dr Sarah Chen is free on " + text(reply, "displayDate")),
            std::string::npos)
      << message;
  if (first_day != day(1)) {
    EXPECT_EQ(message.rfind("Dr Sarah Chen has nothing free on", 0), 0u);
  }
}

TEST_F(Availability, TheCheckerAsksWhichLocationThenWhichService) {
  const std::string common = R"("dialedNumber":"+61298765432","sessionId":"avail_2")";
  auto where = call("availability-checker", R"({"practitioner":"Sarah Chen",)" + common + "}");
  EXPECT_TRUE(flag(where, "needsClarification"));
  EXPECT_EQ(text(where, "clarify"), "location");
  EXPECT_EQ(ids(where, "options", "business_id"), (std::vector<std::string>{bondi, city}));
  EXPECT_EQ(text(where, "message"),
            "Dr Sarah Chen works at Bondi Junction or Sydney CBD. Which location would suit you?");

  // No service named: Dr Chen's usual one (Cliniko's default_appointment_type), said aloud so
  // the caller can correct it.
  auto what = call("availability-checker",
                   R"({"practitioner":"Sarah Chen","location":"the city one",)" + common + "}");
  EXPECT_TRUE(flag(what, "serviceAssumed")) << http::to_json(what);
  EXPECT_EQ(text(part(what, "service"), "id"), initial);
  EXPECT_EQ(text(what, "message").rfind("That's for an Initial Consultation. ", 0), 0u)
      << text(what, "message");

  // A service named ambiguously is asked, naming who, where and when was understood.
  auto massage = call("availability-checker",
                      R"({"practitioner":"Mei Lin","appointmentType":"massage","date":")" + day(1) +
                          R"(",)"
                          R"("business_id":")" +
                          bondi + R"(","dialedNumber":"+61298765432","sessionId":"avail_2b"})");
  EXPECT_EQ(text(massage, "clarify"), "service");
  EXPECT_EQ(text(massage, "message"), "For Mei Lin Wong at Bondi Junction on " +
                                          domain::spoken_date(*domain::parse_date(day(1))) +
                                          ", is that for Remedial Massage or Sports Massage?");

  // The session now knows the location; "next available" looks from today.
  auto soonest =
      call("availability-checker", R"({"practitioner":"Sarah","appointmentType":"follow up",)"
                                   R"("date":"next available",)" +
                                       common + "}");
  const auto truth = sim_times(city, sarah, follow_up, day(0), day(6));
  ASSERT_FALSE(truth.empty());
  EXPECT_TRUE(flag(soonest, "available")) << http::to_json(soonest);
  EXPECT_EQ(text(part(soonest, "location"), "business_id"), city);
  EXPECT_EQ(text(soonest, "date"), local_day(truth.front()));
  EXPECT_TRUE(all_within(slot_times(soonest), truth));
  EXPECT_EQ(slot_times(soonest).front(), truth.front());  // the day's first time is read out
}

TEST_F(Availability, APractitionerAskedForAtAPlaceTheyDoNotWork) {
  auto reply = call("availability-checker", R"({"practitioner":"Sean","business_id":")" + richmond +
                                                R"(","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(reply, "success"));
  EXPECT_EQ(text(reply, "error"), "not_at_location");
  EXPECT_EQ(ids(reply, "options", "business_id"), (std::vector<std::string>{city}));
}

TEST_F(Availability, AvailablePractitionersAtALocationAreThoseTheSimulatorHasTimesFor) {
  // Next Tuesday: Sarah, Sean and Olivia work at the City then.
  const auto weekday = date::weekday{date::sys_days{today()}}.c_encoding();
  const int to_tuesday = static_cast<int>((2 + 7 - weekday) % 7 == 0 ? 7 : (2 + 7 - weekday) % 7);
  const auto tuesday = day(to_tuesday);
  auto reply =
      call("get-available-practitioners", R"({"business_id":")" + city + R"(","date":")" + tuesday +
                                              R"(","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(reply, "date"), tuesday);
  // Each practitioner's first service at the City, in name order.
  const std::vector<std::pair<std::string, std::string>> at_city{{sarah, follow_up},
                                                                 {sean, follow_up},
                                                                 {mei_lin, remedial},
                                                                 {olivia, pilates},
                                                                 {aisha, follow_up}};
  std::set<std::string> expected;
  const auto listed = reply.find("practitioners");
  ASSERT_NE(listed, nullptr);
  for (const auto& [who, service] : at_city) {
    const auto truth = sim_times(city, who, service, tuesday, tuesday);
    if (truth.empty()) continue;
    expected.insert(who);
    for (const auto& p : listed->as<json_value::array>()) {
      if (text(p, "id") != who) continue;
      EXPECT_EQ(utc(text(p, "firstAvailable")), truth.front()) << who;
      EXPECT_EQ(text(p, "slotCount"), std::to_string(truth.size())) << who;
    }
  }
  const auto got = ids(reply, "practitioners");
  EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected);
  ASSERT_FALSE(expected.empty());
  EXPECT_TRUE(flag(reply, "success"));
  EXPECT_EQ(
      text(reply, "message").rfind("On " + text(reply, "displayDate") + " at Sydney CBD, ", 0), 0u)
      << text(reply, "message");
}

TEST_F(Availability, FindNextAvailableForAServiceTakesTheEarliestOfAnyoneOfferingIt) {
  auto reply =
      call("find-next-available", R"({"service":"remedial massage","dialedNumber":"0298765432"})");
  // Mei Lin Wong gives remedial massages at Bondi and the City; Richmond does not offer them.
  const auto truth =
      earliest({{bondi, mei_lin, remedial}, {city, mei_lin, remedial}}, day(0), day(6));
  ASSERT_FALSE(truth.empty());
  EXPECT_TRUE(flag(reply, "found")) << http::to_json(reply);
  EXPECT_EQ(utc(text(part(reply, "slot"), "startTime")), truth);
  EXPECT_EQ(text(part(reply, "practitioner"), "id"), mei_lin);
  EXPECT_EQ(text(part(reply, "service"), "id"), remedial);
  EXPECT_EQ(
      text(reply, "message").rfind("Mei Lin Wong's next opening for Remedial Massage is on ", 0),
      0u)
      << text(reply, "message");
}

TEST_F(Availability, FindNextAvailableForANamedPractitionerOffersOnlyTheirTimes) {
  // James O'Brien offers two massages, but at Richmond only the sports massage is on offer.
  auto named =
      call("find-next-available", R"({"practitioner":"James","dialedNumber":"0298765432"})");
  const auto truth = earliest({{richmond, james, sports}}, day(0), day(6));
  EXPECT_TRUE(flag(named, "found"));
  EXPECT_EQ(utc(text(part(named, "slot"), "startTime")), truth);
  EXPECT_EQ(text(part(named, "service"), "id"), sports);

  // "Anyone" for sports massage at Richmond is James again: Mei Lin gives them at Bondi only.
  auto anyone = call("find-next-available",
                     R"({"practitioner":"anyone","service":"sports massage","business_id":")" +
                         richmond + R"(","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(part(anyone, "practitioner"), "id"), james);
  EXPECT_EQ(utc(text(part(anyone, "slot"), "startTime")), truth);

  // Dr Chen offers three services: her usual one is searched, and said.
  auto usual =
      call("find-next-available", R"({"practitioner":"Dr Chen","dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(usual, "serviceAssumed")) << http::to_json(usual);
  EXPECT_EQ(text(part(usual, "service"), "id"), initial);
  // Sean's usual service is a follow-up: a caller not known to be returning is never quietly
  // given one, but his first-visit service.
  auto sean = call("find-next-available", R"({"practitioner":"Sean","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(part(sean, "service"), "id"), initial) << http::to_json(sean);
  EXPECT_NE(text(sean, "message").find("an Initial Consultation"), std::string::npos);
  // Liam saw Sean a fortnight ago for a follow-up (the local copy has it): so it is again.
  auto liam =
      call("find-next-available", R"({"practitioner":"Sean","callerPhone":"+61 423 456 789",)"
                                  R"("sessionId":"liam-returns","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(part(liam, "service"), "id"), follow_up) << http::to_json(liam);
  EXPECT_NE(text(liam, "message").find("a Follow-up Consultation"), std::string::npos);
  auto again =
      call("availability-checker", R"({"practitioner":"Sean","callerPhone":"+61 423 456 789",)"
                                   R"("sessionId":"liam-checks","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(part(again, "service"), "id"), follow_up) << http::to_json(again);
}

TEST_F(Availability, NothingFreeWithinMaxDays) {
  auto none =
      call("find-next-available", R"({"service":"telehealth review","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(none, "success"));
  EXPECT_FALSE(flag(none, "found"));
  EXPECT_EQ(text(none, "error"), "no_availability");
  EXPECT_NE(text(none, "message").find("in the next 14 days"), std::string::npos);

  auto further =
      call("find-next-available",
           R"({"service":"telehealth review","maxDays":60,"dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(further, "found")) << http::to_json(further);
  const auto lead = telehealth_lead_days;
  const auto truth = earliest({{bondi, sarah, telehealth_review},
                               {city, sarah, telehealth_review},
                               {city, aisha, telehealth_review}},
                              day(lead), day(lead + 6));
  EXPECT_EQ(utc(text(part(further, "slot"), "startTime")), truth);

  auto junk = call("find-next-available",
                   R"({"service":"telehealth","maxDays":"lots","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(junk, "error"), "invalid_field");

  // The checker looks 30 days ahead for "soonest" and says so when even that is empty.
  auto checker =
      call("availability-checker", R"({"practitioner":"Aisha","appointmentType":"telehealth",)"
                                   R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(checker, "error"), "no_availability");
  EXPECT_FALSE(flag(checker, "available"));
  EXPECT_NE(text(checker, "message").find("in the next 30 days"), std::string::npos);
}

TEST_F(Availability, AWarmCacheSpendsNoClinikoRequests) {
  const std::string question = R"({"practitioner":"Sean","appointmentType":"follow-up",)"
                               R"("date":"next available","dialedNumber":"0298765432"})";
  const auto before = sim_requests();
  const auto cold = call("availability-checker", question);
  const auto after_cold = sim_requests();
  const auto warm = call("availability-checker", question);
  EXPECT_EQ(after_cold - before, 1u);  // one window of seven days
  EXPECT_EQ(sim_requests(), after_cold);
  EXPECT_EQ(slot_times(warm), slot_times(cold));

  const auto next =
      call("find-next-available", R"({"service":"pilates","dialedNumber":"0298765432"})");
  const auto after_search = sim_requests();
  call("find-next-available", R"({"service":"pilates","dialedNumber":"0298765432"})");
  EXPECT_EQ(sim_requests(), after_search);
  EXPECT_TRUE(flag(next, "found"));

  const auto stats = get("/cache-stats");
  const auto* caches = stats.find("caches");
  ASSERT_NE(caches, nullptr);
  const auto* times = caches->find("free_times");
  ASSERT_NE(times, nullptr);
  EXPECT_GE(std::stoi(text(*times, "hits")), 1);
  EXPECT_GE(std::stoi(text(*times, "misses")), 1);
  EXPECT_GE(std::stoi(text(*times, "size")), 1);
  EXPECT_GT(std::stod(text(*times, "hitRate")), 0.0);
  ASSERT_NE(caches->find("directory"), nullptr);
  EXPECT_GE(std::stoi(text(*caches->find("directory"), "hits")), 1);
  // Four answers, two of them (the cold ones) waited on Cliniko.
  const auto* answers = stats.find("availability");
  ASSERT_NE(answers, nullptr);
  EXPECT_EQ(text(*answers, "answers"), "4");
  EXPECT_EQ(text(*answers, "answers_waited_on_cliniko"), "2");
}

TEST_F(Availability, ABookingMadeInClinikoReachesTheNextAnswerAfterASync) {
  const std::string question = R"({"practitioner":"Sean","appointmentType":"follow-up",)"
                               R"("date":"next available","dialedNumber":"0298765432"})";
  const auto first = slot_times(call("availability-checker", question));
  ASSERT_FALSE(first.empty());

  // The clinic's front desk books the first time offered, straight into Cliniko.
  sim_call("POST", "/individual_appointments", "",
           R"({"starts_at":")" + first.front() +
               R"(","patient_id":"514810976554457401","practitioner_id":")" + sean +
               R"(","appointment_type_id":")" + follow_up + R"(","business_id":")" + city + R"("})",
           201);
  ASSERT_TRUE(ask<sync_report>(system, syncer, sync_atom::value, sync_kind::incremental));

  const auto again = slot_times(call("availability-checker", question));
  EXPECT_EQ(std::count(again.begin(), again.end(), first.front()), 0);
}

TEST_F(Availability, ATimeThatFailedToBookIsNotOfferedAgain) {
  const std::string question = R"({"practitioner":"Aisha","appointmentType":"initial",)"
                               R"("date":"next available","dialedNumber":"0298765432"})";
  const auto first = slot_times(call("availability-checker", question));
  ASSERT_FALSE(first.empty());
  const auto failed = *domain::parse_instant(first.front());
  caf::anon_send(availability, failed_atom::value, clinic, aisha,
                 unix_seconds{failed.time_since_epoch().count()});
  const auto again = slot_times(call("availability-checker", question));
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(std::count(again.begin(), again.end(), first.front()), 0);

  // Nor as the next opening.
  const auto next =
      call("find-next-available",
           R"({"practitioner":"Aisha","service":"initial","dialedNumber":"0298765432"})");
  EXPECT_NE(utc(text(part(next, "slot"), "startTime")), first.front());
}

TEST_F(Availability, AColdSearchAsksEachOfferingForThisWeekOnly) {
  // Cliniko answers at most seven dates at once (the simulator refuses more, as Cliniko does):
  // a first free time this week costs one request per place Mei Lin offers it, nothing wider.
  const auto truth =
      earliest({{bondi, mei_lin, remedial}, {city, mei_lin, remedial}}, day(0), day(6));
  ASSERT_FALSE(truth.empty());
  const auto before = sim_requests();
  auto reply =
      call("find-next-available", R"({"service":"remedial massage","dialedNumber":"0298765432"})");
  EXPECT_TRUE(flag(reply, "found")) << http::to_json(reply);
  EXPECT_EQ(utc(text(part(reply, "slot"), "startTime")), truth);
  EXPECT_EQ(sim_requests() - before, 2u);
}

TEST_F(Availability, ClinikoDownGetsAHoldOnAnswerInsteadOfSilence) {
  auto options = sim::sim_options{};
  options.error_rate = 1.0;
  sim.simulator().set_options(options);
  auto down = call("availability-checker",
                   R"({"practitioner":"Sean","appointmentType":"initial",)"
                   R"("dialedNumber":"0298765432"})",
                   503);
  EXPECT_EQ(text(down, "error"), "cliniko_unavailable");
  EXPECT_NE(text(down, "message").find("hold on"), std::string::npos);
}

TEST_F(Availability, ClinikoRateLimitedGetsAHoldOnAnswer) {
  auto options = sim::sim_options{};
  options.rate_limit = 1;  // the sync has already spent it
  sim.simulator().set_options(options);
  auto busy = call("find-next-available",
                   R"({"service":"initial consultation","dialedNumber":"0298765432"})");
  EXPECT_FALSE(flag(busy, "success"));
  EXPECT_EQ(text(busy, "error"), "busy");
  EXPECT_NE(text(busy, "message").find("hold on"), std::string::npos);
  EXPECT_EQ(text(busy, "retryAfterSeconds"), "5");
}

TEST_F(Availability, BadInputGetsAClearAnswer) {
  auto foreign =
      call("availability-checker", R"({"practitioner":"Sarah","business_id":"714810976554457101",)"
                                   R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(foreign, "error"), "location_not_found");
  auto legacy = call("get-available-practitioners",
                     R"({"locationId":")" + city + R"(","dialedNumber":"0298765432"})", 400);
  EXPECT_NE(text(legacy, "message").find("business_id"), std::string::npos);
  auto nothing = call("find-next-available", R"({"dialedNumber":"0298765432"})");
  EXPECT_EQ(text(nothing, "error"), "missing_field");
  auto when = call("availability-checker",
                   R"({"practitioner":"Sean","appointmentType":"initial","date":"blursday",)"
                   R"("dialedNumber":"0298765432"})");
  EXPECT_EQ(text(when, "error"), "invalid_date");
  auto nobody = call("get-available-practitioners", R"({"dialedNumber":"0298765432"})");
  EXPECT_EQ(text(nobody, "error"), "missing_field");
}

TEST_F(Availability, AskingTheCheckerForAnyoneFindsTheEarliestWithAnyone) {
  auto reply = call("availability-checker",
                    R"({"practitioner":"no preference","appointmentType":"remedial massage",)"
                    R"("dialedNumber":"0298765432"})");
  const auto truth =
      earliest({{bondi, mei_lin, remedial}, {city, mei_lin, remedial}}, day(0), day(6));
  EXPECT_TRUE(flag(reply, "found")) << http::to_json(reply);
  EXPECT_EQ(utc(text(part(reply, "slot"), "startTime")), truth);
}

TEST_F(Availability, AWholeDiscoveryConversationInOneSession) {
  const std::string common = R"("dialedNumber":"(02) 9876 5432","sessionId":"conv_whole")";
  auto where = call("location-resolver", R"({"locationQuery":"Bondi Junction",)" + common + "}");
  EXPECT_EQ(text(part(where, "location"), "business_id"), bondi);
  auto who = call("get-location-practitioners", "{" + common + "}");
  EXPECT_EQ(ids(who, "practitioners").size(), 4u);
  // Misheard as "Dr Chan": asked, never taken; the caller's "yes, Dr Sarah Chen" settles it.
  auto misheard = call("get-practitioner-services", R"({"practitioner":"Dr Chan",)" + common + "}");
  EXPECT_TRUE(flag(misheard, "needsClarification")) << http::to_json(misheard);
  EXPECT_EQ(text(misheard, "message"), "Did you mean Dr Sarah Chen?");
  auto services =
      call("get-practitioner-services", R"({"practitioner":"Dr Sarah Chen",)" + common + "}");
  EXPECT_EQ(text(services, "count"), "3");

  // Bondi is remembered; the service is named once and remembered too.
  auto times = call("availability-checker",
                    R"({"practitioner":"Dr Chen","appointmentType":"follow up",)" + common + "}");
  EXPECT_EQ(text(part(times, "location"), "business_id"), bondi);
  const auto truth = sim_times(bondi, sarah, follow_up, day(0), day(6));
  ASSERT_FALSE(truth.empty());
  EXPECT_EQ(text(times, "date"), local_day(truth.front()));
  EXPECT_TRUE(all_within(slot_times(times), truth));

  auto others = call("get-available-practitioners",
                     R"({"date":")" + local_day(truth.front()) + R"(",)" + common + "}");
  EXPECT_EQ(text(part(others, "location"), "business_id"), bondi);
  const auto listed = ids(others, "practitioners");
  EXPECT_NE(std::find(listed.begin(), listed.end(), sarah), listed.end());

  auto next = call("find-next-available", R"({"practitioner":"Sarah",)" + common + "}");
  EXPECT_TRUE(flag(next, "found")) << http::to_json(next);
  EXPECT_EQ(text(part(next, "service"), "id"), follow_up);  // from the context
  EXPECT_EQ(text(part(next, "location"), "business_id"), bondi);
  EXPECT_EQ(utc(text(part(next, "slot"), "startTime")), truth.front());
}

TEST_F(Availability, AServiceTheClinicBooksItselfIsNeverCalledFull) {
  // Dry Needling is hidden from online bookings: Cliniko gives no free times for it, though Tom
  // gives it at Bondi. Saying "nothing free" would be false.
  EXPECT_TRUE(sim_times(bondi, tom, dry_needling, day(0), day(6)).empty());
  EXPECT_FALSE(sim_times(bondi, tom, initial, day(0), day(6)).empty());
  const auto is_booked_by_clinic = [](const json_value& reply) {
    EXPECT_EQ(text(reply, "error"), "booked_by_clinic") << http::to_json(reply);
    EXPECT_TRUE(flag(reply, "offerCallback"));
    EXPECT_NE(text(reply, "message").find("over the phone"), std::string::npos);
    EXPECT_EQ(text(reply, "message").find("nothing free"), std::string::npos);
  };
  is_booked_by_clinic(call("availability-checker",
                           R"({"practitioner":"Tom","appointmentType":"dry needling",)"
                           R"("location":"Bondi","dialedNumber":"0298765432"})"));
  is_booked_by_clinic(
      call("find-next-available", R"({"service":"dry needling","dialedNumber":"0298765432"})"));
  is_booked_by_clinic(call("get-available-practitioners",
                           R"({"business_id":")" + bondi +
                               R"(","service":"dry needling","dialedNumber":"0298765432"})"));
  // Nor is it booked over the phone: Cliniko would take the booking, but the clinic did not
  // open it to self-booking.
  const auto before = sim_requests();
  is_booked_by_clinic(call("appointment-handler",
                           R"({"action":"book","patientName":"Zara Quinn",)"
                           R"("callerPhone":"0400 555 111","practitioner":"Tom",)"
                           R"("service":"dry needling","location":"Bondi","date":"tomorrow",)"
                           R"("time":"10am","dialedNumber":"0298765432"})"));
  EXPECT_EQ(sim_requests(), before);
  // When the clinic's list of Tom's services is read out, it is not in it.
  const auto services =
      call("get-practitioner-services", R"({"practitioner":"Tom","dialedNumber":"0298765432"})");
  EXPECT_EQ(http::to_json(services).find("Dry Needling"), std::string::npos)
      << http::to_json(services);
}

TEST_F(Availability, AClinicThatListsEverythingReadsOutWhatItBooksItself) {
  ASSERT_EQ(
      query_value(db.url(), "UPDATE clinics SET online_visibility = 'everything' WHERE id = " +
                                std::to_string(clinic) + " RETURNING online_visibility"),
      "everything");
  caf::anon_send(directory, invalidate_atom::value, clinic);
  const auto services =
      call("get-practitioner-services", R"({"practitioner":"Tom","dialedNumber":"0298765432"})");
  EXPECT_NE(http::to_json(services).find("Dry Needling"), std::string::npos)
      << http::to_json(services);
  // Its times still cannot be had: the same true answer.
  const auto reply =
      call("availability-checker", R"({"practitioner":"Tom","appointmentType":"dry needling",)"
                                   R"("location":"Bondi","dialedNumber":"0298765432"})");
  EXPECT_EQ(text(reply, "error"), "booked_by_clinic");
}

TEST_F(Availability, TheCallersWordsAndTheAgentsReadingDecideTogether) {
  const std::string common =
      R"("practitioner":"Dr Chen","appointmentType":"follow up","business_id":")" + bondi +
      R"(","dialedNumber":"02 9876 5432","sessionId":"two_readers")";
  // Agreeing: it goes ahead, and the answer keeps both readings and which decided.
  auto agreed = call("availability-checker",
                     R"({"date":"tomorrow","agentDate":")" + day(1) + R"(",)" + common + "}");
  EXPECT_FALSE(flag(agreed, "needsClarification")) << http::to_json(agreed);
  const auto understood = part(part(agreed, "understood"), "date");
  EXPECT_EQ(text(understood, "said"), "tomorrow");
  EXPECT_EQ(text(understood, "agent"), day(1));
  EXPECT_EQ(text(understood, "decidedBy"), "both");

  // Disagreeing: asked, with both days spoken, the agent's first.
  auto disagreed = call("availability-checker",
                        R"({"date":"tomorrow","agentDate":")" + day(2) + R"(",)" + common + "}");
  EXPECT_TRUE(flag(disagreed, "needsClarification")) << http::to_json(disagreed);
  EXPECT_EQ(text(disagreed, "clarify"), "date");
  EXPECT_EQ(ids(disagreed, "options", "date"), (std::vector<std::string>{day(2), day(1)}));
  const auto d1 = domain::spoken_date(*domain::parse_date(day(1)));
  const auto d2 = domain::spoken_date(*domain::parse_date(day(2)));
  EXPECT_EQ(text(disagreed, "message"), "Did you mean " + d2 + " or " + d1 + "?");

  // Words not understood: the agent's reading alone decides.
  auto agent_only = call("availability-checker",
                         R"({"date":"blue moon","agentDate":")" + day(1) + R"(",)" + common + "}");
  EXPECT_FALSE(flag(agent_only, "needsClarification")) << http::to_json(agent_only);
  EXPECT_EQ(text(part(part(agent_only, "understood"), "date"), "decidedBy"), "agent");

  // A bare 7 could be morning or evening: asked, with both.
  auto seven = call("availability-checker", R"({"date":"tomorrow","time":"7",)" + common + "}");
  EXPECT_EQ(text(seven, "clarify"), "time") << http::to_json(seven);
  EXPECT_EQ(ids(seven, "options", "time"), (std::vector<std::string>{"07:00", "19:00"}));
  EXPECT_EQ(text(seven, "message"), "Did you mean 7 AM or 7 PM?");
}

TEST_F(Availability, ATimeRangeIsAConstraintOnTheTimesReadOut) {
  const std::string common =
      R"("practitioner":"Dr Chen","appointmentType":"follow up","business_id":")" + bondi +
      R"(","dialedNumber":"02 9876 5432","sessionId":"ranges")";
  // "after 2" said in the time field or in the date field: every time read out is after 2 PM.
  for (const auto& fields : {std::string(R"("date":"tomorrow","time":"after 2",)"),
                             std::string(R"("date":"tomorrow after 2",)")}) {
    auto reply = call("availability-checker", "{" + fields + common + "}");
    ASSERT_TRUE(flag(reply, "success")) << http::to_json(reply);
    ASSERT_FALSE(slot_times(reply).empty()) << http::to_json(reply);
    // Unless the answer says there is none after 2 PM in the whole search.
    if (text(reply, "message").find("nothing after 2 PM that day") != std::string::npos) continue;
    for (const auto& t : slot_times(reply)) {
      const auto local = domain::local_minutes(*domain::parse_instant(t), sydney);
      EXPECT_GE(local, std::chrono::hours{14}) << fields << " offered " << t;
    }
  }
  // Nothing that late in the day: the answer says so and reads out the nearest.
  auto late =
      call("availability-checker", R"({"date":"tomorrow","time":"after 11pm",)" + common + "}");
  ASSERT_TRUE(flag(late, "success")) << http::to_json(late);
  const auto message = text(late, "message");
  EXPECT_NE(message.find("nothing after 11 PM"), std::string::npos) << message;
  EXPECT_FALSE(slot_times(late).empty());
}
