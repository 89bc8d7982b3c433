#include "storage/directory.hpp"

#include <pqxx/pqxx>

namespace frontdesk::storage {
namespace {

std::optional<clinic_record> one_clinic(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return clinic_record{r[0].as<clinic_id>(),           r[1].as<std::string>(),
                       r[2].as<std::string>(),         r[3].as<std::string>(),
                       pqxx::binarystring(r[4]).str(), true};
}

}  // namespace

domain::clinic_directory load_directory(pqxx::transaction_base& tx, clinic_id clinic) {
  domain::clinic_directory d;
  d.clinic_id = clinic;
  const auto c = tx.exec_params1(
      "SELECT name, coalesce(account_time_zone, ''), coalesce(slot_minutes, 0),"
      " coalesce(cancellation_notice_hours, -1), online_visibility = 'everything'"
      " FROM clinics WHERE id = $1",
      clinic);
  d.clinic_name = c[0].as<std::string>();
  d.account_zone = c[1].as<std::string>();
  d.slot_minutes = c[2].as<int>();
  d.cancellation_notice_hours = c[3].as<int>();
  d.lists_hidden = c[4].as<bool>();
  // Its locations' country, the most of them where they differ.
  d.country = tx.exec_params1(
                    "SELECT coalesce((SELECT country_code FROM locations"
                    " WHERE clinic_id = $1 AND NOT archived AND country_code <> ''"
                    " GROUP BY country_code ORDER BY count(*) DESC, country_code"
                    " LIMIT 1), '')",
                    clinic)[0]
                  .as<std::string>();
  for (const auto& r : tx.exec_params(
           "SELECT id, name, label, address, city, time_zone, online_bookings, coalesce(state, '')"
           " FROM locations"
           " WHERE clinic_id = $1 AND NOT archived ORDER BY name, id",
           clinic))
    d.locations.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                           r[6].as<bool>(), r[7].as<std::string>()});
  for (const auto& r : tx.exec_params(
           "SELECT id, display_name, first_name, last_name, designation, online_bookings,"
           " coalesce(default_service_id, '') FROM practitioners"
           " WHERE clinic_id = $1 AND active ORDER BY last_name, first_name, id",
           clinic))
    d.practitioners.push_back({r[0].as<std::string>(), r[1].as<std::string>(),
                               r[2].as<std::string>(), r[3].as<std::string>(),
                               r[4].as<std::string>(), r[5].as<bool>(), r[6].as<std::string>()});
  for (const auto& r :
       tx.exec_params("SELECT id, name, category, duration_minutes, online_bookings FROM services"
                      " WHERE clinic_id = $1 AND NOT archived ORDER BY name, id",
                      clinic))
    d.services.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                          r[3].as<int>(), r[4].as<bool>()});
  for (const auto& r : tx.exec_params(
           "SELECT o.location_id, o.practitioner_id, o.service_id, l.time_zone,"
           " l.online_bookings AND p.online_bookings AND s.online_bookings FROM offerings o"
           " JOIN locations l ON l.clinic_id = o.clinic_id AND l.id = o.location_id"
           " JOIN practitioners p ON p.clinic_id = o.clinic_id AND p.id = o.practitioner_id"
           " JOIN services s ON s.clinic_id = o.clinic_id AND s.id = o.service_id"
           " WHERE o.clinic_id = $1 ORDER BY o.practitioner_id, o.location_id, o.service_id",
           clinic))
    d.offerings.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<bool>(), d.account_zone});
  for (const auto& r : tx.exec_params(
           "SELECT pl.practitioner_id, pl.location_id FROM practitioner_locations pl"
           " JOIN practitioners p ON p.clinic_id = pl.clinic_id AND p.id = pl.practitioner_id"
           " JOIN locations l ON l.clinic_id = pl.clinic_id AND l.id = pl.location_id"
           " WHERE pl.clinic_id = $1 AND p.active AND NOT l.archived ORDER BY 1, 2",
           clinic))
    d.works_at.emplace_back(r[0].as<std::string>(), r[1].as<std::string>());
  return d;
}

std::optional<clinic_record> clinic_by_number(pqxx::transaction_base& tx, const std::string& e164) {
  return one_clinic(tx.exec_params(
      "SELECT c.id, c.name, c.timezone, c.cliniko_shard, c.cliniko_key_sealed FROM clinic_numbers n"
      " JOIN clinics c ON c.id = n.clinic_id WHERE n.e164 = $1 AND c.active",
      e164));
}

std::optional<clinic_record> clinic_by_agent(pqxx::transaction_base& tx,
                                             const std::string& agent_id) {
  return one_clinic(tx.exec_params(
      "SELECT c.id, c.name, c.timezone, c.cliniko_shard, c.cliniko_key_sealed FROM clinic_agents a"
      " JOIN clinics c ON c.id = a.clinic_id WHERE a.agent_id = $1 AND c.active",
      agent_id));
}

}  // namespace frontdesk::storage
