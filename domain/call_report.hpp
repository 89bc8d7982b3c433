#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "messages/call_event.hpp"

// The call report: the agent's view of each tool call (from the post-call transcript) against
// what frontdesk itself answered in that conversation.
namespace frontdesk::domain {

/// A voice turn waits this long at most before a tool's silence reads as a breakdown.
inline constexpr std::int64_t slow_tool_ms = 2000;

/// One of the agent's tool calls, checked.
struct tool_call_check {
  const agent_tool_call* agent = nullptr;
  /// What frontdesk answered for it; nullptr when it never reached us.
  const served_call* served = nullptr;
  bool errored = false;  // the agent saw an error
  bool slow = false;     // over slow_tool_ms at the agent
  bool unserved = false;
};

struct call_report {
  std::vector<tool_call_check> checks;
  int errors = 0;
  int slow = 0;
  int unserved = 0;
};

/// Matches the agent's tool calls to ours by path, in order (each of ours once), and flags what
/// a clinic's integrator should look at. A call whose URL the transcript does not give is not
/// counted as unserved.
call_report report_call(const std::vector<agent_tool_call>& agent,
                        const std::vector<served_call>& served);

}  // namespace frontdesk::domain
