#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/atoms.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
#include "messages/fields.hpp"
#include "messages/free_times.hpp"
#include "messages/inspect.hpp"
#include "messages/local_copy.hpp"
#include "messages/stats.hpp"

// The AVAILABILITY actor: clinics' free times, from its cache or through their gateways.
namespace frontdesk {

/// The AVAILABILITY actor interface.
using availability_actor = caf::typed_actor<
    /// Free times of each source (from the cache, or fetched by whole windows).
    caf::replies_to<available_times_atom, slot_request>::with<times_reply>,
    /// The earliest free time of any source; all are searched in parallel.
    caf::replies_to<next_available_atom, slot_request>::with<found_slot>,
    /// This practitioner could not be booked at this time: do not offer it again for a while.
    caf::reacts_to<failed_atom, clinic_id, std::string, unix_seconds>,
    /// Forget the free times of these practitioners (all of the clinic's when empty): their
    /// calendars changed.
    caf::reacts_to<invalidate_atom, clinic_id, std::vector<std::string>>,
    /// What a clinic offers (its directory, as loaded): their free times are kept warm too,
    /// after those callers ask about most.
    caf::reacts_to<offerings_atom, clinic_id, std::vector<domain::offering>>,
    /// This node leads the clinic's background work (or no longer): only a leader keeps a
    /// clinic's free times warm when warming is led.
    caf::reacts_to<lead_atom, clinic_id, bool>>::extend_with<stats_actor>;

}  // namespace frontdesk

// Local only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::slot_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::times_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::found_slot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<frontdesk::domain::offering>)
