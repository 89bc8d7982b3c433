#include "storage/secret_box.hpp"

#include <gtest/gtest.h>

using frontdesk::storage::secret_box;

namespace {

std::array<unsigned char, 32> key_of(unsigned char fill) {
  std::array<unsigned char, 32> key{};
  key.fill(fill);
  return key;
}

}  // namespace

TEST(SecretBox, SealsAndOpens) {
  const secret_box box{key_of(7)};
  const std::string api_key = "MS0xMjM0NTY3ODkwYWJjZGVm-au2";
  const auto sealed = box.seal(api_key, "clinic:1");
  EXPECT_EQ(sealed.find(api_key), std::string::npos);
  EXPECT_EQ(sealed.size(), 1 + 12 + api_key.size() + 16);
  EXPECT_EQ(box.open(sealed, "clinic:1"), api_key);
}

TEST(SecretBox, UsesAFreshNonceEachTime) {
  const secret_box box{key_of(7)};
  EXPECT_NE(box.seal("same", "c"), box.seal("same", "c"));
}

TEST(SecretBox, RefusesTamperingOtherKeysAndOtherContexts) {
  const secret_box box{key_of(7)};
  auto sealed = box.seal("the key", "clinic:1");
  EXPECT_EQ(box.open(sealed, "clinic:2"), std::nullopt);
  EXPECT_EQ(secret_box{key_of(8)}.open(sealed, "clinic:1"), std::nullopt);
  sealed[15] = static_cast<char>(sealed[15] ^ 0x01);
  EXPECT_EQ(box.open(sealed, "clinic:1"), std::nullopt);
  EXPECT_EQ(box.open("", "clinic:1"), std::nullopt);
  EXPECT_EQ(box.open(std::string(40, '\x02'), "clinic:1"), std::nullopt);
}
