#include "domain/name_match.hpp"

#include <gtest/gtest.h>

#include <set>

// Names as speech-to-text hears them: locations, practitioners and services, sound-alikes, and
// choosing from options read out.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

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

}  // namespace

TEST(NameMatch, Names) {
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

TEST(NameMatch, AmbiguousNamesOfferTheCloseOnes) {
  const auto massage = match_names("a massage", services);
  ASSERT_GE(massage.ranked.size(), 2u);
  EXPECT_EQ((std::set<std::string>{massage.ranked[0].id, massage.ranked[1].id}),
            (std::set<std::string>{"remedial", "sports"}));
  const std::vector<name_candidate> two_sarahs{{"chen", {"Sarah Chen"}}, {"chan", {"Sara Chan"}}};
  EXPECT_FALSE(match_names("Sarah", two_sarahs).clear);
  EXPECT_EQ(match_names("Sarah Chan", two_sarahs).ranked.front().id, "chan");
}

TEST(NameMatch, SoundAlikeKeys) {
  EXPECT_EQ(sound_key("Sean"), sound_key("Shawn"));
  EXPECT_EQ(sound_key("Chen"), sound_key("Chan"));
  EXPECT_EQ(sound_key("Catherine"), sound_key("Katherine"));
  EXPECT_EQ(sound_key("Lin"), sound_key("Lynn"));
  EXPECT_NE(sound_key("Sarah"), sound_key("Priya"));
  EXPECT_GT(similarity("martha", "marhta"), 0.95);
  EXPECT_LT(similarity("bob", "sarah"), 0.6);
}

TEST(NameMatch, ChoosingFromOptionsByPosition) {
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
