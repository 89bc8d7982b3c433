#include "storage/operators.hpp"

#include <pqxx/pqxx>

namespace frontdesk::storage {
namespace {

// The clinics an operator sees, filled into `o`.
void with_clinics(pqxx::transaction_base& tx, operator_row& o) {
  const auto rows = o.all_clinics
                        ? tx.exec("SELECT id, name FROM clinics ORDER BY name")
                        : tx.exec_params(
                              "SELECT c.id, c.name FROM operator_clinics oc JOIN clinics c"
                              " ON c.id = oc.clinic_id WHERE oc.operator_id = $1"
                              " ORDER BY c.name",
                              o.id);
  for (const auto& r : rows) {
    o.clinic_ids.push_back(r[0].as<std::int64_t>());
    o.clinic_names.push_back(r[1].as<std::string>());
  }
}

std::optional<operator_row> one(pqxx::transaction_base& tx, const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  operator_row o{rows[0][0].as<std::int64_t>(),
                 rows[0][1].as<std::string>(),
                 rows[0][2].as<std::string>(),
                 rows[0][3].as<bool>(),
                 {},
                 {}};
  with_clinics(tx, o);
  return o;
}

constexpr const char* columns = "SELECT id, email, password_hash, all_clinics FROM operators";

}  // namespace

bool add_operator(pqxx::transaction_base& tx, const std::string& email,
                  const std::string& password_hash, bool all_clinics,
                  const std::vector<std::int64_t>& clinic_ids) {
  const auto added = tx.exec_params(
      "INSERT INTO operators (email, password_hash, all_clinics) VALUES ($1, $2, $3)"
      " ON CONFLICT (email) DO NOTHING RETURNING id",
      email, password_hash, all_clinics);
  if (added.empty()) return false;
  for (const auto clinic : clinic_ids)
    tx.exec_params("INSERT INTO operator_clinics (operator_id, clinic_id) VALUES ($1, $2)",
                   added[0][0].as<std::int64_t>(), clinic);
  return true;
}

std::vector<operator_row> list_operators(pqxx::transaction_base& tx) {
  std::vector<operator_row> out;
  for (const auto& r : tx.exec(std::string(columns) + " ORDER BY email")) {
    operator_row o{r[0].as<std::int64_t>(),
                   r[1].as<std::string>(),
                   r[2].as<std::string>(),
                   r[3].as<bool>(),
                   {},
                   {}};
    with_clinics(tx, o);
    out.push_back(std::move(o));
  }
  return out;
}

std::optional<operator_row> find_operator(pqxx::transaction_base& tx, const std::string& email) {
  return one(tx, tx.exec_params(std::string(columns) + " WHERE email = $1", email));
}

std::optional<operator_row> operator_by_id(pqxx::transaction_base& tx, std::int64_t id) {
  return one(tx, tx.exec_params(std::string(columns) + " WHERE id = $1", id));
}

bool remove_operator(pqxx::transaction_base& tx, const std::string& email) {
  return tx.exec_params("DELETE FROM operators WHERE email = $1", email).affected_rows() > 0;
}

bool set_password(pqxx::transaction_base& tx, const std::string& email,
                  const std::string& password_hash) {
  const auto changed =
      tx.exec_params("UPDATE operators SET password_hash = $2 WHERE email = $1 RETURNING id", email,
                     password_hash);
  if (changed.empty()) return false;
  tx.exec_params("DELETE FROM console_sessions WHERE operator_id = $1",
                 changed[0][0].as<std::int64_t>());
  forget_failures(tx, "account", email);
  return true;
}

void open_session(pqxx::transaction_base& tx, const std::string& token_hash,
                  std::int64_t operator_id, const std::string& csrf, unix_seconds expires_at) {
  tx.exec_params(
      "INSERT INTO console_sessions (token_hash, operator_id, csrf, expires_at)"
      " VALUES ($1, $2, $3, to_timestamp($4))",
      token_hash, operator_id, csrf, expires_at);
}

std::optional<console_session> session_of(pqxx::transaction_base& tx, const std::string& token_hash,
                                          unix_seconds now, std::int64_t idle_seconds) {
  const auto rows = tx.exec_params(
      "UPDATE console_sessions SET last_seen = to_timestamp($2)"
      " WHERE token_hash = $1 AND expires_at > to_timestamp($2)"
      "   AND last_seen > to_timestamp($2) - make_interval(secs => $3)"
      " RETURNING operator_id, csrf",
      token_hash, now, idle_seconds);
  if (rows.empty()) return std::nullopt;
  return console_session{rows[0][0].as<std::int64_t>(), rows[0][1].as<std::string>()};
}

void close_session(pqxx::transaction_base& tx, const std::string& token_hash) {
  tx.exec_params("DELETE FROM console_sessions WHERE token_hash = $1", token_hash);
}

login_failures failures_of(pqxx::transaction_base& tx, const std::string& kind,
                           const std::string& key) {
  const auto rows = tx.exec_params(
      "SELECT failures, extract(epoch FROM last_failure)::bigint,"
      " coalesce(extract(epoch FROM locked_until)::bigint, 0)"
      " FROM console_login_failures WHERE kind = $1 AND key = $2",
      kind, key);
  if (rows.empty()) return {};
  return {rows[0][0].as<int>(), rows[0][1].as<unix_seconds>(), rows[0][2].as<unix_seconds>()};
}

void write_failures(pqxx::transaction_base& tx, const std::string& kind, const std::string& key,
                    const login_failures& f) {
  tx.exec_params(
      "INSERT INTO console_login_failures (kind, key, failures, last_failure, locked_until)"
      " VALUES ($1, $2, $3, to_timestamp($4), CASE WHEN $5 = 0 THEN NULL ELSE to_timestamp($5) END)"
      " ON CONFLICT (kind, key) DO UPDATE SET failures = EXCLUDED.failures,"
      " last_failure = EXCLUDED.last_failure, locked_until = EXCLUDED.locked_until",
      kind, key, f.failures, f.last_failure, f.locked_until);
}

void forget_failures(pqxx::transaction_base& tx, const std::string& kind, const std::string& key) {
  tx.exec_params("DELETE FROM console_login_failures WHERE kind = $1 AND key = $2", kind, key);
}

void audit(pqxx::transaction_base& tx, const operator_row& who, const std::string& action,
           const std::string& conversation_id) {
  tx.exec_params(
      "INSERT INTO console_audit (operator_id, operator_email, action, conversation_id)"
      " VALUES ($1, $2, $3, $4)",
      who.id, who.email, action, conversation_id);
}

std::vector<audit_row> audit_of(pqxx::transaction_base& tx, const std::string& conversation_id) {
  std::vector<audit_row> out;
  for (const auto& r : tx.exec_params(
           "SELECT operator_email, action, conversation_id, extract(epoch FROM at)::bigint"
           " FROM console_audit WHERE conversation_id = $1 ORDER BY at, id",
           conversation_id))
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<unix_seconds>()});
  return out;
}

}  // namespace frontdesk::storage
