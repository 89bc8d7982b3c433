#include "domain/words.hpp"

#include <gtest/gtest.h>

// What callers say, as Cliniko's codes.
using namespace frontdesk::domain;

TEST(Words, CancellationReasonsBecomeClinikosCodes) {
  EXPECT_EQ(cancellation_code("I'm feeling better"), 10);
  EXPECT_EQ(cancellation_code("it got worse"), 20);
  EXPECT_EQ(cancellation_code("I'm sick"), 30);
  EXPECT_EQ(cancellation_code("away on holiday"), 40);
  EXPECT_EQ(cancellation_code("work came up"), 60);
  EXPECT_EQ(cancellation_code(""), 50);
  EXPECT_EQ(cancellation_code("no reason"), 50);
}

TEST(Words, EachCodesWordsReadBackAsThatCode) {
  for (const int code : {10, 20, 30, 40, 50, 60})
    EXPECT_EQ(cancellation_code(cancellation_words(code)), code) << cancellation_words(code);
  EXPECT_EQ(cancellation_words(31), "another reason");
}
