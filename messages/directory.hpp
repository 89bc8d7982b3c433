#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <string>

#include "messages/atoms.hpp"
#include "messages/clinic_view.hpp"
#include "messages/database.hpp"
#include "messages/fields.hpp"
#include "messages/inspect.hpp"
#include "messages/stats.hpp"

// The DIRECTORY actor: which clinic a call is for, with that clinic's directory, cached.
namespace frontdesk {

/// The DIRECTORY actor interface.
using directory_actor = caf::typed_actor<
    /// The active clinic a number belongs to (any common format); error_code::unknown_clinic if
    /// none.
    caf::replies_to<clinic_atom, std::string>::with<clinic_view>,
    /// The active clinic an ElevenLabs agent answers for; error_code::unknown_clinic if none.
    caf::replies_to<agent_atom, std::string>::with<clinic_view>,
    /// Forget what is cached of a clinic (after a sync changed it).
    caf::reacts_to<invalidate_atom, clinic_id>,
    /// Read a clinic's directory now (at start-up), so that its first caller does not wait.
    caf::reacts_to<load_atom, clinic_record>>::extend_with<stats_actor>;

}  // namespace frontdesk

// Local only: a shared, immutable directory snapshot.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::clinic_view)
