#include "storage/local_copy.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <set>

#include "domain/phone.hpp"

namespace frontdesk::storage {
namespace {

// Timestamps travel as UNIX seconds; 0 is NULL.
std::string epoch(std::string_view column) {
  std::string sql = "coalesce(extract(epoch from ";
  sql += column;
  sql += ")::bigint, 0)";
  return sql;
}

template <class T>
std::vector<std::string> ids_of(const std::vector<T>& records) {
  std::vector<std::string> ids;
  ids.reserve(records.size());
  for (const auto& r : records) ids.push_back(r.id);
  return ids;
}

void save_locations(pqxx::transaction_base& tx, clinic_id clinic,
                    const std::vector<business>& businesses) {
  for (const auto& b : businesses)
    tx.exec_params(
        "INSERT INTO locations (clinic_id, id, name, label, address, city, state, post_code, "
        "time_zone,"
        " service_ids, archived, online_bookings, country_code, synced_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, now())"
        " ON CONFLICT (clinic_id, id) DO UPDATE SET name = EXCLUDED.name, label = EXCLUDED.label,"
        " address = EXCLUDED.address, city = EXCLUDED.city, state = EXCLUDED.state,"
        " post_code = EXCLUDED.post_code, time_zone = EXCLUDED.time_zone,"
        " service_ids = EXCLUDED.service_ids, archived = EXCLUDED.archived,"
        " online_bookings = EXCLUDED.online_bookings, country_code = EXCLUDED.country_code,"
        " synced_at = now()",
        clinic, b.id, b.name, b.label, b.address, b.city, b.state, b.post_code, b.time_zone,
        to_text_array(b.appointment_type_ids), b.archived, b.online_bookings, b.country_code);
  tx.exec_params(
      "UPDATE locations SET archived = true WHERE clinic_id = $1 AND NOT (id = ANY ($2::text[]))",
      clinic, to_text_array(ids_of(businesses)));
}

void save_practitioners(pqxx::transaction_base& tx, clinic_id clinic,
                        const std::vector<practitioner>& people) {
  for (const auto& p : people)
    tx.exec_params(
        "INSERT INTO practitioners (clinic_id, id, first_name, last_name, title, designation, "
        "display_name,"
        " active, online_bookings, default_service_id, synced_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nullif($10, ''), now())"
        " ON CONFLICT (clinic_id, id) DO UPDATE SET first_name = EXCLUDED.first_name,"
        " last_name = EXCLUDED.last_name, title = EXCLUDED.title, designation = "
        "EXCLUDED.designation,"
        " display_name = EXCLUDED.display_name, active = EXCLUDED.active,"
        " online_bookings = EXCLUDED.online_bookings,"
        " default_service_id = EXCLUDED.default_service_id, synced_at = now()",
        clinic, p.id, p.first_name, p.last_name, p.title, p.designation, p.display_name, p.active,
        p.online_bookings, p.default_service_id);
  tx.exec_params(
      "UPDATE practitioners SET active = false WHERE clinic_id = $1 AND NOT (id = ANY "
      "($2::text[]))",
      clinic, to_text_array(ids_of(people)));
}

void save_services(pqxx::transaction_base& tx, clinic_id clinic,
                   const std::vector<appointment_type>& types) {
  for (const auto& t : types)
    tx.exec_params(
        "INSERT INTO services (clinic_id, id, name, category, description, duration_minutes, "
        "archived,"
        " online_bookings, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())"
        " ON CONFLICT (clinic_id, id) DO UPDATE SET name = EXCLUDED.name, category = "
        "EXCLUDED.category,"
        " description = EXCLUDED.description, duration_minutes = EXCLUDED.duration_minutes,"
        " archived = EXCLUDED.archived, online_bookings = EXCLUDED.online_bookings, synced_at = "
        "now()",
        clinic, t.id, t.name, t.category, t.description, t.duration_minutes, t.archived,
        t.online_bookings);
  tx.exec_params(
      "UPDATE services SET archived = true WHERE clinic_id = $1 AND NOT (id = ANY ($2::text[]))",
      clinic, to_text_array(ids_of(types)));
}

// Pairs naming a record the directory does not have are dropped (the foreign keys would refuse
// them, and Cliniko can list a practitioner it no longer shows elsewhere).
void save_links(pqxx::transaction_base& tx, clinic_id clinic, const directory_snapshot& s) {
  tx.exec_params("DELETE FROM practitioner_locations WHERE clinic_id = $1", clinic);
  tx.exec_params("DELETE FROM practitioner_services WHERE clinic_id = $1", clinic);
  for (const auto& roster : s.rosters)
    tx.exec_params(
        "INSERT INTO practitioner_locations (clinic_id, practitioner_id, location_id)"
        " SELECT $1, p.id, $2 FROM practitioners p WHERE p.clinic_id = $1 AND p.id = ANY "
        "($3::text[])"
        " AND EXISTS (SELECT 1 FROM locations l WHERE l.clinic_id = $1 AND l.id = $2)"
        " ON CONFLICT DO NOTHING",
        clinic, roster.business_id, to_text_array(roster.practitioner_ids));
  for (const auto& offered : s.services)
    tx.exec_params(
        "INSERT INTO practitioner_services (clinic_id, practitioner_id, service_id)"
        " SELECT $1, $2, t.id FROM services t WHERE t.clinic_id = $1 AND t.id = ANY ($3::text[])"
        " AND EXISTS (SELECT 1 FROM practitioners p WHERE p.clinic_id = $1 AND p.id = $2)"
        " ON CONFLICT DO NOTHING",
        clinic, offered.practitioner_id, to_text_array(offered.appointment_type_ids));
}

patient patient_from(const pqxx::row& row) {
  patient p;
  p.id = row["id"].as<std::string>();
  p.first_name = row["first_name"].as<std::string>();
  p.last_name = row["last_name"].as<std::string>();
  p.preferred_first_name = row["preferred_first_name"].as<std::string>();
  p.email = row["email"].as<std::string>();
  p.date_of_birth = row["date_of_birth"].as<std::string>();
  p.archived = row["archived"].as<bool>();
  p.updated_at = row["updated"].as<std::int64_t>();
  return p;
}

}  // namespace

std::string to_text_array(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::vector<clinic_record> active_clinics(pqxx::transaction_base& tx) {
  std::vector<clinic_record> out;
  for (const auto& row :
       tx.exec("SELECT id, name, timezone, cliniko_shard, cliniko_key_sealed FROM clinics"
               " WHERE active ORDER BY id"))
    out.push_back({row[0].as<clinic_id>(), row[1].as<std::string>(), row[2].as<std::string>(),
                   row[3].as<std::string>(), pqxx::binarystring(row[4]).str(), true});
  return out;
}

void save_account_settings(pqxx::transaction_base& tx, clinic_id clinic,
                           const account_settings& s) {
  // Unknown values are stored as NULL: no zone, no slot size, or a notice the key may not see.
  tx.exec_params(
      "UPDATE clinics SET account_time_zone = nullif($2, ''), slot_minutes = nullif($3, 0),"
      " settings_readable = $4, cancellation_notice_hours = nullif($5, -1), updated_at = now()"
      " WHERE id = $1",
      clinic, s.time_zone, std::max(0, s.slot_minutes), s.full,
      s.full ? std::max(-1, s.cancellation_notice_hours) : -1);
}

void save_directory(pqxx::transaction_base& tx, clinic_id clinic,
                    const directory_snapshot& snapshot) {
  save_account_settings(tx, clinic, snapshot.settings);
  save_locations(tx, clinic, snapshot.businesses);
  save_practitioners(tx, clinic, snapshot.practitioners);
  save_services(tx, clinic, snapshot.appointment_types);
  save_links(tx, clinic, snapshot);
}

void save_appointments(pqxx::transaction_base& tx, clinic_id clinic,
                       const std::vector<appointment>& appointments) {
  for (const auto& a : appointments)
    tx.exec_params(
        "INSERT INTO appointments (clinic_id, id, starts_at, ends_at, patient_id, practitioner_id, "
        "location_id,"
        " service_id, patient_name, notes, cancelled_at, archived, cliniko_updated_at, synced_at)"
        " VALUES ($1, $2, to_timestamp($3), to_timestamp($4), $5, $6, $7, $8, $9, $10,"
        " to_timestamp(nullif($11, 0)), $12, to_timestamp(nullif($13, 0)), now())"
        " ON CONFLICT (clinic_id, id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = "
        "EXCLUDED.ends_at,"
        " patient_id = EXCLUDED.patient_id, practitioner_id = EXCLUDED.practitioner_id,"
        " location_id = EXCLUDED.location_id, service_id = EXCLUDED.service_id,"
        " patient_name = EXCLUDED.patient_name, notes = EXCLUDED.notes, cancelled_at = "
        "EXCLUDED.cancelled_at,"
        " archived = EXCLUDED.archived, cliniko_updated_at = EXCLUDED.cliniko_updated_at, "
        "synced_at = now()",
        clinic, a.id, a.starts_at, a.ends_at, a.patient_id, a.practitioner_id, a.business_id,
        a.appointment_type_id, a.patient_name, a.notes, a.cancelled_at, a.archived, a.updated_at);
}

void archive_missing_appointments(pqxx::transaction_base& tx, clinic_id clinic, unix_seconds from,
                                  const std::vector<appointment>& present) {
  tx.exec_params(
      "UPDATE appointments SET archived = true, synced_at = now() WHERE clinic_id = $1"
      " AND starts_at >= to_timestamp($2) AND NOT archived AND NOT (id = ANY ($3::text[]))",
      clinic, from, to_text_array(ids_of(present)));
}

std::int64_t save_patients(pqxx::transaction_base& tx, clinic_id clinic,
                           const std::vector<patient>& patients, const std::string& region) {
  std::int64_t unreadable = 0;
  for (const auto& p : patients) {
    tx.exec_params(
        "INSERT INTO patients (clinic_id, id, first_name, last_name, preferred_first_name, email, "
        "date_of_birth,"
        " archived, cliniko_updated_at, synced_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " to_timestamp(nullif($9, 0)), now())"
        " ON CONFLICT (clinic_id, id) DO UPDATE SET first_name = EXCLUDED.first_name,"
        " last_name = EXCLUDED.last_name, preferred_first_name = EXCLUDED.preferred_first_name,"
        " email = EXCLUDED.email, date_of_birth = EXCLUDED.date_of_birth, archived = "
        "EXCLUDED.archived,"
        " cliniko_updated_at = EXCLUDED.cliniko_updated_at, synced_at = now()",
        clinic, p.id, p.first_name, p.last_name, p.preferred_first_name, p.email, p.date_of_birth,
        p.archived, p.updated_at);
    tx.exec_params("DELETE FROM patient_phones WHERE clinic_id = $1 AND patient_id = $2", clinic,
                   p.id);
    std::set<std::string> indexed;
    for (const auto& phone : p.phones) {
      const auto e164 = domain::to_e164(phone.number, region);
      if (!e164) {
        ++unreadable;
        continue;
      }
      if (!indexed.insert(*e164).second) continue;
      tx.exec_params(
          "INSERT INTO patient_phones (clinic_id, patient_id, e164, phone_type) VALUES ($1, $2, "
          "$3, $4)",
          clinic, p.id, *e164, phone.type);
    }
  }
  return unreadable;
}

sync_state read_sync_state(pqxx::transaction_base& tx, clinic_id clinic) {
  const auto rows = tx.exec_params(
      "SELECT " + epoch("directory_synced_at") + ", " + epoch("appointments_watermark") + ", " +
          epoch("patients_watermark") + ", " + epoch("last_success_at") +
          ", last_error FROM sync_state WHERE clinic_id = $1",
      clinic);
  if (rows.empty()) return {};
  const auto& r = rows[0];
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(),
          r[3].as<std::int64_t>(), r[4].as<std::string>()};
}

void write_sync_state(pqxx::transaction_base& tx, clinic_id clinic, const sync_state& s) {
  tx.exec_params(
      "INSERT INTO sync_state (clinic_id, directory_synced_at, appointments_watermark, "
      "patients_watermark,"
      " last_success_at, last_attempt_at, last_error)"
      " VALUES ($1, to_timestamp(nullif($2, 0)), to_timestamp(nullif($3, 0)), "
      "to_timestamp(nullif($4, 0)),"
      " to_timestamp(nullif($5, 0)), now(), $6)"
      " ON CONFLICT (clinic_id) DO UPDATE SET directory_synced_at = EXCLUDED.directory_synced_at,"
      " appointments_watermark = EXCLUDED.appointments_watermark, patients_watermark = "
      "EXCLUDED.patients_watermark,"
      " last_success_at = EXCLUDED.last_success_at, last_attempt_at = now(), last_error = "
      "EXCLUDED.last_error",
      clinic, s.directory_synced_at, s.appointments_watermark, s.patients_watermark,
      s.last_success_at, s.last_error);
}

local_counts count_local_copy(pqxx::transaction_base& tx, clinic_id clinic) {
  const auto r = tx.exec_params1(
      "SELECT (SELECT count(*) FROM locations WHERE clinic_id = $1 AND NOT archived),"
      " (SELECT count(*) FROM practitioners WHERE clinic_id = $1 AND active),"
      " (SELECT count(*) FROM services WHERE clinic_id = $1 AND NOT archived),"
      " (SELECT count(*) FROM offerings WHERE clinic_id = $1),"
      " (SELECT count(*) FROM appointments WHERE clinic_id = $1 AND NOT archived AND cancelled_at "
      "IS NULL),"
      " (SELECT count(*) FROM patients WHERE clinic_id = $1 AND NOT archived),"
      " (SELECT count(*) FROM patient_phones ph JOIN patients p ON p.clinic_id = ph.clinic_id"
      "  AND p.id = ph.patient_id WHERE ph.clinic_id = $1 AND NOT p.archived)",
      clinic);
  return {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>(),
          r[3].as<std::int64_t>(), r[4].as<std::int64_t>(), r[5].as<std::int64_t>(),
          r[6].as<std::int64_t>()};
}

std::vector<patient> patient_by_id(pqxx::transaction_base& tx, clinic_id clinic,
                                   const std::string& id) {
  std::vector<patient> out;
  for (const auto& row : tx.exec_params(
           "SELECT p.id, p.first_name, p.last_name, p.preferred_first_name, p.email, "
           "p.date_of_birth, p.archived, " +
               epoch("p.cliniko_updated_at") +
               " AS updated FROM patients p WHERE p.clinic_id = $1 AND p.id = $2 AND NOT "
               "p.archived",
           clinic, id))
    out.push_back(patient_from(row));
  return out;
}

std::vector<patient> patients_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                       const std::string& e164) {
  std::vector<patient> out;
  const auto rows = tx.exec_params(
      "SELECT p.id, p.first_name, p.last_name, p.preferred_first_name, p.email, p.date_of_birth, "
      "p.archived, " +
          epoch("p.cliniko_updated_at") +
          " AS updated FROM patient_phones ph JOIN patients p ON p.clinic_id = ph.clinic_id AND "
          "p.id = ph.patient_id"
          " WHERE ph.clinic_id = $1 AND ph.e164 = $2 AND NOT p.archived ORDER BY p.last_name, "
          "p.first_name, p.id",
      clinic, e164);
  for (const auto& row : rows) {
    auto p = patient_from(row);
    for (const auto& phone :
         tx.exec_params("SELECT phone_type, e164 FROM patient_phones WHERE clinic_id = $1"
                        " AND patient_id = $2 ORDER BY e164",
                        clinic, p.id))
      p.phones.push_back({phone[0].as<std::string>(), phone[1].as<std::string>()});
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace frontdesk::storage
