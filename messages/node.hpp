#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/stats.hpp"

// The NODE actor: this process among the nodes serving one database. It beats in the `nodes`
// table, and takes and renews the leases by which one node per clinic runs its background work.
namespace frontdesk {

/// The NODE actor interface.
using node_actor = caf::typed_actor<
    /// Internal: beat, and renew or take leases, every beat.
    caf::reacts_to<tick_atom>,
    /// Stopping: said in the table at once, so that no lease is taken or kept any more.
    caf::reacts_to<drain_atom>,
    /// Stopped: the node's row and leases go, so another node takes over at once.
    caf::replies_to<leave_atom>::with<bool>>::extend_with<stats_actor>;

}  // namespace frontdesk
