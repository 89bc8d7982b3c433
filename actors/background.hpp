#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "messages/actor_stats.hpp"

namespace caf {
class error;
}

namespace frontdesk {

/// The failures of asks nobody waits on (a tick's drain, a prune, calls written behind their
/// answers): each is logged and counted, never dropped silently. /metrics shows them as
/// `frontdesk_background_failures_total{actor,ask}`, with what was lost with them.
class background_failures {
 public:
  /// Logs that `ask` failed with `e`, and counts it `lost` times (the things lost with it).
  void note(std::string_view ask, const caf::error& e, std::int64_t lost = 1);

  /// A handler for the error of such an ask; the failures object must outlive it (it lives in
  /// the actor's state, as the handler does).
  auto on_error(std::string_view ask) {
    return [this, ask](caf::error& e) { note(ask, e); };
  }

  /// The counts as labelled figures of `actor`.
  std::vector<metric> metrics(std::string_view actor) const;

 private:
  std::map<std::string, std::int64_t, std::less<>> by_ask_;
};

}  // namespace frontdesk
