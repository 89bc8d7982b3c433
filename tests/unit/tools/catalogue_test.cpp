#include "tools/catalogue.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tool_steps.hpp"

// One table of tools: each path once, each with its function, found by its path.
using namespace frontdesk;

TEST(ToolCatalogue, EveryToolOnceAndFoundByItsPath) {
  std::set<std::string> paths;
  for (const auto& tool : tools::catalogue()) {
    EXPECT_TRUE(tool.path.starts_with("/")) << tool.path;
    EXPECT_NE(tool.run, nullptr) << tool.path;
    EXPECT_TRUE(paths.insert(std::string(tool.path)).second) << tool.path << " twice";
    EXPECT_EQ(tools::find_tool(tool.path), &tool);
  }
  EXPECT_EQ(paths.size(), 10u);
  EXPECT_TRUE(paths.count("/find-next-available"));
  EXPECT_EQ(tools::find_tool("/no-such-tool"), nullptr);
  EXPECT_EQ(tools::find_tool("find-next-available"), nullptr);  // paths, with their slash
}

TEST(ToolCatalogue, UnknownToolsAreNotAnswered) {
  tool_testing::booking_context context;
  EXPECT_FALSE(tool_testing::step("book-everything", test_support::two_locations(), context, "{}"));
}
