#include <gtest/gtest.h>

#include <set>

#include "domain/date_phrase.hpp"
#include "domain/name_match.hpp"
#include "domain/speech.hpp"
#include "domain/time_phrase.hpp"

// What callers say, table by table: dates, times, names, and the sentences spoken back. "Today"
// is Wednesday the 25th of November 2026 throughout.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const calendar_date today = *parse_date("2026-11-25");

struct date_case {
  const char* said;
  const char* first;  // nullptr: not understood; "soonest"
  const char* last = nullptr;
};

const date_case date_cases[] = {
    {"2026-11-25", "2026-11-25"},
    {" 2026-12-03 ", "2026-12-03"},
    {"today", "2026-11-25"},
    {"Today.", "2026-11-25"},
    {"tonight", "2026-11-25"},
    {"this afternoon", "2026-11-25"},
    {"tomorrow", "2026-11-26"},
    {"Tomorrow!", "2026-11-26"},
    {"tomorrow morning", "2026-11-26"},
    {"the day after tomorrow", "2026-11-27"},
    {"day after tomorrow", "2026-11-27"},
    {"Wednesday", "2026-11-25"},
    {"Thursday", "2026-11-26"},
    {"friday", "2026-11-27"},
    {"this Friday", "2026-11-27"},
    {"on Friday", "2026-11-27"},
    {"Saturday", "2026-11-28"},
    {"Sunday", "2026-11-29"},
    {"Monday", "2026-11-30"},
    {"Tuesday", "2026-12-01"},
    {"next Monday", "2026-11-30"},
    {"next Tuesday", "2026-12-01"},
    {"next Wednesday", "2026-12-02"},
    {"next Friday", "2026-12-04"},
    {"next Sunday", "2026-12-06"},
    {"this coming Tuesday", "2026-12-01"},
    {"Tues", "2026-12-01"},
    {"thurs", "2026-11-26"},
    {"Friday afternoon", "2026-11-27"},
    {"25th November", "2026-11-25"},
    {"November 25", "2026-11-25"},
    {"the 25th of November", "2026-11-25"},
    {"30th November", "2026-11-30"},
    {"1st December", "2026-12-01"},
    {"December 3rd", "2026-12-03"},
    {"the 3rd of December", "2026-12-03"},
    {"3 Dec", "2026-12-03"},
    {"dec 3", "2026-12-03"},
    {"Sept 14", "2027-09-14"},
    {"the 3rd", "2026-12-03"},
    {"the 28th", "2026-11-28"},
    {"the 25th", "2026-11-25"},
    {"the twenty-eighth", "2026-11-28"},
    {"the first", "2026-12-01"},
    {"the twenty first", "2026-12-21"},
    {"the thirtieth", "2026-11-30"},
    {"2nd of January", "2027-01-02"},
    {"January 2nd", "2027-01-02"},
    {"1st of March 2027", "2027-03-01"},
    {"20th November", "2027-11-20"},
    {"Monday the 30th of November", "2026-11-30"},
    {"Thursday 26th November", "2026-11-26"},
    {"25/11", "2026-11-25"},
    {"3/12", "2026-12-03"},
    {"3/12/2026", "2026-12-03"},
    {"15/1/27", "2027-01-15"},
    {"in two weeks", "2026-12-09"},
    {"in 2 weeks", "2026-12-09"},
    {"two weeks from now", "2026-12-09"},
    {"in a week", "2026-12-02"},
    {"in 3 days", "2026-11-28"},
    {"in a couple of days", "2026-11-27"},
    {"in a fortnight", "2026-12-09"},
    {"this week", "2026-11-25", "2026-11-29"},
    {"later this week", "2026-11-25", "2026-11-29"},
    {"next week", "2026-11-30", "2026-12-06"},
    {"this weekend", "2026-11-28", "2026-11-29"},
    {"the weekend", "2026-11-28", "2026-11-29"},
    {"next weekend", "2026-12-05", "2026-12-06"},
    {"asap", "soonest"},
    {"as soon as possible", "soonest"},
    {"next available", "soonest"},
    {"first available", "soonest"},
    {"earliest", "soonest"},
    {"whenever", "soonest"},
    {"", nullptr},
    {"blue", nullptr},
    {"32nd December", nullptr},
    {"31st of November", nullptr},
    {"13/13", nullptr},
    {"next blue", nullptr},
};

struct time_case {
  const char* said;
  int from;     // minutes; -1: not understood
  int to = -2;  // -2: a single time
};

constexpr int hm(int h, int m = 0) {
  return h * 60 + m;
}

const time_case time_cases[] = {
    {"2:30pm", hm(14, 30)},
    {"2:30 pm", hm(14, 30)},
    {"2:30 PM", hm(14, 30)},
    {"2.30pm", hm(14, 30)},
    {"14:30", hm(14, 30)},
    {"9am", hm(9)},
    {"9 am", hm(9)},
    {"9 a.m.", hm(9)},
    {"9", hm(9)},
    {"nine", hm(9)},
    {"2", hm(14)},
    {"two", hm(14)},
    {"12pm", hm(12)},
    {"12am", hm(0)},
    {"noon", hm(12)},
    {"midday", hm(12)},
    {"12 noon", hm(12)},
    {"half past two", hm(14, 30)},
    {"half past nine", hm(9, 30)},
    {"quarter past nine", hm(9, 15)},
    {"quarter to ten", hm(9, 45)},
    {"ten past three", hm(15, 10)},
    {"twenty to four", hm(15, 40)},
    {"half past 2pm", hm(14, 30)},
    {"two thirty", hm(14, 30)},
    {"nine fifteen", hm(9, 15)},
    {"ten forty five", hm(10, 45)},
    {"9 o'clock", hm(9)},
    {"around 10am", hm(10)},
    {"at 4", hm(16)},
    {"7:45am", hm(7, 45)},
    {"08:00", hm(8)},
    {"17:15", hm(17, 15)},
    {"5pm", hm(17)},
    {"11", hm(11)},
    {"230pm", hm(14, 30)},
    {"morning", hm(6), hm(12)},
    {"in the morning", hm(6), hm(12)},
    {"afternoon", hm(12), hm(17)},
    {"arvo", hm(12), hm(17)},
    {"early afternoon", hm(12), hm(15)},
    {"late afternoon", hm(15), hm(17)},
    {"evening", hm(17), hm(21)},
    {"lunchtime", hm(11, 30), hm(14)},
    {"first thing", hm(6), hm(9)},
    {"after 3pm", hm(15), hm(24)},
    {"after 3", hm(15), hm(24)},
    {"before 10am", hm(0), hm(10)},
    {"between 2 and 4", hm(14), hm(16)},
    {"any time", hm(0), hm(24)},
    {"13pm", -1},
    {"25:00", -1},
    {"blue", -1},
    {"half past", -1},
    {"2:3pm", -1},
};

const std::vector<name_candidate> practitioners{
    {"sarah", {"Dr Sarah Chen", "Sarah Chen"}},
    {"sean", {"Sean Murphy"}},
    {"meilin", {"Mei Lin Wong"}},
    {"james", {"James O'Brien"}},
    {"priya", {"Dr Priya Patel", "Priya Patel"}},
    {"olivia", {"Olivia Smith"}},
    {"tom", {"Dr Tom Nguyen", "Tom Nguyen"}},
    {"aisha", {"Dr Aisha Rahman", "Aisha Rahman"}},
};

const std::vector<name_candidate> services{
    {"initial", {"Initial Consultation", "Physiotherapy"}},
    {"followup", {"Follow-up Consultation", "Physiotherapy"}},
    {"remedial", {"Remedial Massage", "Massage"}},
    {"sports", {"Sports Massage", "Massage"}},
    {"pilates", {"Clinical Pilates", "Exercise"}},
    {"telehealth", {"Telehealth Review", "Physiotherapy"}},
};

const std::vector<name_candidate> locations{
    {"bondi", {"Harbour Health Bondi Junction", "Bondi Junction", "Bondi Junction NSW"}},
    {"city", {"Harbour Health City", "Sydney CBD", "Sydney", "George Street"}},
    {"richmond", {"Harbour Health Richmond", "Richmond", "Melbourne", "Swan Street"}},
};

struct name_case {
  const char* said;
  const std::vector<name_candidate>* among;
  const char* expected;  // the clear match; nullptr: no clear match (ask, or not found)
};

const name_case name_cases[] = {
    {"Dr Chen", &practitioners, "sarah"},
    {"Sarah Chen", &practitioners, "sarah"},
    {"Sarah", &practitioners, "sarah"},
    {"Sara", &practitioners, "sarah"},
    {"Dr Chan", &practitioners, "sarah"},
    {"Sara Chen", &practitioners, "sarah"},
    {"doctor sarah", &practitioners, "sarah"},
    {"Dr Sarah", &practitioners, "sarah"},
    {"Sean", &practitioners, "sean"},
    {"Shawn", &practitioners, "sean"},
    {"Shaun Murphy", &practitioners, "sean"},
    {"Sean Murphey", &practitioners, "sean"},
    {"Murphy", &practitioners, "sean"},
    {"Mei Lin", &practitioners, "meilin"},
    {"May Lin", &practitioners, "meilin"},
    {"Mei Lynn Wong", &practitioners, "meilin"},
    {"Wong", &practitioners, "meilin"},
    {"James", &practitioners, "james"},
    {"James O'Brien", &practitioners, "james"},
    {"James OBrien", &practitioners, "james"},
    {"Obrien", &practitioners, "james"},
    {"Priya", &practitioners, "priya"},
    {"Dr Patel", &practitioners, "priya"},
    {"Pria Patel", &practitioners, "priya"},
    {"Olivia", &practitioners, "olivia"},
    {"Olivia Smyth", &practitioners, "olivia"},
    {"Tom", &practitioners, "tom"},
    {"Dr Nguyen", &practitioners, "tom"},
    {"Tom Nguyen please", &practitioners, "tom"},
    {"Aisha", &practitioners, "aisha"},
    {"Dr Rahman", &practitioners, "aisha"},
    {"Ayesha Rahman", &practitioners, "aisha"},
    {"Dr Who", &practitioners, nullptr},
    {"Bob", &practitioners, nullptr},
    {"Dr", &practitioners, nullptr},
    {"massage", &services, nullptr},  // remedial or sports: ask
    {"a massage", &services, nullptr},
    {"remedial massage", &services, "remedial"},
    {"sports massage", &services, "sports"},
    {"initial consult", &services, "initial"},
    {"initial consultation", &services, "initial"},
    {"follow up", &services, "followup"},
    {"follow-up consultation", &services, "followup"},
    {"pilates", &services, "pilates"},
    {"telehealth", &services, "telehealth"},
    {"physio", &services, nullptr},  // three physiotherapy services: ask
    {"Bondi", &locations, "bondi"},
    {"bondi junction", &locations, "bondi"},
    {"Bondai", &locations, "bondi"},
    {"the city one", &locations, "city"},
    {"CBD", &locations, "city"},
    {"Sydney", &locations, "city"},
    {"Richmond", &locations, "richmond"},
    {"Melbourne", &locations, "richmond"},
    {"Harbour Health", &locations, nullptr},  // all three: ask
    {"Parramatta", &locations, nullptr},
};

std::string describe(const std::optional<date_request>& r) {
  if (!r) return "nothing";
  if (r->what == date_request::kind::soonest) return "soonest";
  return format_date(r->first) +
         (r->what == date_request::kind::span ? ".." + format_date(r->last) : "");
}

}  // namespace

TEST(Phrases, Dates) {
  for (const auto& c : date_cases) {
    const auto expected = !c.first            ? std::string("nothing")
                          : c.last == nullptr ? std::string(c.first)
                                              : std::string(c.first) + ".." + c.last;
    EXPECT_EQ(describe(parse_date_phrase(c.said, today)), expected) << "said: \"" << c.said << "\"";
  }
}

TEST(Phrases, Times) {
  for (const auto& c : time_cases) {
    const auto r = parse_time_phrase(c.said);
    if (c.from < 0) {
      EXPECT_FALSE(r) << "said: \"" << c.said << "\"";
      continue;
    }
    ASSERT_TRUE(r) << "said: \"" << c.said << "\"";
    EXPECT_EQ(r->from.count(), c.from) << "said: \"" << c.said << "\"";
    if (c.to == -2) {
      EXPECT_EQ(r->what, time_request::kind::at) << "said: \"" << c.said << "\"";
    } else {
      EXPECT_EQ(r->what, time_request::kind::between) << "said: \"" << c.said << "\"";
      EXPECT_EQ(r->to.count(), c.to) << "said: \"" << c.said << "\"";
    }
  }
}

TEST(Phrases, Names) {
  for (const auto& c : name_cases) {
    const auto m = match_names(c.said, *c.among);
    if (c.expected) {
      ASSERT_FALSE(m.ranked.empty()) << "said: \"" << c.said << "\"";
      EXPECT_TRUE(m.clear) << "said: \"" << c.said << "\" best " << m.ranked[0].id << " "
                           << m.ranked[0].confidence
                           << (m.ranked.size() > 1 ? " next " + m.ranked[1].id + " " +
                                                         std::to_string(m.ranked[1].confidence)
                                                   : "");
      EXPECT_EQ(m.ranked[0].id, c.expected) << "said: \"" << c.said << "\"";
    } else {
      EXPECT_FALSE(m.clear) << "said: \"" << c.said << "\" matched "
                            << (m.ranked.empty() ? "" : m.ranked[0].id);
    }
  }
}

TEST(Phrases, AmbiguousNamesOfferTheCloseOnes) {
  const auto massage = match_names("a massage", services);
  ASSERT_GE(massage.ranked.size(), 2u);
  EXPECT_EQ((std::set<std::string>{massage.ranked[0].id, massage.ranked[1].id}),
            (std::set<std::string>{"remedial", "sports"}));
  const std::vector<name_candidate> two_sarahs{{"chen", {"Sarah Chen"}}, {"chan", {"Sara Chan"}}};
  EXPECT_FALSE(match_names("Sarah", two_sarahs).clear);
  EXPECT_EQ(match_names("Sarah Chan", two_sarahs).ranked.front().id, "chan");
}

TEST(Phrases, SoundAlikeKeys) {
  EXPECT_EQ(sound_key("Sean"), sound_key("Shawn"));
  EXPECT_EQ(sound_key("Chen"), sound_key("Chan"));
  EXPECT_EQ(sound_key("Catherine"), sound_key("Katherine"));
  EXPECT_EQ(sound_key("Lin"), sound_key("Lynn"));
  EXPECT_NE(sound_key("Sarah"), sound_key("Priya"));
  EXPECT_GT(similarity("martha", "marhta"), 0.95);
  EXPECT_LT(similarity("bob", "sarah"), 0.6);
}

TEST(Phrases, ChoosingFromOptionsByPosition) {
  EXPECT_EQ(ordinal_choice("the second one", 3), 1u);
  EXPECT_EQ(ordinal_choice("first", 3), 0u);
  EXPECT_EQ(ordinal_choice("number 3", 3), 2u);
  EXPECT_EQ(ordinal_choice("the last one", 3), 2u);
  EXPECT_EQ(ordinal_choice("2", 2), 1u);
  EXPECT_EQ(ordinal_choice("the fourth", 3), std::nullopt);
  EXPECT_EQ(ordinal_choice("Bondi", 3), std::nullopt);
  EXPECT_EQ(ordinal_choice("the city one", 2), std::nullopt);
  EXPECT_EQ(ordinal_choice("option two", 2), 1u);
}

TEST(Phrases, SpokenTimesDatesAndOffers) {
  EXPECT_EQ(spoken_time(9h + 30min), "9:30 AM");
  EXPECT_EQ(spoken_time(14h), "2 PM");
  EXPECT_EQ(spoken_time(12h), "12 PM");
  EXPECT_EQ(spoken_time(5min), "12:05 AM");
  EXPECT_EQ(spoken_time(10h + 15min), "10:15 AM");
  EXPECT_EQ(spoken_date(today), "Wednesday the 25th of November");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-01")), "Tuesday the 1st of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-22")), "Tuesday the 22nd of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-13")), "Sunday the 13th of December");
  EXPECT_EQ(spoken_date(*parse_date("2026-12-03")), "Thursday the 3rd of December");
  EXPECT_EQ(spoken_list({"Bondi"}), "Bondi");
  EXPECT_EQ(spoken_list({"Bondi", "the City"}), "Bondi or the City");
  EXPECT_EQ(spoken_list({"a", "b", "c"}, "and"), "a, b and c");

  const std::string zone = "Australia/Sydney";
  const auto at = [&](std::chrono::minutes m) { return at_local_time(today, m, zone); };
  EXPECT_EQ(
      offer_sentence("Dr Sarah Chen", {at(9h + 30min), at(10h + 15min), at(14h), at(15h)}, zone),
      "Dr Sarah Chen is free on Wednesday the 25th of November at 9:30 AM, 10:15 AM or 2 PM. Would "
      "any of "
      "those suit?");
  EXPECT_EQ(offer_sentence("Sean Murphy", {at(8h)}, zone),
            "Sean Murphy is free on Wednesday the 25th of November at 8 AM. Would that suit?");
  // A Melbourne location reads its own wall clock (both are +11 in November; Perth is not).
  EXPECT_EQ(spoken_time(at(9h), "Australia/Perth"), "6 AM");
}
