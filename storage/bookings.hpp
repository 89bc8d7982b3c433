#pragma once

#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>
#include <vector>

#include "messages/bookings.hpp"

// The booking intents: claims on practitioners' time, and the record of every change.
namespace frontdesk::storage {

/// Records `intent` as pending, unless the same request is live already (repeated) or, for a
/// book or move, a live claim overlaps its time (taken). A move first releases the claims of the
/// appointment it moves, so moving within its own time is not refused. `node` names the node
/// making it: a repeat finds out whether the node that wrote the intent is still alive.
claim_outcome claim(pqxx::dbtransaction& tx, booking_intent intent, const std::string& node = {});

/// Marks the intent done with the appointment it made or changed, which the local copy takes in
/// at once. A move or cancellation releases the claims the appointment held before.
void complete_intent(pqxx::transaction_base& tx, clinic_id clinic, std::int64_t id,
                     const appointment& a);

void fail_intent(pqxx::transaction_base& tx, std::int64_t id, const std::string& why);

/// The times the practitioner's live claims hold that overlap [from, to).
std::vector<appointment> held_claims(pqxx::transaction_base& tx, clinic_id clinic,
                                     const std::string& practitioner, unix_seconds from,
                                     unix_seconds to);

/// Intents of every clinic pending for longer than `seconds`, oldest first.
std::vector<booking_intent> pending_intents(pqxx::transaction_base& tx, std::int64_t seconds);

/// Releases the claims of appointments the local copy now shows cancelled, archived or moved.
void release_stale_claims(pqxx::transaction_base& tx, clinic_id clinic);

/// Live appointments starting at or after `from` of the patients with this number.
std::vector<appointment> upcoming_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                           const std::string& e164, unix_seconds from);

/// Live appointments before `before` of the patients with this number, newest first (at most 20).
std::vector<appointment> history_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                          const std::string& e164, unix_seconds before);

}  // namespace frontdesk::storage
