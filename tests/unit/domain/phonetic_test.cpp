#include "domain/phonetic.hpp"

#include <gtest/gtest.h>

// Double Metaphone on names as clinics spell them and as speech-to-text writes them.
using namespace frontdesk::domain;

TEST(Phonetic, NamesThatSoundAlikeShareAKey) {
  for (const auto& [a, b] :
       {std::pair{"Chen", "Chan"}, std::pair{"Sarah", "Sara"}, std::pair{"Catherine", "Katherine"},
        std::pair{"Smith", "Schmidt"}, std::pair{"Murphy", "Murfy"}, std::pair{"Byrne", "Burn"},
        std::pair{"Parramatta", "Paramatta"}, std::pair{"Li", "Lee"}, std::pair{"Thi", "Tee"},
        std::pair{"Aoife", "Eefa"}, std::pair{"Nguyen", "Nyugen"}, std::pair{"Bondi", "Bondy"}})
    EXPECT_TRUE(sound_alike(a, b)) << a << " / " << b;
  for (const auto& [a, b] : {std::pair{"Sean", "Siobhan"}, std::pair{"Kelly", "Keeva"},
                             std::pair{"Mary", "Murphy"}, std::pair{"Nguyen", "Win"}})
    EXPECT_FALSE(sound_alike(a, b)) << a << " / " << b;
}

TEST(Phonetic, KeysFollowTheRulesOfTheNamesLanguage) {
  EXPECT_EQ(double_metaphone("Schmidt").primary, "XMT");  // German sch
  EXPECT_EQ(double_metaphone("Schmidt").alternate, "SMT");
  EXPECT_EQ(double_metaphone("Knight").primary, "NT");         // silent k and gh
  EXPECT_EQ(double_metaphone("Wiśniewska").primary, "ASNSK");  // accents left out
  EXPECT_EQ(double_metaphone("Thomas").primary, "TMS");        // th as t
  EXPECT_EQ(double_metaphone("Philip").primary, "FLP");
  EXPECT_EQ(double_metaphone("").primary, "");
}

TEST(Phonetic, AccentsAreLeftOut) {
  EXPECT_EQ(without_accents("Wiśniewska"), "wisniewska");
  EXPECT_EQ(without_accents("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(without_accents("Órla Ní Bhriain"), "orla ni bhriain");
}
