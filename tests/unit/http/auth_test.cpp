#include "http/auth.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::http;

TEST(Auth, ConstantTimeEqualComparesContentsAndLengths) {
  EXPECT_TRUE(constant_time_equal("secret-key", "secret-key"));
  EXPECT_FALSE(constant_time_equal("secret-key", "secret-kez"));
  EXPECT_FALSE(constant_time_equal("secret-key", "secret-key-longer"));
  EXPECT_FALSE(constant_time_equal("secret-key", ""));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(Auth, AcceptsAnyConfiguredKeySoKeysCanRotate) {
  const api_key_set keys{{"old-key-0000000001", "new-key-0000000002"}};
  EXPECT_TRUE(keys.accepts("old-key-0000000001"));
  EXPECT_TRUE(keys.accepts("new-key-0000000002"));
  EXPECT_FALSE(keys.accepts("new-key-000000000"));  // a prefix is not the key
  EXPECT_FALSE(keys.accepts("NEW-KEY-0000000002"));
  EXPECT_FALSE(keys.accepts(""));
}

TEST(Auth, NoKeysAcceptsNothing) {
  const api_key_set keys{{}};
  EXPECT_TRUE(keys.empty());
  EXPECT_FALSE(keys.accepts("anything"));
  EXPECT_FALSE(keys.accepts(""));
}
