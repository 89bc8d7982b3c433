#include "storage/recordings.hpp"

#include <pqxx/pqxx>

namespace frontdesk::storage {

std::string recording_context(const std::string& session_id) {
  std::string context = "recording:";
  context.append(session_id);
  return context;
}

bool append_recording(pqxx::transaction_base& tx, const recording_chunk& c) {
  const auto row = tx.exec_params(
      "INSERT INTO recordings (session_id, clinic_id, build_version, build_commit, settings_hash,"
      " region, started_at, updated_at, calls, answered, bytes) VALUES ($1, nullif($2, 0), $3, $4,"
      " $5, $6, to_timestamp($7), to_timestamp($7), $8, $9, $10) ON CONFLICT (session_id) DO"
      " UPDATE SET updated_at = EXCLUDED.updated_at, calls = recordings.calls + EXCLUDED.calls,"
      " answered = recordings.answered + EXCLUDED.answered, bytes = recordings.bytes +"
      " EXCLUDED.bytes, clinic_id = coalesce(recordings.clinic_id, EXCLUDED.clinic_id)"
      " WHERE $11 < 0 OR recordings.calls = $11 RETURNING 1",
      c.of.session_id, c.of.clinic, c.of.build.version, c.of.build.commit, c.of.build.settings_hash,
      c.of.region, c.at, c.calls, c.answered, static_cast<std::int64_t>(c.sealed.size()),
      c.calls_before);
  if (row.empty()) return false;
  tx.exec_params("INSERT INTO recording_chunks (session_id, entries_sealed) VALUES ($1, $2)",
                 c.of.session_id, pqxx::binarystring(c.sealed));
  return true;
}

std::optional<stored_recording> read_recording(pqxx::transaction_base& tx,
                                               const std::string& session_id,
                                               std::int64_t within_seconds, unix_seconds now,
                                               std::int64_t unless_calls) {
  const auto head = tx.exec_params(
      "SELECT coalesce(clinic_id, 0), build_version, build_commit, settings_hash, region FROM"
      " recordings WHERE session_id = $1 AND ($2 = 0 OR updated_at >= to_timestamp($3 - $2))"
      " AND ($4 < 0 OR calls <> $4)",
      session_id, within_seconds, now, unless_calls);
  if (head.empty()) return std::nullopt;
  stored_recording out;
  out.header.session_id = session_id;
  out.header.clinic = head[0][0].as<std::int64_t>();
  out.header.build = {head[0][1].c_str(), head[0][2].c_str(), head[0][3].c_str()};
  out.header.region = head[0][4].c_str();
  const auto chunks = tx.exec_params(
      "SELECT entries_sealed FROM recording_chunks WHERE session_id = $1 ORDER BY id", session_id);
  for (const auto& row : chunks) out.sealed_chunks.push_back(pqxx::binarystring(row[0]).str());
  return out;
}

std::vector<recording_row> list_recordings(pqxx::transaction_base& tx, const recording_filter& f) {
  const auto rows = tx.exec_params(
      "SELECT r.session_id, coalesce(k.name, ''), extract(epoch FROM r.started_at)::bigint,"
      " extract(epoch FROM r.updated_at)::bigint, r.calls, r.answered, r.bytes,"
      " r.build_version || ' ' || r.build_commit, coalesce(c.outcome, ''), c.summary_sealed"
      " FROM recordings r LEFT JOIN clinics k ON k.id = r.clinic_id"
      " LEFT JOIN calls c ON c.conversation_id = r.session_id"
      " WHERE ($1 = '' OR k.name = $1) AND r.started_at >= to_timestamp($2)"
      " AND ($3 = '' OR c.outcome = $3) ORDER BY r.started_at DESC LIMIT $4",
      f.clinic, f.since, f.outcome, f.limit);
  std::vector<recording_row> out;
  for (const auto& row : rows) {
    recording_row r;
    r.session_id = row[0].c_str();
    r.clinic = row[1].c_str();
    r.started_at = row[2].as<std::int64_t>();
    r.updated_at = row[3].as<std::int64_t>();
    r.calls = row[4].as<int>();
    r.answered = row[5].as<int>();
    r.bytes = row[6].as<std::int64_t>();
    r.build = row[7].c_str();
    r.outcome = row[8].c_str();
    if (!row[9].is_null()) r.summary = pqxx::binarystring(row[9]).str();
    out.push_back(std::move(r));
  }
  return out;
}

std::int64_t prune_recordings(pqxx::transaction_base& tx, unix_seconds before) {
  return static_cast<std::int64_t>(
      tx.exec_params("DELETE FROM recordings WHERE updated_at < to_timestamp($1)", before)
          .affected_rows());
}

}  // namespace frontdesk::storage
