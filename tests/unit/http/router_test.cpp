#include "http/router.hpp"

#include <gtest/gtest.h>

using namespace frontdesk::http;

TEST(Router, FindsRoutesByMethodAndPath) {
  const router r{{{"GET", "/health", access::open, false},
                  {"POST", "/location-resolver", access::api_key, true}}};
  auto health = r.find("GET", "/health");
  ASSERT_NE(health.found, nullptr);
  EXPECT_EQ(health.found->who, access::open);

  auto wrong_method = r.find("POST", "/health");
  EXPECT_EQ(wrong_method.found, nullptr);
  EXPECT_TRUE(wrong_method.path_known);

  auto unknown = r.find("GET", "/nope");
  EXPECT_EQ(unknown.found, nullptr);
  EXPECT_FALSE(unknown.path_known);
  EXPECT_EQ(r.find("POST", "/location-resolver/").found, nullptr);
}
