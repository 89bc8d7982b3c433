#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "messages/local_copy.hpp"
#include "messages/node.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

struct node_config {
  std::string database_url;
  /// This node's name in the table (settings: NODE_NAME, or the host and port).
  std::string name;
  /// Where it answers (for `frontdesk nodes`).
  std::string address;
  /// The clinics it serves: each one's background work is led by one node.
  std::vector<clinic_id> clinics;
  std::chrono::milliseconds beat_every{1000};
  /// A lease lasts this long unless renewed; a leader whose renewals fail stops leading well
  /// before, at a third of it.
  std::chrono::seconds lease{9};
  /// Told when this node starts or stops leading a clinic's background work.
  std::function<void(clinic_id, bool)> on_lead;
};

/// Spawns the node actor on its own thread and connection (a beat never waits behind a query).
node_actor spawn_node(caf::actor_system& system, node_config config);

/// The name a node gives itself: the host's name and the port it serves (or its pid).
std::string default_node_name(unsigned port);

}  // namespace frontdesk
