#pragma once

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>

#include "messages/atoms.hpp"
#include "messages/stats.hpp"

// The SHARED BUDGET: Cliniko's request budget per API key, kept in PostgreSQL for every node.
namespace frontdesk {

/// The SHARED BUDGET actor interface. Keys are named by their SHA-256 (hex).
using shared_budget_actor = caf::typed_actor<
    /// Take up to this many requests of the key's rolling minute, for background work (true) or
    /// live calls (false); answers how many were granted and, when none, the UNIX time before
    /// which none will be (Cliniko asked every node to wait, or the minute is spent).
    caf::replies_to<take_atom, std::string, std::int64_t, bool>::with<std::int64_t, std::int64_t>,
    /// Cliniko answered 429 for the key: no node sends before this UNIX time.
    caf::reacts_to<pause_atom, std::string, std::int64_t>>::extend_with<stats_actor>;

}  // namespace frontdesk
