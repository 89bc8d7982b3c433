#pragma once

#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "messages/local_copy.hpp"
#include "storage/secret_box.hpp"

// Clinics as onboarded: their names, zones, dialed numbers, agents and sealed Cliniko keys.
namespace frontdesk::storage {

struct new_clinic {
  std::string name;
  std::string time_zone;
  std::string cliniko_key;
  std::string shard;
  /// E.164.
  std::vector<std::string> numbers;
  std::vector<std::string> agent_ids;
};

struct clinic_summary {
  clinic_id id = 0;
  std::string name;
  std::string time_zone;
  std::string shard;
  bool active = true;
  std::vector<std::string> numbers;
  std::vector<std::string> agent_ids;
  unix_seconds last_sync = 0;
  std::string last_error;
};

/// The context a clinic's key is sealed under: a sealed key copied to another row won't open.
std::string key_context(clinic_id id);

/// Which clinic already holds a number or agent id, as "what: clinic name" lines.
std::vector<std::string> already_taken(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& numbers,
                                       const std::vector<std::string>& agent_ids,
                                       clinic_id except = 0);

clinic_id add_clinic(pqxx::transaction_base& tx, const new_clinic& clinic, const secret_box& box);

std::vector<clinic_summary> list_clinics(pqxx::transaction_base& tx);

std::optional<clinic_record> find_clinic(pqxx::transaction_base& tx, const std::string& name);

void rename_clinic(pqxx::transaction_base& tx, clinic_id id, const std::string& name);
void set_time_zone(pqxx::transaction_base& tx, clinic_id id, const std::string& zone);
/// "cliniko" (what is hidden from online bookings is not read out) or "everything".
void set_online_visibility(pqxx::transaction_base& tx, clinic_id id, const std::string& rule);
void set_active(pqxx::transaction_base& tx, clinic_id id, bool active);
void replace_key(pqxx::transaction_base& tx, clinic_id id, const std::string& key,
                 const std::string& shard, const secret_box& box);
void add_numbers(pqxx::transaction_base& tx, clinic_id id, const std::vector<std::string>& numbers);
void remove_numbers(pqxx::transaction_base& tx, clinic_id id,
                    const std::vector<std::string>& numbers);
void add_agents(pqxx::transaction_base& tx, clinic_id id,
                const std::vector<std::string>& agent_ids);
void remove_agents(pqxx::transaction_base& tx, clinic_id id,
                   const std::vector<std::string>& agent_ids);

}  // namespace frontdesk::storage
