#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "domain/directory.hpp"
#include "messages/atoms.hpp"
#include "messages/bookings.hpp"
#include "messages/database_status.hpp"
#include "messages/fields.hpp"
#include "messages/inspect.hpp"
#include "messages/local_copy.hpp"
#include "messages/stats.hpp"
#include "messages/webhook.hpp"

// The storage actors: each owns PostgreSQL connections, so nothing else blocks on the database.
namespace frontdesk {

/// The LOCAL COPY of each clinic's Cliniko account: what sync writes, and what the directory,
/// bookings and the greeting read of clinics, directories, patients and appointments.
using local_copy_actor = caf::typed_actor<
    /// The active clinics.
    caf::replies_to<clinics_atom>::with<std::vector<clinic_record>>,
    /// Replace a clinic's directory; answers with what the local copy then holds.
    caf::replies_to<save_directory_atom, clinic_id, directory_snapshot>::with<local_counts>,
    /// Insert or update appointments; answers with how many. With a start time (not 0), these
    /// are all the clinic's appointments from then on: any other kept from then on is gone from
    /// Cliniko and is marked archived.
    caf::replies_to<save_appointments_atom, clinic_id, std::vector<appointment>,
                    unix_seconds>::with<std::int64_t>,
    /// Insert or update patients and their phone index (national numbers read in the region);
    /// answers with how many numbers could not be read.
    caf::replies_to<save_patients_atom, clinic_id, std::vector<patient>,
                    std::string>::with<std::int64_t>,
    /// Where a clinic's sync stands, and recording where it now stands.
    caf::replies_to<sync_state_atom, clinic_id>::with<sync_state>,
    caf::replies_to<record_sync_atom, clinic_id, sync_state>::with<bool>,
    /// What the local copy holds for a clinic.
    caf::replies_to<counts_atom, clinic_id>::with<local_counts>,
    /// The active clinic a number (E.164) belongs to; error_code::unknown_clinic if none.
    caf::replies_to<clinic_atom, std::string>::with<clinic_record>,
    /// The active clinic an ElevenLabs agent id belongs to; error_code::unknown_clinic if none.
    caf::replies_to<agent_atom, std::string>::with<clinic_record>,
    /// A clinic's live directory.
    caf::replies_to<directory_atom, clinic_id>::with<directory_ptr>,
    /// Live patients of a clinic with this E.164 number.
    caf::replies_to<phone_lookup_atom, clinic_id, std::string>::with<std::vector<patient>>,
    /// A clinic's patient by Cliniko id (none or one).
    caf::replies_to<patient_atom, clinic_id, std::string>::with<std::vector<patient>>,
    /// Live appointments from a time on of the patients with this E.164 number, soonest first.
    caf::replies_to<upcoming_atom, clinic_id, std::string,
                    unix_seconds>::with<std::vector<appointment>>,
    /// Live appointments before a time of the patients with this E.164 number, newest first (at
    /// most 20).
    caf::replies_to<history_atom, clinic_id, std::string,
                    unix_seconds>::with<std::vector<appointment>>>;

/// Booking INTENTS: every calendar change recorded before it is made, and the claims that keep
/// two calls from booking one practitioner's time.
using intents_actor = caf::typed_actor<
    /// Record an intent; for a book or move, also claim its practitioner's time.
    caf::replies_to<claim_atom, booking_intent>::with<claim_outcome>,
    /// An intent's change was made, to this appointment: the intent is done and the local copy
    /// holds the appointment (one transaction); claims it replaces are released.
    caf::replies_to<complete_atom, clinic_id, std::int64_t, appointment>::with<bool>,
    /// An intent's change was not made, and why.
    caf::replies_to<fail_intent_atom, std::int64_t, std::string>::with<bool>,
    /// Intents of any clinic still pending after this many seconds.
    caf::replies_to<pending_atom, std::int64_t>::with<std::vector<booking_intent>>,
    /// The times a practitioner's live claims hold between two instants (as appointments: start,
    /// end, practitioner), whichever node claimed them.
    caf::replies_to<held_atom, clinic_id, std::string, unix_seconds,
                    unix_seconds>::with<std::vector<appointment>>>;

/// CALLS as ElevenLabs reported them, and the tool calls frontdesk answered in them.
using calls_actor = caf::typed_actor<
    /// Keep a post-call event once and update its call (storage::store_event).
    caf::replies_to<store_event_atom, stored_event>::with<event_fate>,
    /// Record tool calls frontdesk answered, in one transaction.
    caf::replies_to<served_atom, std::vector<served_call>>::with<bool>,
    /// Clear what was said of calls past their retention: how many.
    caf::replies_to<prune_atom, unix_seconds>::with<std::int64_t>>;

/// The DATABASE actor interface: all of the above behind one handle (a pool of
/// connection-owning workers), and a ping. Each peer is handed only the part it uses.
using database_actor = caf::typed_actor<
    /// Check that the database answers; fails with error_code::database_unavailable if not.
    caf::replies_to<ping_atom>::with<database_status>>::extend_with<local_copy_actor, intents_actor,
                                                                    calls_actor, stats_actor>;

}  // namespace frontdesk

// An immutable snapshot shared within the process.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::directory_ptr)
