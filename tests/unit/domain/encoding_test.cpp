#include "domain/encoding.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::domain;

TEST(Base64, EncodesAsRfc4648Says) {
  // RFC 4648, section 10.
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  // Cliniko's Basic auth: the key, a colon, no password.
  EXPECT_EQ(base64_encode("MS0xMjM0-au1:"), "TVMweE1qTTAtYXUxOg==");
}

TEST(Base64, DecodesWhatItEncodesWithoutThePadding) {
  for (const std::string bytes : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    const auto back = base64_decode(base64_encode(bytes));
    ASSERT_TRUE(back.has_value()) << bytes;
    EXPECT_EQ(*back, bytes);
  }
  const std::string binary("\x00\xff\x10\x80", 4);
  EXPECT_EQ(base64_decode(base64_encode(binary)), binary);
}

TEST(Base64, RefusesWhatIsNotBase64) {
  EXPECT_FALSE(base64_decode("Zm9").has_value());       // not a multiple of 4
  EXPECT_FALSE(base64_decode("Zm9v!!!!").has_value());  // not its alphabet
}

TEST(Sha256Hex, IsTheDigestInLowercaseHex) {
  // FIPS 180-2's example.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("").size(), 64u);
}
