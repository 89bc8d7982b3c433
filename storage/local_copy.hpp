#pragma once

#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/local_copy.hpp"

// Queries on the local copy of clinics' Cliniko accounts. Each takes the transaction it runs in.
namespace frontdesk::storage {

/// Active clinics, with their sealed keys.
std::vector<clinic_record> active_clinics(pqxx::transaction_base& tx);

/// Replaces the clinic's directory with `snapshot`: records it lacks are marked archived (or
/// inactive), never deleted; who-works-where and who-offers-what are replaced whole.
void save_directory(pqxx::transaction_base& tx, clinic_id clinic,
                    const directory_snapshot& snapshot);

/// Inserts or updates appointments (cancelled and archived ones keep their marks).
void save_appointments(pqxx::transaction_base& tx, clinic_id clinic,
                       const std::vector<appointment>& appointments);

/// Marks archived every live appointment of the clinic starting at or after `from` that is not
/// among `present` (Cliniko no longer lists it: deleted there).
void archive_missing_appointments(pqxx::transaction_base& tx, clinic_id clinic, unix_seconds from,
                                  const std::vector<appointment>& present);

/// Inserts or updates patients and re-indexes their phone numbers in E.164, reading national
/// numbers in `region`. Returns how many numbers could not be read as phone numbers.
std::int64_t save_patients(pqxx::transaction_base& tx, clinic_id clinic,
                           const std::vector<patient>& patients, const std::string& region);

sync_state read_sync_state(pqxx::transaction_base& tx, clinic_id clinic);
void write_sync_state(pqxx::transaction_base& tx, clinic_id clinic, const sync_state& state);

local_counts count_local_copy(pqxx::transaction_base& tx, clinic_id clinic);

/// Live patients with this number (E.164); several when a family shares a phone.
/// The live patient with this Cliniko id, if the local copy has them (none or one).
std::vector<patient> patient_by_id(pqxx::transaction_base& tx, clinic_id clinic,
                                   const std::string& id);

std::vector<patient> patients_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                       const std::string& e164);

/// A text[] literal ("{\"1\",\"2\"}") for a parameter.
std::string to_text_array(const std::vector<std::string>& items);

}  // namespace frontdesk::storage
