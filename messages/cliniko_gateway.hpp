#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "messages/atoms.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
#include "messages/inspect.hpp"
#include "messages/stats.hpp"

// The CLINIKO GATEWAY: the only code that speaks to Cliniko, one per API key.
namespace frontdesk {

/// The CLINIKO GATEWAY actor interface. Every call takes its priority and deadline; failures are
/// error_code::cliniko_* errors. Reads are retried within the deadline; writes never blindly.
/// Its counters are `requests` (sent to Cliniko, retries included), `retries` and `failures`.
using cliniko_gateway_actor = caf::typed_actor<
    /// All businesses, archived ones included.
    caf::replies_to<businesses_atom, call_options>::with<std::vector<business>>,
    /// All practitioners, active and inactive.
    caf::replies_to<practitioners_atom, call_options>::with<std::vector<practitioner>>,
    /// All appointment types, archived ones included.
    caf::replies_to<appointment_types_atom, call_options>::with<std::vector<appointment_type>>,
    /// The practitioners who work at one business.
    caf::replies_to<roster_atom, std::string, call_options>::with<business_roster>,
    /// The appointment types one practitioner offers.
    caf::replies_to<services_atom, std::string, call_options>::with<practitioner_services>,
    /// Appointments by the query.
    caf::replies_to<appointments_atom, appointment_query,
                    call_options>::with<std::vector<appointment>>,
    /// Patients changed after the given time (0: all), archived ones included.
    caf::replies_to<patients_atom, unix_seconds, call_options>::with<std::vector<patient>>,
    /// Free appointment starts, in time order.
    caf::replies_to<available_times_atom, slot_query,
                    call_options>::with<std::vector<unix_seconds>>,
    /// One appointment by id.
    caf::replies_to<appointment_atom, std::string, call_options>::with<appointment>,
    /// Creates a patient (never retried: a repeat would create a twin).
    caf::replies_to<create_patient_atom, new_patient, call_options>::with<patient>,
    /// Creates an appointment (never retried). On error_code::cliniko_timeout the outcome is
    /// unknown: look before trying again.
    caf::replies_to<book_atom, new_appointment, call_options>::with<appointment>,
    /// Moves or changes an appointment with one PATCH.
    caf::replies_to<move_atom, std::string, appointment_change, call_options>::with<appointment>,
    /// Cancels an appointment; answers with its id.
    caf::replies_to<cancel_atom, std::string, cancellation, call_options>::with<std::string>,
    /// The account's settings: `/settings` when the key's role may view them, else the public
    /// part (`full` false).
    caf::replies_to<settings_atom, call_options>::with<account_settings>,
    /// Checks the key: answers with the number of businesses it can see.
    caf::replies_to<verify_atom, call_options>::with<std::int64_t>>::extend_with<stats_actor>;

}  // namespace frontdesk
