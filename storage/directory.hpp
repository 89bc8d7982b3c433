#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>

#include "domain/directory.hpp"
#include "messages/local_copy.hpp"

// Reading a clinic's directory out of the local copy, and finding clinics by how they are called.
namespace frontdesk::storage {

/// The live directory of a clinic: locations not archived, active practitioners, services not
/// archived, and the offerings among them.
domain::clinic_directory load_directory(pqxx::transaction_base& tx, clinic_id clinic);

/// The active clinic a number (E.164) belongs to.
std::optional<clinic_record> clinic_by_number(pqxx::transaction_base& tx, const std::string& e164);

/// The active clinic an ElevenLabs agent answers for.
std::optional<clinic_record> clinic_by_agent(pqxx::transaction_base& tx,
                                             const std::string& agent_id);

}  // namespace frontdesk::storage
