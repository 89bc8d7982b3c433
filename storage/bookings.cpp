#include "storage/bookings.hpp"

#include <pqxx/pqxx>

#include "storage/cluster.hpp"
#include "storage/local_copy.hpp"

namespace frontdesk::storage {
namespace {

const char* kind_name(intent_kind k) {
  switch (k) {
    case intent_kind::book:
      return "book";
    case intent_kind::move:
      return "move";
    case intent_kind::cancel:
      return "cancel";
  }
  return "book";
}

intent_kind kind_of(const std::string& name) {
  if (name == "move") return intent_kind::move;
  if (name == "cancel") return intent_kind::cancel;
  return intent_kind::book;
}

intent_state state_of(const std::string& name) {
  if (name == "done") return intent_state::done;
  if (name == "failed") return intent_state::failed;
  if (name == "released") return intent_state::released;
  return intent_state::pending;
}

const std::string intent_columns =
    "id, clinic_id, kind, state, request_key, session_id, patient_id, patient_name,"
    " practitioner_id, location_id, service_id, coalesce(extract(epoch from starts_at)::bigint, 0),"
    " coalesce(extract(epoch from ends_at)::bigint, 0), appointment_id, error,"
    " extract(epoch from created_at)::bigint";

booking_intent intent_of(const pqxx::row& r) {
  booking_intent i;
  i.id = r[0].as<std::int64_t>();
  i.clinic = r[1].as<std::int64_t>();
  i.kind = kind_of(r[2].as<std::string>());
  i.state = state_of(r[3].as<std::string>());
  i.request_key = r[4].as<std::string>();
  i.session_id = r[5].as<std::string>();
  i.patient_id = r[6].as<std::string>();
  i.patient_name = r[7].as<std::string>();
  i.practitioner_id = r[8].as<std::string>();
  i.location_id = r[9].as<std::string>();
  i.service_id = r[10].as<std::string>();
  i.starts_at = r[11].as<std::int64_t>();
  i.ends_at = r[12].as<std::int64_t>();
  i.appointment_id = r[13].as<std::string>();
  i.error = r[14].as<std::string>();
  i.created_at = r[15].as<std::int64_t>();
  return i;
}

std::optional<booking_intent> live_request(pqxx::transaction_base& tx, clinic_id clinic,
                                           const std::string& key) {
  const auto rows = tx.exec_params("SELECT " + intent_columns +
                                       " FROM booking_intents WHERE clinic_id = $1"
                                       " AND request_key = $2 AND state IN ('pending', 'done')",
                                   clinic, key);
  if (rows.empty()) return std::nullopt;
  return intent_of(rows[0]);
}

// Claims of the appointment other than intent `keep` no longer hold its time.
void release_claims_of(pqxx::transaction_base& tx, clinic_id clinic,
                       const std::string& appointment_id, std::int64_t keep) {
  if (appointment_id.empty()) return;
  tx.exec_params(
      "UPDATE booking_intents SET state = 'released' WHERE clinic_id = $1 AND appointment_id = $2"
      " AND id <> $3 AND kind IN ('book', 'move') AND state = 'done'",
      clinic, appointment_id, keep);
}

constexpr const char* exclusion_violation = "23P01";

}  // namespace

// Pending, and no call of its node's current run can be finishing it.
bool orphaned(pqxx::transaction_base& tx, const booking_intent& intent) {
  if (intent.state != intent_state::pending) return false;
  return tx
      .exec_params1(
          "SELECT b.node <> '' AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.name = b.node"
          " AND n.last_seen > now() - make_interval(secs => $2)"
          " AND n.started_at <= b.created_at) FROM booking_intents b WHERE b.id = $1",
          intent.id, static_cast<double>(node_gone_after.count()))[0]
      .as<bool>();
}

claim_outcome claim(pqxx::dbtransaction& tx, booking_intent intent, const std::string& node) {
  // Claims on one practitioner queue here, so each sees the ones before it committed (the same
  // request included: its key names the practitioner). Without this, two conflicting inserts can
  // each wait for the other inside the exclusion check until PostgreSQL breaks the deadlock a
  // second later.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended($1, $2))", intent.practitioner_id,
                 intent.clinic);
  if (auto earlier = live_request(tx, intent.clinic, intent.request_key)) {
    const bool left = orphaned(tx, *earlier);
    return {claim_outcome::kind::repeated, std::move(*earlier), left};
  }
  if (intent.kind == intent_kind::move)
    release_claims_of(tx, intent.clinic, intent.appointment_id, 0);
  try {
    pqxx::subtransaction attempt{tx, "claim"};
    const auto row = attempt.exec_params1(
        "INSERT INTO booking_intents (clinic_id, kind, request_key, session_id, patient_id,"
        " patient_name, practitioner_id, location_id, service_id, starts_at, ends_at,"
        " appointment_id, node) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
        " to_timestamp(nullif($10, 0)), to_timestamp(nullif($11, 0)), $12, $13)"
        " RETURNING id, extract(epoch from created_at)::bigint",
        intent.clinic, kind_name(intent.kind), intent.request_key, intent.session_id,
        intent.patient_id, intent.patient_name, intent.practitioner_id, intent.location_id,
        intent.service_id, intent.starts_at, intent.ends_at, intent.appointment_id, node);
    attempt.commit();
    intent.id = row[0].as<std::int64_t>();
    intent.created_at = row[1].as<std::int64_t>();
    return {claim_outcome::kind::claimed, std::move(intent)};
  } catch (const pqxx::sql_error& e) {
    if (e.sqlstate() == exclusion_violation) return {claim_outcome::kind::taken, std::move(intent)};
    throw;
  }
}

void complete_intent(pqxx::transaction_base& tx, clinic_id clinic, std::int64_t id,
                     const appointment& a) {
  // The row's new version is checked by the exclusion constraint like an insert: it queues with
  // the claims on its practitioner, or a claim inserting meanwhile and this update each wait for
  // the other until PostgreSQL aborts one of them a second later.
  tx.exec_params(
      "SELECT pg_advisory_xact_lock(hashtextextended(practitioner_id, clinic_id))"
      " FROM booking_intents WHERE id = $1 AND clinic_id = $2",
      id, clinic);
  save_appointments(tx, clinic, {a});
  const auto kind =
      tx.exec_params1(
            "UPDATE booking_intents SET state = 'done', completed_at = now(), appointment_id = $3"
            " WHERE id = $1 AND clinic_id = $2 RETURNING kind",
            id, clinic, a.id)[0]
          .as<std::string>();
  if (kind != "book") release_claims_of(tx, clinic, a.id, id);
}

void fail_intent(pqxx::transaction_base& tx, std::int64_t id, const std::string& why) {
  tx.exec_params(
      "UPDATE booking_intents SET state = 'failed', completed_at = now(), error = $2 WHERE id = $1",
      id, why);
}

std::vector<appointment> held_claims(pqxx::transaction_base& tx, clinic_id clinic,
                                     const std::string& practitioner, unix_seconds from,
                                     unix_seconds to) {
  std::vector<appointment> out;
  for (const auto& r : tx.exec_params(
           "SELECT extract(epoch from starts_at)::bigint, extract(epoch from ends_at)::bigint"
           " FROM booking_intents WHERE clinic_id = $1 AND practitioner_id = $2"
           " AND kind IN ('book', 'move') AND state IN ('pending', 'done')"
           " AND tstzrange(starts_at, ends_at) && tstzrange(to_timestamp($3), to_timestamp($4))",
           clinic, practitioner, from, to)) {
    appointment a;
    a.starts_at = r[0].as<unix_seconds>();
    a.ends_at = r[1].as<unix_seconds>();
    a.practitioner_id = practitioner;
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<booking_intent> pending_intents(pqxx::transaction_base& tx, std::int64_t seconds) {
  std::vector<booking_intent> out;
  for (const auto& r : tx.exec_params("SELECT " + intent_columns +
                                          " FROM booking_intents WHERE state = 'pending'"
                                          " AND created_at < now() - make_interval(secs => $1)"
                                          " ORDER BY created_at",
                                      seconds))
    out.push_back(intent_of(r));
  return out;
}

void release_stale_claims(pqxx::transaction_base& tx, clinic_id clinic) {
  tx.exec_params(
      "UPDATE booking_intents b SET state = 'released' FROM appointments a"
      " WHERE b.clinic_id = $1 AND b.state = 'done' AND b.kind IN ('book', 'move')"
      " AND a.clinic_id = b.clinic_id AND a.id = b.appointment_id"
      " AND (a.cancelled_at IS NOT NULL OR a.archived OR a.starts_at <> b.starts_at"
      "      OR a.practitioner_id <> b.practitioner_id)",
      clinic);
}

namespace {

// Live appointments of the patients with this number on one side of `at`: from it on, soonest
// first; or before it, newest first, the latest 20.
std::vector<appointment> by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                  const std::string& e164, unix_seconds at, bool upcoming) {
  std::string query =
      "SELECT DISTINCT a.id, extract(epoch from a.starts_at)::bigint,"
      " extract(epoch from a.ends_at)::bigint, a.patient_id, a.practitioner_id,"
      " a.location_id, a.service_id, a.patient_name, a.notes"
      " FROM appointments a JOIN patient_phones p"
      "   ON p.clinic_id = a.clinic_id AND p.patient_id = a.patient_id"
      " WHERE a.clinic_id = $1 AND p.e164 = $2 AND a.cancelled_at IS NULL AND NOT a.archived";
  query.append(upcoming ? " AND a.starts_at >= to_timestamp($3) ORDER BY 2"
                        : " AND a.starts_at < to_timestamp($3) ORDER BY 2 DESC LIMIT 20");
  std::vector<appointment> out;
  for (const auto& r : tx.exec_params(query, clinic, e164, at)) {
    appointment a;
    a.id = r[0].as<std::string>();
    a.starts_at = r[1].as<std::int64_t>();
    a.ends_at = r[2].as<std::int64_t>();
    a.patient_id = r[3].as<std::string>();
    a.practitioner_id = r[4].as<std::string>();
    a.business_id = r[5].as<std::string>();
    a.appointment_type_id = r[6].as<std::string>();
    a.patient_name = r[7].as<std::string>();
    a.notes = r[8].as<std::string>();
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::vector<appointment> upcoming_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                           const std::string& e164, unix_seconds from) {
  return by_phone(tx, clinic, e164, from, true);
}

std::vector<appointment> history_by_phone(pqxx::transaction_base& tx, clinic_id clinic,
                                          const std::string& e164, unix_seconds before) {
  return by_phone(tx, clinic, e164, before, false);
}

}  // namespace frontdesk::storage
