#include "storage/changes.hpp"

#include <gtest/gtest.h>

using namespace frontdesk;
using namespace frontdesk::storage;

TEST(Changes, APayloadReadsBackAsTheChangeItTold) {
  const change told{change::kind::times, "node-a", 7, {"21", "22"}};
  const auto payload = payload_of(told);
  EXPECT_EQ(payload, "times node-a 7 21 22");
  const auto heard = change_of(payload);
  ASSERT_TRUE(heard);
  EXPECT_EQ(heard->what, change::kind::times);
  EXPECT_EQ(heard->node, "node-a");
  EXPECT_EQ(heard->clinic, 7);
  EXPECT_EQ(heard->practitioners, told.practitioners);
  const auto directory = change_of(payload_of({change::kind::directory, "b", 3, {}}));
  ASSERT_TRUE(directory);
  EXPECT_EQ(directory->what, change::kind::directory);
  EXPECT_TRUE(directory->practitioners.empty());
}

// PostgreSQL refuses payloads of 8,000 bytes: a long list becomes "all of the clinic's".
TEST(Changes, AListTooLongForAPayloadMeansEveryone) {
  change many{change::kind::times, "node-a", 7, {}};
  for (int i = 0; i < 2000; ++i) many.practitioners.push_back("5148109765544" + std::to_string(i));
  const auto payload = payload_of(many);
  EXPECT_LT(payload.size(), 8000u);
  EXPECT_TRUE(change_of(payload)->practitioners.empty());
}

TEST(Changes, WhatIsNotAChangeIsIgnored) {
  EXPECT_FALSE(change_of(""));
  EXPECT_FALSE(change_of("bookings node-a 7"));
  EXPECT_FALSE(change_of("times node-a seven"));
}
