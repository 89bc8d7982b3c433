#include "domain/numbers.hpp"

#include <gtest/gtest.h>

#include <limits>

// Numbers as they arrive in a tool call's fields.
using namespace frontdesk::domain;

TEST(Numbers, ClinikoIdsAreDigitsThatFitSixtyFourBits) {
  EXPECT_TRUE(is_cliniko_id("514810976554457101"));
  EXPECT_TRUE(is_cliniko_id("7"));
  for (const char* bad :
       {"", "abc", "12ab", "../businesses", "-5", "+5", " 5", "5.0", "12345678901234567890"})
    EXPECT_FALSE(is_cliniko_id(bad)) << bad;
}

TEST(Numbers, WholeNumbersSaturateRatherThanFail) {
  EXPECT_EQ(whole_number("14"), 14);
  EXPECT_EQ(whole_number("-5"), -5);
  EXPECT_EQ(whole_number("+3"), 3);
  EXPECT_EQ(whole_number("99999999999999999999999"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(whole_number("-99999999999999999999999"), -std::numeric_limits<std::int64_t>::max());
  for (const char* bad : {"", "-", "2.5", "1e3", "ten", "1 2", " 1"})
    EXPECT_EQ(whole_number(bad), std::nullopt) << bad;
}
