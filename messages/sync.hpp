#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>

#include "messages/atoms.hpp"
#include "messages/fields.hpp"
#include "messages/inspect.hpp"
#include "messages/local_copy.hpp"
#include "messages/stats.hpp"
#include "messages/sync_report.hpp"

// The SYNC actor: one per active clinic, keeping its local copy of Cliniko up to date.
namespace frontdesk {

/// The SYNC actor interface. Its counters say where the sync stands: `last_success_at`,
/// `directory_synced_at` (UNIX seconds) and `failing` (1 when the last run failed).
using sync_actor = caf::typed_actor<
    /// Sync now; a request while one runs joins it (a full request waits for a full run).
    caf::replies_to<sync_atom, sync_kind>::with<sync_report>,
    /// Start an incremental sync unless one succeeded within this many seconds or one runs.
    caf::reacts_to<sync_if_stale_atom, std::int64_t>,
    /// This node leads the clinic's background work (true), or another does (false: no
    /// periodic sync runs here; a sync asked for still does).
    caf::reacts_to<lead_atom, bool>,
    /// Internal: the periodic sync is due.
    caf::reacts_to<tick_atom>>::extend_with<stats_actor>;

}  // namespace frontdesk
