#include "domain/redact.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::domain;

TEST(Redact, MasksPhoneNumbersKeepingPrefixAndLastDigits) {
  EXPECT_EQ(mask_phone("+61412345678"), "+61******678");
  EXPECT_EQ(mask_phone("0412 345 678"), "04*****678");
  EXPECT_EQ(mask_phone("12345"), "*****");
}

TEST(Redact, MasksNamesKeepingInitials) {
  EXPECT_EQ(mask_name("Sarah Chen"), "S**** C***");
  EXPECT_EQ(mask_name("Zoë"), "Z**");
  EXPECT_EQ(mask_name(""), "");
}

TEST(Redact, MasksPhoneNumbersInsideFreeText) {
  EXPECT_EQ(redact_phones("caller +61 412 345 678 asked"), "caller +61******678 asked");
  EXPECT_EQ(redact_phones("/patients?phone=0298765432"), "/patients?phone=02*****432");
  // Short numbers, times and dates stay readable.
  EXPECT_EQ(redact_phones("at 9:30 on 2026-11-25, room 12"), "at 9:30 on 2026-11-25, room 12");
  EXPECT_EQ(redact_phones("id abc1234567"), "id abc1234567");
  // Cliniko ids are longer than any phone number.
  EXPECT_EQ(redact_phones("/v1/businesses/514810976554457101"),
            "/v1/businesses/514810976554457101");
}
