#include "domain/call_report.hpp"

namespace frontdesk::domain {

call_report report_call(const std::vector<agent_tool_call>& agent,
                        const std::vector<served_call>& served) {
  call_report report;
  std::vector<bool> used(served.size(), false);
  for (const auto& call : agent) {
    tool_call_check check{&call};
    for (std::size_t i = 0; i < served.size() && !call.path.empty(); ++i)
      if (!used[i] && served[i].path == call.path) {
        used[i] = true;
        check.served = &served[i];
        break;
      }
    check.errored = call.is_error;
    check.slow = call.latency_ms > slow_tool_ms;
    check.unserved = !call.path.empty() && !check.served;
    report.errors += check.errored;
    report.slow += check.slow;
    report.unserved += check.unserved;
    report.checks.push_back(check);
  }
  return report;
}

}  // namespace frontdesk::domain
