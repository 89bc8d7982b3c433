#include "domain/resolve.hpp"

#include <gtest/gtest.h>

#include <algorithm>

// From what a caller said to the clinic's records: who offers what where.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

// A clinic as a caller meets it: three places, four people, five services.
clinic_directory harbour_health() {
  clinic_directory d;
  d.clinic_name = "Harbour Health";
  d.locations = {
      {"11", "Harbour Health Bondi Junction", "Bondi Junction", "", "Bondi Junction",
       "Australia/Sydney"},
      {"12", "Harbour Health City", "City", "", "Sydney", "Australia/Sydney"},
      {"13", "Harbour Health Richmond", "Richmond", "", "Richmond", "Australia/Melbourne"}};
  d.practitioners = {{"21", "Dr Sarah Chen", "Sarah", "Chen", "Physiotherapist"},
                     {"22", "Sean Murphy", "Sean", "Murphy", "Physiotherapist"},
                     {"23", "Mei Lin Wong", "Mei Lin", "Wong", "Massage Therapist"},
                     {"24", "Olivia Brown", "Olivia", "Brown", "Pilates Instructor"}};
  d.services = {{"31", "Initial Consultation", "Physiotherapy", 45},
                {"32", "Follow-up Consultation", "Physiotherapy", 30},
                {"33", "Remedial Massage", "Massage", 60},
                {"34", "Sports Massage", "Massage", 60},
                {"35", "Pilates", "Pilates", 50}};
  d.offerings = {{"11", "21", "31", "Australia/Sydney"},   {"11", "21", "32", "Australia/Sydney"},
                 {"12", "21", "31", "Australia/Sydney"},   {"12", "22", "32", "Australia/Sydney"},
                 {"11", "23", "33", "Australia/Sydney"},   {"11", "23", "34", "Australia/Sydney"},
                 {"13", "24", "35", "Australia/Melbourne"}};
  d.works_at = {{"21", "11"}, {"21", "12"}, {"22", "12"}, {"23", "11"}, {"24", "13"}, {"24", "11"}};
  return d;
}

}  // namespace

TEST(Resolve, ALocationByAnyOfItsNamesOrAskWhenSeveralFit) {
  const auto d = harbour_health();
  const auto bondi = resolve_location("Bondi", d);
  ASSERT_EQ(bondi.what, resolution<location>::kind::found);
  EXPECT_EQ(bondi.chosen->id, "11");
  EXPECT_EQ(resolve_location("the city one", d).chosen->id, "12");
  const auto any = resolve_location("Harbour Health", d);
  EXPECT_EQ(any.what, resolution<location>::kind::ask);
  EXPECT_EQ(any.options.size(), 3u);
  EXPECT_EQ(resolve_location("Parramatta", d).what, resolution<location>::kind::none);
}

TEST(Resolve, APractitionerMisheardIsOfferedAsAQuestionAndWhatTheyOfferWhere) {
  const auto d = harbour_health();
  // A sound-alike is never taken: it is read out to be confirmed.
  const auto chen = resolve_practitioner("Dr Chan", d);
  ASSERT_EQ(chen.what, resolution<practitioner>::kind::ask);
  ASSERT_EQ(chen.options.size(), 1u);
  EXPECT_EQ(chen.options.front()->display_name, "Dr Sarah Chen");
  // "Shawn" is how speech-to-text writes Sean, and it sounds like Chen too: both are read out.
  const auto shawn = resolve_practitioner("Shawn", d);
  EXPECT_EQ(shawn.what, resolution<practitioner>::kind::ask);
  EXPECT_TRUE(std::any_of(shawn.options.begin(), shawn.options.end(),
                          [](const practitioner* p) { return p->id == "22"; }));
  EXPECT_EQ(resolve_practitioner("Dr Chen", d).chosen->id, "21");
  EXPECT_EQ(services_of(d, "21").size(), 2u);
  EXPECT_EQ(services_of(d, "21", "12").size(), 1u);
  EXPECT_EQ(locations_of(d, "21").size(), 2u);
  // Olivia works at Bondi Junction but offers nothing there: listed there, bookable elsewhere.
  const auto at_bondi = practitioners_at(d, "11");
  EXPECT_TRUE(std::any_of(at_bondi.begin(), at_bondi.end(),
                          [](const practitioner* p) { return p->id == "24"; }));
  EXPECT_TRUE(services_of(d, "24", "11").empty());
}

TEST(Resolve, AServiceAmongWhatIsOfferedAskingWhenItCouldBeSeveral) {
  const auto d = harbour_health();
  const auto massage = resolve_service("a massage", d);
  EXPECT_EQ(massage.what, resolution<service>::kind::ask);
  EXPECT_EQ(massage.options.size(), 2u);
  EXPECT_EQ(resolve_service("remedial", d).chosen->id, "33");
  EXPECT_EQ(resolve_service("pilates", d, "24").what, resolution<service>::kind::found);
  EXPECT_EQ(resolve_service("pilates", d, "21").what, resolution<service>::kind::none);
  EXPECT_EQ(resolve_service("follow up", d, "", "11").chosen->id, "32");
}

TEST(Sources, FollowWhoOffersWhatWhere) {
  clinic_directory d;
  d.locations = {{"11", "Bondi", "", "", "", "Australia/Sydney"},
                 {"12", "Richmond", "", "", "", "Australia/Melbourne"}};
  d.offerings = {{"11", "21", "31", "Australia/Sydney"},
                 {"12", "21", "31", "Australia/Sydney"},
                 {"11", "22", "31", "Australia/Sydney"},
                 {"11", "22", "32", "Australia/Sydney"}};
  EXPECT_EQ(sources_for(d, "", "31", "").size(), 3u);
  EXPECT_EQ(sources_for(d, "21", "31", "").size(), 2u);
  const auto richmond = sources_for(d, "", "31", "12");
  ASSERT_EQ(richmond.size(), 1u);
  EXPECT_EQ(richmond.front().zone, "Australia/Melbourne");
  EXPECT_TRUE(sources_for(d, "21", "32", "").empty());
  EXPECT_TRUE(sources_for(d, "", "31", "99").empty());  // not this clinic's location
}

TEST(Sources, AnyoneIsNoOneInParticular) {
  for (const char* said : {"anyone", "Any", "no preference", "whoever is free", "Doesn't matter",
                           "first available", "anybody"})
    EXPECT_TRUE(means_anyone(said)) << said;
  for (const char* said : {"Sarah", "Dr Chen", "Annie", ""}) EXPECT_FALSE(means_anyone(said));
}

TEST(Resolve, TheWordsCallersUseForAFirstOrAReturnVisit) {
  const auto d = harbour_health();
  for (const char* first :
       {"first visit", "it's my first time", "new patient", "I've never been before", "initial"})
    EXPECT_EQ(resolve_service(first, d, "21").chosen->id, "31") << first;
  for (const char* again :
       {"follow up", "I've been before", "a return visit", "check-up", "my usual", "review"})
    EXPECT_EQ(resolve_service(again, d, "21").chosen->id, "32") << again;
  EXPECT_EQ(visit_of(d.services[0]), visit::first);
  EXPECT_EQ(visit_of(d.services[1]), visit::returning);
  EXPECT_EQ(visit_of(d.services[2]), visit::either);
}

TEST(Resolve, TheUsualServiceOfAPractitionerIsNeverAQuietReturnVisitForANewCaller) {
  auto d = harbour_health();
  d.practitioners[0].default_service_id = "32";  // Dr Chen usually gives follow-ups
  const auto& chen = d.practitioners[0];
  const auto seen = [](std::string practitioner, std::string service) {
    frontdesk::appointment a;
    a.practitioner_id = std::move(practitioner);
    a.appointment_type_id = std::move(service);
    return a;
  };
  // A caller who has seen her before: her usual. Anyone else, and a caller who has only seen
  // someone else: a first visit.
  EXPECT_EQ(usual_service(d, chen, "11", {seen("21", "32")})->id, "32");
  EXPECT_EQ(usual_service(d, chen, "11")->id, "31");
  EXPECT_EQ(usual_service(d, chen, "11", {seen("23", "33")})->id, "31");
  d.practitioners[0].default_service_id = "31";
  EXPECT_EQ(usual_service(d, chen, "11")->id, "31");
  // After a first visit comes a follow-up, whatever her default.
  EXPECT_EQ(usual_service(d, chen, "11", {seen("21", "31")})->id, "32");
  // Mei Lin has no default and no first-visit service: ask a new caller. A returning one has
  // what they had last time, the newest first.
  const auto& mei_lin = d.practitioners[2];
  EXPECT_EQ(usual_service(d, mei_lin, "11"), nullptr);
  EXPECT_EQ(usual_service(d, mei_lin, "11", {seen("23", "34"), seen("23", "33")})->id, "34");
  // What they had is no longer offered here: as for anyone who has seen her.
  EXPECT_EQ(usual_service(d, mei_lin, "11", {seen("23", "35")}), nullptr);
}

TEST(Resolve, PractitionersByTheirRoleAndByNamesSpeechToTextMangles) {
  const auto d = harbour_health();
  // One massage therapist: "the massage therapist" is her. Two physiotherapists: ask.
  EXPECT_EQ(resolve_practitioner("the massage therapist", d).chosen->id, "23");
  const auto physio = resolve_practitioner("the physio", d);
  EXPECT_EQ(physio.what, resolution<practitioner>::kind::ask);
  EXPECT_EQ(physio.options.size(), 2u);
  EXPECT_EQ(resolve_practitioner("pilates teacher", d).chosen->id, "24");
  // Heard well: found. Split or joined: found. Respelled: confirmed.
  EXPECT_EQ(resolve_practitioner("Sara Chen", d).options.front()->id, "21");
  EXPECT_EQ(resolve_practitioner("May Lin Wong", d).options.front()->id, "23");
  EXPECT_EQ(resolve_practitioner("Mei Lin Wong", d).chosen->id, "23");
  const auto joined = resolve_practitioner("Meilin", d);
  ASSERT_FALSE(joined.options.empty() && !joined.chosen);
  EXPECT_EQ(joined.chosen ? joined.chosen->id : joined.options.front()->id, "23");
}

TEST(Resolve, LocationsByOneWordJoinedSplitRespeltOrTheirSuburb) {
  const auto d = harbour_health();
  for (const auto& [said, id] :
       {std::pair{"Bondi Junc", "11"}, std::pair{"junction", "11"},
        std::pair{"bondijunction", "11"}, std::pair{"the city", "12"}, std::pair{"Sydney", "12"},
        std::pair{"richmond", "13"}, std::pair{"rich mond", "13"}}) {
    const auto r = resolve_location(said, d);
    ASSERT_TRUE(r.chosen || !r.options.empty()) << said;
    EXPECT_EQ(r.chosen ? r.chosen->id : r.options.front()->id, id) << said;
  }
}
