#pragma once

#include <string_view>
#include <vector>

#include "tools/tool.hpp"

// Every tool the agent can call, once: the front's routes and the root listing are made from
// this table, and sessions find a call's tool in it. A new tool is one row and its function.
namespace frontdesk::tools {

struct catalogue_entry {
  /// The tool's path ("/find-next-available"); a tool is POSTed there with a JSON body.
  std::string_view path;
  tool_fn run;
};

/// The tools, in the order the root listing shows them.
const std::vector<catalogue_entry>& catalogue();

/// The tool at `path` ("/find-next-available"), or nullptr.
const catalogue_entry* find_tool(std::string_view path);

}  // namespace frontdesk::tools
