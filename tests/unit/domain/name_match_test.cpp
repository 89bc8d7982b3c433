#include "domain/name_match.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "domain/spoken_forms.hpp"

// Names as speech-to-text hears them: locations, practitioners and services, sound-alikes, and
// choosing from options read out.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

namespace {

const std::vector<name_candidate> practitioners{
    {"sarah", {"Dr Sarah Chen", "Sarah Chen"}},
    {"sean", {"Sean Murphy"}, heard_as("sean")},
    {"meilin", {"Mei Lin Wong"}},
    {"james", {"James O'Brien"}},
    {"priya", {"Dr Priya Patel", "Priya Patel"}},
    {"olivia", {"Olivia Smith"}},
    {"tom", {"Dr Tom Nguyen", "Tom Nguyen"}, heard_as("nguyen")},
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
  /// "sure:ID" taken; "ask:ID" asked with ID among those read out; "none".
  const char* expected;
};

const name_case name_cases[] = {
    {"Dr Chen", &practitioners, "sure:sarah"},
    {"Sarah Chen", &practitioners, "sure:sarah"},
    {"Sarah", &practitioners, "sure:sarah"},
    {"doctor sarah", &practitioners, "sure:sarah"},
    {"Dr Sarah", &practitioners, "sure:sarah"},
    {"Sean", &practitioners, "sure:sean"},
    {"Murphy", &practitioners, "sure:sean"},
    {"Mei Lin", &practitioners, "sure:meilin"},
    {"Meilin", &practitioners, "sure:meilin"},  // joined by speech-to-text
    {"Wong", &practitioners, "sure:meilin"},
    {"James", &practitioners, "sure:james"},
    {"James O'Brien", &practitioners, "sure:james"},
    {"James OBrien", &practitioners, "sure:james"},
    {"Obrien", &practitioners, "sure:james"},
    {"Priya", &practitioners, "sure:priya"},
    {"Dr Patel", &practitioners, "sure:priya"},
    {"Olivia", &practitioners, "sure:olivia"},
    {"Tom", &practitioners, "sure:tom"},
    {"Dr Nguyen", &practitioners, "sure:tom"},
    {"Tom Nguyen please", &practitioners, "sure:tom"},
    {"Aisha", &practitioners, "sure:aisha"},
    {"Dr Rahman", &practitioners, "sure:aisha"},
    // Sound-alikes and the spellings speech-to-text writes: asked, never taken.
    {"Sara", &practitioners, "ask:sarah"},
    {"Dr Chan", &practitioners, "ask:sarah"},
    {"Sara Chen", &practitioners, "ask:sarah"},
    {"Shawn", &practitioners, "ask:sean"},
    {"Shaun Murphy", &practitioners, "ask:sean"},
    {"Sean Murphey", &practitioners, "ask:sean"},
    {"May Lin", &practitioners, "ask:meilin"},
    {"Mei Lynn Wong", &practitioners, "ask:meilin"},
    {"Pria Patel", &practitioners, "ask:priya"},
    {"Olivia Smyth", &practitioners, "ask:olivia"},
    {"Ayesha Rahman", &practitioners, "ask:aisha"},
    {"Dr Win", &practitioners, "ask:tom"},
    {"Dr Who", &practitioners, "none"},
    {"Bob", &practitioners, "none"},
    {"Dr", &practitioners, "none"},
    {"massage", &services, "ask:remedial"},  // remedial or sports
    {"a massage", &services, "ask:sports"},
    {"remedial massage", &services, "sure:remedial"},
    {"sports massage", &services, "sure:sports"},
    {"initial consult", &services, "sure:initial"},
    {"initial consultation", &services, "sure:initial"},
    {"follow up", &services, "sure:followup"},
    {"follow-up consultation", &services, "sure:followup"},
    {"pilates", &services, "sure:pilates"},
    {"telehealth", &services, "sure:telehealth"},
    {"tele health", &services, "sure:telehealth"},
    {"physio", &services, "ask:initial"},  // three physiotherapy services
    {"Bondi", &locations, "sure:bondi"},
    {"bondi junction", &locations, "sure:bondi"},
    {"bondijunction", &locations, "sure:bondi"},
    {"Bondi Junc", &locations, "sure:bondi"},
    {"Bondai", &locations, "ask:bondi"},
    {"the city one", &locations, "sure:city"},
    {"CBD", &locations, "sure:city"},
    {"Sydney", &locations, "sure:city"},
    {"Richmond", &locations, "sure:richmond"},
    {"Rich Mond", &locations, "sure:richmond"},
    {"Melbourne", &locations, "sure:richmond"},
    {"Harbor Health Richmond", &locations, "sure:richmond"},  // American spelling
    {"Harbour Health", &locations, "ask:city"},               // all three
    {"Bondi Beach", &locations, "ask:bondi"},                 // one word of two
    {"Parramatta", &locations, "none"},
};

std::string describe(const name_matches& m) {
  if (m.verdict == certainty::unknown) return "none";
  std::string out = m.verdict == certainty::sure ? "sure:" : "ask:";
  for (std::size_t i = 0; i < m.ranked.size(); ++i) out += (i ? "," : "") + m.ranked[i].id;
  return out;
}

}  // namespace

TEST(NameMatch, Names) {
  for (const auto& c : name_cases) {
    const auto m = match_names(c.said, *c.among);
    const std::string expected = c.expected;
    const auto got = describe(m);
    if (expected.starts_with("sure:") || expected == "none") {
      EXPECT_EQ(got, expected) << "said: \"" << c.said << "\"";
    } else {
      EXPECT_EQ(m.verdict, certainty::ask) << "said: \"" << c.said << "\" read " << got;
      const auto id = expected.substr(4);
      EXPECT_TRUE(std::any_of(m.ranked.begin(), m.ranked.end(),
                              [&](const name_match& r) { return r.id == id; }))
          << "said: \"" << c.said << "\" read " << got;
    }
  }
}

TEST(NameMatch, AmbiguousNamesOfferTheCloseOnes) {
  const auto massage = match_names("a massage", services);
  ASSERT_GE(massage.ranked.size(), 2u);
  EXPECT_EQ((std::set<std::string>{massage.ranked[0].id, massage.ranked[1].id}),
            (std::set<std::string>{"remedial", "sports"}));
  const std::vector<name_candidate> two_sarahs{{"chen", {"Sarah Chen"}}, {"chan", {"Sara Chan"}}};
  // Names that sound the same are asked between, however speech-to-text spelt them.
  EXPECT_EQ(match_names("Sarah", two_sarahs).verdict, certainty::ask);
  EXPECT_EQ(match_names("Sarah Chan", two_sarahs).ranked.size(), 2u);
  EXPECT_EQ(match_names("Dr Chen", {{"chen", {"Dr Li Chen"}}, {"chan", {"Dr Mo Chan"}}}).verdict,
            certainty::ask);
  EXPECT_GT(similarity("martha", "marhta"), 0.95);
  EXPECT_LT(similarity("bob", "sarah"), 0.6);
}

TEST(NameMatch, ANameMatchedOnlyInPartIsAskedAboutOnlyWhenAllowed) {
  const std::vector<name_candidate> family{{"sean", {"Sean Murphy"}}};
  EXPECT_EQ(match_names("Sean Smith", family).verdict, certainty::ask);
  EXPECT_EQ(match_names("Sean Smith", family, false).verdict, certainty::unknown);
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
