#include "domain/phone.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::domain;

TEST(Phone, CommonFormatsOfOneNumberGiveOneE164) {
  for (const char* written :
       {"+61 2 9876 5432", "02 9876 5432", "61298765432", "(02) 9876-5432", "+61298765432"})
    EXPECT_EQ(to_e164(written, "AU"), "+61298765432") << written;
}

TEST(Phone, MobilesAndOtherRegions) {
  EXPECT_EQ(to_e164("0412 345 678", "AU"), "+61412345678");
  EXPECT_EQ(to_e164("09 123 4567", "NZ"), "+6491234567");
  EXPECT_EQ(to_e164("+44 20 7946 0958", "AU"), "+442079460958");
}

TEST(Phone, RejectsWhatCannotBeANumber) {
  EXPECT_EQ(to_e164("", "AU"), std::nullopt);
  EXPECT_EQ(to_e164("hello", "AU"), std::nullopt);
  EXPECT_EQ(to_e164("12", "AU"), std::nullopt);
}

TEST(Phone, KnowsRegions) {
  EXPECT_TRUE(is_supported_region("AU"));
  EXPECT_TRUE(is_supported_region("GB"));
  EXPECT_FALSE(is_supported_region("XX"));
  EXPECT_FALSE(is_supported_region("au"));
}

TEST(Phone, TellsALandlineFromAMobileForCliniko) {
  EXPECT_EQ(cliniko_phone_type("+61412345678"), "Mobile");
  EXPECT_EQ(cliniko_phone_type("+61298765432"), "Home");
  EXPECT_EQ(cliniko_phone_type("(02) 9876 5432"), "Home");
  EXPECT_EQ(cliniko_phone_type("+442079460000"), "Home");
  EXPECT_EQ(cliniko_phone_type("+447700900123"), "Mobile");
  EXPECT_EQ(cliniko_phone_type("1800 123 456"), "Other");
  EXPECT_EQ(cliniko_phone_type("not a number"), "Mobile");
}
