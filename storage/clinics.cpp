#include "storage/clinics.hpp"

#include <pqxx/pqxx>

#include "storage/local_copy.hpp"

namespace frontdesk::storage {

std::string key_context(clinic_id id) {
  return "frontdesk/cliniko-key/clinic:" + std::to_string(id);
}

std::vector<std::string> already_taken(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& numbers,
                                       const std::vector<std::string>& agent_ids,
                                       clinic_id except) {
  std::vector<std::string> taken;
  for (const auto& row : tx.exec_params(
           "SELECT n.e164, c.name FROM clinic_numbers n JOIN clinics c ON c.id = n.clinic_id"
           " WHERE n.e164 = ANY ($1::text[]) AND c.id <> $2 ORDER BY n.e164",
           to_text_array(numbers), except))
    taken.push_back("number " + row[0].as<std::string>() + " belongs to " +
                    row[1].as<std::string>());
  for (const auto& row : tx.exec_params(
           "SELECT a.agent_id, c.name FROM clinic_agents a JOIN clinics c ON c.id = a.clinic_id"
           " WHERE a.agent_id = ANY ($1::text[]) AND c.id <> $2 ORDER BY a.agent_id",
           to_text_array(agent_ids), except))
    taken.push_back("agent " + row[0].as<std::string>() + " belongs to " +
                    row[1].as<std::string>());
  return taken;
}

clinic_id add_clinic(pqxx::transaction_base& tx, const new_clinic& c, const secret_box& box) {
  // The id is part of what the key is sealed under, so the row exists before the key does.
  const auto id = tx.exec_params1(
                        "INSERT INTO clinics (name, timezone, cliniko_shard, cliniko_key_sealed)"
                        " VALUES ($1, $2, $3, '\\x00') RETURNING id",
                        c.name, c.time_zone, c.shard)[0]
                      .as<clinic_id>();
  replace_key(tx, id, c.cliniko_key, c.shard, box);
  add_numbers(tx, id, c.numbers);
  add_agents(tx, id, c.agent_ids);
  return id;
}

std::vector<clinic_summary> list_clinics(pqxx::transaction_base& tx) {
  std::vector<clinic_summary> out;
  const auto rows = tx.exec(
      "SELECT c.id, c.name, c.timezone, c.cliniko_shard, c.active,"
      " coalesce((SELECT string_agg(e164, ',' ORDER BY e164) FROM clinic_numbers WHERE clinic_id = "
      "c.id), ''),"
      " coalesce((SELECT string_agg(agent_id, ',' ORDER BY agent_id) FROM clinic_agents WHERE "
      "clinic_id = c.id), ''),"
      " coalesce(extract(epoch from s.last_success_at)::bigint, 0), coalesce(s.last_error, '')"
      " FROM clinics c LEFT JOIN sync_state s ON s.clinic_id = c.id ORDER BY c.name");
  const auto split = [](const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start < text.size()) {
      auto comma = text.find(',', start);
      if (comma == std::string::npos) comma = text.size();
      items.push_back(text.substr(start, comma - start));
      start = comma + 1;
    }
    return items;
  };
  for (const auto& r : rows)
    out.push_back({r[0].as<clinic_id>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::string>(), r[4].as<bool>(), split(r[5].as<std::string>()),
                   split(r[6].as<std::string>()), r[7].as<std::int64_t>(), r[8].as<std::string>()});
  return out;
}

std::optional<clinic_record> find_clinic(pqxx::transaction_base& tx, const std::string& name) {
  const auto rows = tx.exec_params(
      "SELECT id, name, timezone, cliniko_shard, cliniko_key_sealed, active FROM clinics WHERE "
      "lower(name) = lower($1)",
      name);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return clinic_record{r[0].as<clinic_id>(),           r[1].as<std::string>(),
                       r[2].as<std::string>(),         r[3].as<std::string>(),
                       pqxx::binarystring(r[4]).str(), r[5].as<bool>()};
}

void rename_clinic(pqxx::transaction_base& tx, clinic_id id, const std::string& name) {
  tx.exec_params("UPDATE clinics SET name = $2, updated_at = now() WHERE id = $1", id, name);
}

void set_online_visibility(pqxx::transaction_base& tx, clinic_id id, const std::string& rule) {
  tx.exec_params("UPDATE clinics SET online_visibility = $2, updated_at = now() WHERE id = $1", id,
                 rule);
}

void set_time_zone(pqxx::transaction_base& tx, clinic_id id, const std::string& zone) {
  tx.exec_params("UPDATE clinics SET timezone = $2, updated_at = now() WHERE id = $1", id, zone);
}

void set_active(pqxx::transaction_base& tx, clinic_id id, bool active) {
  tx.exec_params("UPDATE clinics SET active = $2, updated_at = now() WHERE id = $1", id, active);
}

void replace_key(pqxx::transaction_base& tx, clinic_id id, const std::string& key,
                 const std::string& shard, const secret_box& box) {
  tx.exec_params(
      "UPDATE clinics SET cliniko_key_sealed = $2, cliniko_shard = $3, updated_at = now() WHERE id "
      "= $1",
      id, pqxx::binarystring(box.seal(key, key_context(id))), shard);
}

void add_numbers(pqxx::transaction_base& tx, clinic_id id,
                 const std::vector<std::string>& numbers) {
  for (const auto& n : numbers)
    tx.exec_params(
        "INSERT INTO clinic_numbers (e164, clinic_id) VALUES ($1, $2) ON CONFLICT (e164) DO "
        "NOTHING",
        n, id);
}

void remove_numbers(pqxx::transaction_base& tx, clinic_id id,
                    const std::vector<std::string>& numbers) {
  tx.exec_params("DELETE FROM clinic_numbers WHERE clinic_id = $1 AND e164 = ANY ($2::text[])", id,
                 to_text_array(numbers));
}

void add_agents(pqxx::transaction_base& tx, clinic_id id,
                const std::vector<std::string>& agent_ids) {
  for (const auto& a : agent_ids)
    tx.exec_params(
        "INSERT INTO clinic_agents (agent_id, clinic_id) VALUES ($1, $2) ON CONFLICT (agent_id) DO "
        "NOTHING",
        a, id);
}

void remove_agents(pqxx::transaction_base& tx, clinic_id id,
                   const std::vector<std::string>& agent_ids) {
  tx.exec_params("DELETE FROM clinic_agents WHERE clinic_id = $1 AND agent_id = ANY ($2::text[])",
                 id, to_text_array(agent_ids));
}

}  // namespace frontdesk::storage
