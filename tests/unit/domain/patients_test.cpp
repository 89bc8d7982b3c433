#include "domain/patients.hpp"

#include <gtest/gtest.h>

// Which patient on a number is calling.
using namespace frontdesk::domain;
using namespace std::chrono_literals;

TEST(Patients, ChosenByNameAmongThoseOnTheNumber) {
  using kind = patient_choice::kind;
  const std::vector<patient_name> family{{"Olivia", "Nguyen", ""}, {"Noah", "Nguyen", ""}};
  EXPECT_EQ(choose_patient(family, "Noah Nguyen").what, kind::existing);
  EXPECT_EQ(choose_patient(family, "Noah Nguyen").index, 1u);
  EXPECT_EQ(choose_patient(family, "").what, kind::ask);
  EXPECT_EQ(choose_patient(family, "Mia Nguyen").what, kind::new_patient);  // a sibling
  EXPECT_EQ(choose_patient({{"Emma", "Thompson", ""}}, "").what, kind::existing);
  EXPECT_EQ(choose_patient({{"Emma", "Thompson", ""}}, "Ema Thomson").what, kind::existing);
  EXPECT_EQ(choose_patient({{"Elizabeth", "Ward", "Liz"}}, "Liz Ward").what, kind::existing);
  EXPECT_EQ(choose_patient({}, "Zara Quinn").what, kind::new_patient);
  EXPECT_EQ(choose_patient({}, "").what, kind::need_name);
}

TEST(Patients, NamesSplitIntoFirstAndLast) {
  EXPECT_EQ(split_name("Sarah Jane Chen"),
            (std::pair<std::string, std::string>{"Sarah Jane", "Chen"}));
  EXPECT_EQ(split_name("  Chen "), (std::pair<std::string, std::string>{"Chen", ""}));
}
