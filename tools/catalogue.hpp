#pragma once

#include <string_view>
#include <vector>

#include "tools/tool.hpp"

// Every tool the agent can call, once, a row each: its path, its function and its profile (what
// the agent's LLM reads of it: its description and its fields, named by tools/field_names.hpp as
// the readers name them). The front's routes, the root listing, the sessions and the agent's
// configuration are all made from this table. A new tool is one row and its function.
namespace frontdesk::tools {

/// A field of a tool's body: filled by the agent's LLM from the conversation (it reads the
/// description), or by ElevenLabs from a system dynamic variable, never by the LLM.
struct tool_field {
  std::string_view name;
  std::string_view type;  // "string", "integer", "boolean", or "array" (of strings)
  std::string_view description;
  std::string_view system_variable = {};
  bool required = false;
  std::vector<std::string_view> values = {};
};

/// A tool: where it is served, what runs it, and how the agent's LLM meets it.
struct catalogue_entry {
  /// The tool's path ("/find-next-available"); a tool is POSTed there with a JSON body.
  std::string_view path;
  /// ElevenLabs' name for it (`^[a-zA-Z0-9_-]{1,64}$`), what the prompt calls it by.
  std::string_view name;
  tool_fn run;
  std::string_view description;
  std::vector<tool_field> fields;
  /// It may wait on Cliniko: the agent says something while it runs.
  bool may_wait = false;
};

/// The tools, in the order the root listing shows them.
const std::vector<catalogue_entry>& catalogue();

/// The tool at `path` ("/find-next-available"), or nullptr.
const catalogue_entry* find_tool(std::string_view path);

}  // namespace frontdesk::tools
