#pragma once

#include <caf/atom.hpp>

// Atoms name the actions actors are asked to do (at most ten characters each).
namespace frontdesk {

/// Ask a storage actor whether its database answers.
using ping_atom = caf::atom_constant<caf::atom("ping")>;

/// Storage: the local copy of clinics' Cliniko accounts.
using clinics_atom = caf::atom_constant<caf::atom("clinics")>;
using save_directory_atom = caf::atom_constant<caf::atom("savedir")>;
using save_appointments_atom = caf::atom_constant<caf::atom("saveappts")>;
using save_patients_atom = caf::atom_constant<caf::atom("savepats")>;
using sync_state_atom = caf::atom_constant<caf::atom("syncstate")>;
using record_sync_atom = caf::atom_constant<caf::atom("recordsync")>;
using counts_atom = caf::atom_constant<caf::atom("counts")>;
using phone_lookup_atom = caf::atom_constant<caf::atom("byphone")>;
using patient_atom = caf::atom_constant<caf::atom("patient")>;

/// Sync: bring the local copy up to date.
using sync_atom = caf::atom_constant<caf::atom("sync")>;
using sync_if_stale_atom = caf::atom_constant<caf::atom("ifstale")>;

/// Directory and sessions.
using clinic_atom = caf::atom_constant<caf::atom("clinic")>;
using agent_atom = caf::atom_constant<caf::atom("agent")>;
using invalidate_atom = caf::atom_constant<caf::atom("invalidate")>;
using directory_atom = caf::atom_constant<caf::atom("directory")>;
using end_atom = caf::atom_constant<caf::atom("end")>;

/// Bookings: claims and intents in storage, and settling those a crash left pending.
using claim_atom = caf::atom_constant<caf::atom("claim")>;
using complete_atom = caf::atom_constant<caf::atom("complete")>;
using fail_intent_atom = caf::atom_constant<caf::atom("failintent")>;
using pending_atom = caf::atom_constant<caf::atom("pending")>;
using upcoming_atom = caf::atom_constant<caf::atom("upcoming")>;
using history_atom = caf::atom_constant<caf::atom("history")>;
using held_atom = caf::atom_constant<caf::atom("held")>;
using load_atom = caf::atom_constant<caf::atom("load")>;
using drain_atom = caf::atom_constant<caf::atom("drain")>;
using store_event_atom = caf::atom_constant<caf::atom("store_evt")>;
using served_atom = caf::atom_constant<caf::atom("served")>;
using prune_atom = caf::atom_constant<caf::atom("prune")>;
using reconcile_atom = caf::atom_constant<caf::atom("reconcile")>;

/// Nodes: this node leads a clinic's background work (or no longer); it stops.
using lead_atom = caf::atom_constant<caf::atom("lead")>;
using leave_atom = caf::atom_constant<caf::atom("leave")>;

/// Availability: a time that could not be booked.
using failed_atom = caf::atom_constant<caf::atom("failed")>;

/// Ask for counters (every actor with any answers it).
using stats_atom = caf::atom_constant<caf::atom("stats")>;
/// A timer of an actor's own went off.
using tick_atom = caf::atom_constant<caf::atom("tick")>;

/// Shared budget: take requests from a key's budget shared by every node.
using take_atom = caf::atom_constant<caf::atom("take")>;

/// Rate limiter: ask leave to send one request; stop sending for a while.
using acquire_atom = caf::atom_constant<caf::atom("acquire")>;
using pause_atom = caf::atom_constant<caf::atom("pause")>;

/// Cliniko gateway reads and checks.
using businesses_atom = caf::atom_constant<caf::atom("businesses")>;
using practitioners_atom = caf::atom_constant<caf::atom("practs")>;
using appointment_types_atom = caf::atom_constant<caf::atom("apptypes")>;
using roster_atom = caf::atom_constant<caf::atom("roster")>;
using services_atom = caf::atom_constant<caf::atom("services")>;
using appointments_atom = caf::atom_constant<caf::atom("appts")>;
using patients_atom = caf::atom_constant<caf::atom("patients")>;
using available_times_atom = caf::atom_constant<caf::atom("times")>;
using next_available_atom = caf::atom_constant<caf::atom("nexttime")>;
using verify_atom = caf::atom_constant<caf::atom("verify")>;
using settings_atom = caf::atom_constant<caf::atom("settings")>;
using offerings_atom = caf::atom_constant<caf::atom("offerings")>;
/// Cliniko gateway writes.
using create_patient_atom = caf::atom_constant<caf::atom("newpatient")>;
using book_atom = caf::atom_constant<caf::atom("book")>;
using move_atom = caf::atom_constant<caf::atom("move")>;
using cancel_atom = caf::atom_constant<caf::atom("cancel")>;
using appointment_atom = caf::atom_constant<caf::atom("appt")>;
/// Record what a session did; wait until what was recorded is stored.
using record_atom = caf::atom_constant<caf::atom("record")>;
using flush_atom = caf::atom_constant<caf::atom("flush")>;
/// Internal: an HTTP exchange finished.
using exchange_done_atom = caf::atom_constant<caf::atom("exchanged")>;

}  // namespace frontdesk
