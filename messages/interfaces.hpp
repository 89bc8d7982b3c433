#pragma once

// Every actor's interface, one line each: the vocabulary of frontdesk in one place. Each header
// holds one interface, its messages, and a comment per handler.

#include "messages/availability.hpp"     // AVAILABILITY: free times, cached, and the earliest
#include "messages/bookings.hpp"         // BOOKINGS: book, move, cancel; settle what a crash left
#include "messages/budget.hpp"           // SHARED BUDGET: Cliniko's budget per key, for every node
#include "messages/cliniko_gateway.hpp"  // CLINIKO GATEWAY: the only code that speaks Cliniko
#include "messages/database.hpp"      // DATABASE: the local copy, intents and claims in PostgreSQL
#include "messages/directory.hpp"     // DIRECTORY: the clinic a call is for, and its directory
#include "messages/front.hpp"         // FRONT: an HTTP request in, its answer to the connection
#include "messages/node.hpp"          // NODE: this process among the nodes; leases it leads
#include "messages/rate_limiter.hpp"  // RATE LIMITER: a Cliniko key's budget, live calls first
#include "messages/recorder.hpp"      // RECORDER: what every session did, for replay and restarts
#include "messages/session.hpp"       // SESSION and SESSION REGISTRY: tool calls, per conversation
#include "messages/stats.hpp"         // STATS: what every actor with counters answers alike
#include "messages/sync.hpp"          // SYNC: a clinic's local copy kept up to date

// The records they carry are plain headers without CAF, which domain/ may read (a unit test,
// Layering.*, keeps it so): cliniko.hpp (Cliniko's records), local_copy.hpp (what is kept of
// them), booking.hpp (a calendar change's records), call.hpp (priority and deadline),
// tool_call.hpp, free_times.hpp, clinic_view.hpp, database_status.hpp, call_event.hpp,
// sync_report.hpp, recording_header.hpp, http_exchange.hpp, actor_stats.hpp, json_value.hpp,
// error_code.hpp, fields.hpp (each record's one field list), fwd.hpp. CAF's side of the
// vocabulary: atoms.hpp (the actions), error.hpp (failures as caf::error values), inspect.hpp
// (CAF's inspect, made from the field lists).
