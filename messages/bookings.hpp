#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>

#include "messages/atoms.hpp"
#include "messages/booking.hpp"
#include "messages/inspect.hpp"
#include "messages/stats.hpp"

// The BOOKINGS actor: every change frontdesk makes to a clinic's calendar, guarded and recorded.
namespace frontdesk {

/// The BOOKINGS actor interface. Failures (Cliniko down, refused, too slow) are error values.
using bookings_actor = caf::typed_actor<
    /// Book a time: the patient found or created, the time claimed and looked at afresh.
    caf::replies_to<book_atom, booking_request>::with<booking_outcome>,
    /// Move an appointment to another time (and practitioner, service, location) in one PATCH.
    caf::replies_to<move_atom, move_request>::with<booking_outcome>,
    /// Cancel an appointment with Cliniko's reason code.
    caf::replies_to<cancel_atom, cancel_request>::with<booking_outcome>,
    /// The caller's past appointments, from the local copy.
    caf::replies_to<history_atom, history_request>::with<std::vector<appointment>>,
    /// Settle intents left pending longer than the given seconds (a crash between intent and
    /// completion): answers how many were settled.
    caf::replies_to<reconcile_atom, std::int64_t>::with<std::int64_t>,
    /// Internal: the periodic reconciliation is due.
    caf::reacts_to<tick_atom>>::extend_with<stats_actor>;

}  // namespace frontdesk

// Local only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::booking_intent)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::claim_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::booking_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::move_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::cancel_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::history_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::booking_outcome)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<frontdesk::booking_intent>)
