#include "storage/calls.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <span>

#include "domain/call_report.hpp"

namespace frontdesk::storage {
namespace {

// A sealed value; the queries read an empty one as NULL (nullif(.., ''::bytea)).
pqxx::binarystring sealed(const std::string& value) {
  return pqxx::binarystring(value);
}

std::string bytes(const pqxx::field& f) {
  return f.is_null() ? std::string{} : pqxx::binarystring(f).str();
}

// The call's row, in one statement: each kind of event fills in what it knows, whichever came
// first.
void update_call(pqxx::transaction_base& tx, const stored_event& e, std::int64_t clinic) {
  const auto& ev = e.event;
  constexpr const char* insert =
      "INSERT INTO calls (conversation_id, clinic_id, agent_id, received_at, expires_at, status,"
      " outcome, termination_reason, started_at, duration_secs, tool_calls, tool_errors,"
      " slow_tools, unserved_tools, caller_sealed, title_sealed, summary_sealed, details_sealed,"
      " missed, failure_reason, has_audio) VALUES ($1, nullif($2, 0), $3, to_timestamp($4),"
      " to_timestamp($5), $6, coalesce(nullif($7, ''), 'unknown'), $8, to_timestamp(nullif($9, 0)),"
      " $10, $11, $12, $13, $14, nullif($15, ''::bytea), nullif($16, ''::bytea),"
      " nullif($17, ''::bytea), nullif($18, ''::bytea), $19, $20, $21)"
      " ON CONFLICT (conversation_id) DO UPDATE SET clinic_id = coalesce(calls.clinic_id, "
      "EXCLUDED.clinic_id), ";
  std::string query = insert;
  if (describes_call(ev)) {
    query +=
        "status = EXCLUDED.status, outcome = EXCLUDED.outcome, termination_reason ="
        " EXCLUDED.termination_reason, started_at = EXCLUDED.started_at, duration_secs ="
        " EXCLUDED.duration_secs, tool_calls = EXCLUDED.tool_calls, tool_errors ="
        " EXCLUDED.tool_errors, slow_tools = EXCLUDED.slow_tools, unserved_tools ="
        " EXCLUDED.unserved_tools, caller_sealed = EXCLUDED.caller_sealed, title_sealed ="
        " EXCLUDED.title_sealed, summary_sealed = EXCLUDED.summary_sealed, details_sealed ="
        " EXCLUDED.details_sealed";
  } else if (ev.type == "call_initiation_failure") {
    query +=
        "missed = true, failure_reason = EXCLUDED.failure_reason, status = EXCLUDED.status,"
        " caller_sealed = coalesce(calls.caller_sealed, EXCLUDED.caller_sealed)";
  } else if (ev.type == "post_call_audio") {
    query += "has_audio = true";
  } else {
    return;
  }
  const bool transcription = describes_call(ev);
  const bool missed = ev.type == "call_initiation_failure";
  const auto report = transcription
                          ? domain::report_call(ev.tool_calls, served_in(tx, ev.conversation_id))
                          : domain::call_report{};
  tx.exec_params(query, ev.conversation_id, clinic, ev.agent_id, e.received_at, e.expires_at,
                 missed ? std::string("failed") : ev.status, ev.outcome, ev.termination_reason,
                 ev.started_at, ev.duration_secs, static_cast<int>(ev.tool_calls.size()),
                 report.errors, report.slow, report.unserved, sealed(e.caller), sealed(e.title),
                 sealed(e.summary), sealed(e.details), missed,
                 missed ? (ev.failure_reason.empty() ? "unknown" : ev.failure_reason) : "",
                 ev.type == "post_call_audio");
}

call_row row_of(const pqxx::row& r) {
  call_row c;
  c.conversation_id = r[0].as<std::string>();
  c.clinic = r[1].is_null() ? std::string{} : r[1].as<std::string>();
  c.status = r[2].as<std::string>();
  c.outcome = r[3].as<std::string>();
  c.missed = r[4].as<bool>();
  c.failure_reason = r[5].as<std::string>();
  c.termination_reason = r[6].as<std::string>();
  c.started_at = r[7].is_null() ? 0 : r[7].as<std::int64_t>();
  c.received_at = r[8].as<std::int64_t>();
  c.duration_secs = r[9].as<std::int64_t>();
  c.tool_calls = r[10].as<int>();
  c.tool_errors = r[11].as<int>();
  c.slow_tools = r[12].as<int>();
  c.unserved_tools = r[13].as<int>();
  c.has_audio = r[14].as<bool>();
  c.caller = bytes(r[15]);
  c.title = bytes(r[16]);
  c.summary = bytes(r[17]);
  c.details = bytes(r[18]);
  return c;
}

constexpr const char* call_columns =
    "SELECT c.conversation_id, k.name, c.status, c.outcome, c.missed, c.failure_reason,"
    " c.termination_reason, extract(epoch from c.started_at)::bigint,"
    " extract(epoch from c.received_at)::bigint, c.duration_secs, c.tool_calls, c.tool_errors,"
    " c.slow_tools, c.unserved_tools, c.has_audio, c.caller_sealed, c.title_sealed,"
    " c.summary_sealed, c.details_sealed FROM calls c LEFT JOIN clinics k ON k.id = c.clinic_id";

}  // namespace

std::string call_context(const std::string& conversation_id, std::string_view field) {
  std::string context = "call:";
  context.append(conversation_id).append(":").append(field);
  return context;
}

event_fate store_event(pqxx::transaction_base& tx, const stored_event& e) {
  const auto& ev = e.event;
  // The clinic by its agent, else by the number called.
  const auto inserted = tx.exec_params(
      "INSERT INTO call_events (event_key, event_type, conversation_id, clinic_id, received_at,"
      " event_at, raw_sealed, expires_at) VALUES ($1, $2, $3,"
      " (SELECT coalesce((SELECT clinic_id FROM clinic_agents WHERE agent_id = $4 LIMIT 1),"
      "   (SELECT clinic_id FROM clinic_numbers WHERE e164 = $5 LIMIT 1))),"
      " to_timestamp($6), to_timestamp(nullif($7, 0)), nullif($8, ''::bytea), to_timestamp($9))"
      " ON CONFLICT (event_key) DO NOTHING RETURNING coalesce(clinic_id, 0)",
      e.key, ev.type, ev.conversation_id, ev.agent_id, e.dialed, e.received_at, ev.event_timestamp,
      sealed(e.raw), e.expires_at);
  if (inserted.empty()) return event_fate::repeated;
  if (!ev.conversation_id.empty()) update_call(tx, e, inserted[0][0].as<std::int64_t>());
  return event_fate::stored;
}

namespace {

// One statement for many calls: a round trip to PostgreSQL per call would cost more than the
// call.
void insert_served(pqxx::transaction_base& tx, std::span<const served_call> calls) {
  constexpr std::size_t columns = 8;
  std::string sql =
      "INSERT INTO served_tool_calls (session_id, path, received_at, latency_ms, status, success,"
      " error, waited) VALUES ";
  std::vector<std::string> values;
  values.reserve(calls.size() * columns);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    const auto& s = calls[i];
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) about "literal" + std::string.
    const auto at = [&](std::size_t column, const char* then) {
      sql.append("$").append(std::to_string(i * columns + column)).append(then);
    };
    sql.append(i ? ", (" : "(");
    at(1, ", ");
    at(2, ", to_timestamp(");
    at(3, "::bigint), ");
    at(4, "::bigint, ");
    at(5, "::int, ");
    at(6, "::boolean, ");
    at(7, ", ");
    at(8, "::boolean)");
    for (auto v :
         {s.session_id, s.path, std::to_string(s.received_at), std::to_string(s.latency_ms),
          std::to_string(s.status), std::string(s.success ? "true" : "false"), s.error,
          std::string(s.waited ? "true" : "false")})
      values.push_back(std::move(v));
  }
  tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
}

}  // namespace

void record_served(pqxx::transaction_base& tx, const std::vector<served_call>& calls) {
  // PostgreSQL takes at most 65,535 parameters a statement.
  constexpr std::size_t per_statement = 1000;
  const std::span<const served_call> all{calls};
  for (std::size_t first = 0; first < all.size(); first += per_statement)
    insert_served(tx, all.subspan(first, std::min(per_statement, all.size() - first)));
}

std::vector<served_call> served_in(pqxx::transaction_base& tx, const std::string& session_id) {
  std::vector<served_call> out;
  for (const auto& r :
       tx.exec_params("SELECT path, extract(epoch from received_at)::bigint, latency_ms, status,"
                      " coalesce(success, true), error FROM served_tool_calls WHERE session_id = $1"
                      " ORDER BY received_at, id",
                      session_id))
    out.push_back({session_id, r[0].as<std::string>(), r[1].as<std::int64_t>(),
                   r[2].as<std::int64_t>(), r[3].as<int>(), r[4].as<bool>(),
                   r[5].as<std::string>()});
  return out;
}

std::int64_t prune_calls(pqxx::transaction_base& tx, unix_seconds now) {
  const auto cleared = tx.exec_params(
      "UPDATE calls SET caller_sealed = NULL, title_sealed = NULL, summary_sealed = NULL,"
      " details_sealed = NULL WHERE expires_at < to_timestamp($1) AND (caller_sealed IS NOT NULL"
      " OR title_sealed IS NOT NULL OR summary_sealed IS NOT NULL OR details_sealed IS NOT NULL)",
      now);
  tx.exec_params(
      "UPDATE call_events SET raw_sealed = NULL WHERE expires_at < to_timestamp($1)"
      " AND raw_sealed IS NOT NULL",
      now);
  tx.exec_params(
      "DELETE FROM served_tool_calls s WHERE s.received_at < to_timestamp($1) - interval '1 day'"
      " AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.conversation_id = s.session_id"
      "   AND c.expires_at >= to_timestamp($1))",
      now);
  tx.exec_params("DELETE FROM cliniko_usage WHERE minute < $1 / 60 - 8 * 1440", now);
  return static_cast<std::int64_t>(cleared.affected_rows());
}

std::vector<call_row> list_calls(pqxx::transaction_base& tx, const call_filter& f) {
  std::string query = call_columns;
  query +=
      " WHERE ($1 = '' OR k.name = $1) AND c.received_at >= to_timestamp($2)"
      " AND ($3 = '' OR c.outcome = $3) AND (NOT $4 OR c.missed)"
      " ORDER BY c.received_at DESC LIMIT $5";
  std::vector<call_row> out;
  for (const auto& r : tx.exec_params(query, f.clinic, f.since, f.outcome, f.missed_only, f.limit))
    out.push_back(row_of(r));
  return out;
}

std::optional<call_row> find_call(pqxx::transaction_base& tx, const std::string& conversation_id) {
  std::string query = call_columns;
  query += " WHERE c.conversation_id = $1";
  const auto rows = tx.exec_params(query, conversation_id);
  if (rows.empty()) return std::nullopt;
  return row_of(rows[0]);
}

}  // namespace frontdesk::storage
