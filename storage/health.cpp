#include "storage/health.hpp"

#include <pqxx/pqxx>

namespace frontdesk::storage {
namespace {

// "{1,2,3}": a bigint[] parameter.
std::string id_array(const std::vector<std::int64_t>& ids) {
  std::string out = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "}";
}

// {"a","b"}: a text[] parameter, each element quoted and escaped.
std::string text_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += i ? ",\"" : "\"";
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

unix_seconds seconds_or_zero(const pqxx::field& f) {
  return f.is_null() ? 0 : f.as<unix_seconds>();
}

}  // namespace

std::map<std::string, std::string> clinic_zones(pqxx::transaction_base& tx) {
  std::map<std::string, std::string> out;
  for (const auto& r : tx.exec("SELECT name, timezone FROM clinics"))
    out[r[0].as<std::string>()] = r[1].as<std::string>();
  return out;
}

std::vector<std::pair<std::string, std::string>> practitioner_names(
    pqxx::transaction_base& tx, const std::vector<std::int64_t>& clinics) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : tx.exec_params(
           "SELECT id, display_name FROM practitioners WHERE clinic_id = ANY($1::bigint[])"
           " ORDER BY display_name",
           id_array(clinics)))
    out.emplace_back(r[0].as<std::string>(), r[1].as<std::string>());
  return out;
}

std::vector<change_row> changes_in(pqxx::transaction_base& tx,
                                   const std::vector<std::string>& sessions) {
  std::vector<change_row> out;
  for (const auto& r :
       tx.exec_params("SELECT b.session_id, b.kind, b.practitioner_id, c.name, b.appointment_id,"
                      " coalesce(extract(epoch FROM b.starts_at)::bigint, 0)"
                      " FROM booking_intents b JOIN clinics c ON c.id = b.clinic_id"
                      " WHERE b.session_id = ANY($1::text[]) AND b.state IN ('done', 'released')"
                      " ORDER BY b.id",
                      text_array(sessions)))
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<unix_seconds>()});
  return out;
}

std::vector<sync_row> sync_states(pqxx::transaction_base& tx,
                                  const std::vector<std::int64_t>& clinics) {
  std::vector<sync_row> out;
  for (const auto& r :
       tx.exec_params("SELECT c.name, extract(epoch FROM s.directory_synced_at)::bigint,"
                      " extract(epoch FROM s.last_success_at)::bigint,"
                      " extract(epoch FROM s.last_attempt_at)::bigint, coalesce(s.last_error, '')"
                      " FROM clinics c LEFT JOIN sync_state s ON s.clinic_id = c.id"
                      " WHERE c.id = ANY($1::bigint[]) ORDER BY c.name",
                      id_array(clinics)))
    out.push_back({r[0].as<std::string>(), seconds_or_zero(r[1]), seconds_or_zero(r[2]),
                   seconds_or_zero(r[3]), r[4].as<std::string>()});
  return out;
}

std::vector<latency_hour> tool_latency(pqxx::transaction_base& tx,
                                       const std::vector<std::int64_t>& clinics, unix_seconds from,
                                       unix_seconds to, const std::string& zone) {
  std::vector<latency_hour> out;
  for (const auto& r : tx.exec_params(
           "SELECT extract(hour FROM s.received_at AT TIME ZONE $4)::int AS hour, count(*),"
           " count(*) FILTER (WHERE s.status <> 200 OR s.success IS FALSE),"
           " count(*) FILTER (WHERE s.waited),"
           " percentile_cont(0.5) WITHIN GROUP (ORDER BY s.latency_ms),"
           " percentile_cont(0.95) WITHIN GROUP (ORDER BY s.latency_ms)"
           " FROM served_tool_calls s JOIN recordings r ON r.session_id = s.session_id"
           " WHERE r.clinic_id = ANY($1::bigint[])"
           "   AND s.received_at >= to_timestamp($2) AND s.received_at < to_timestamp($3)"
           " GROUP BY hour ORDER BY hour",
           id_array(clinics), from, to, zone))
    out.push_back({r[0].as<int>(), r[1].as<int>(), r[2].as<int>(), r[3].as<int>(),
                   r[4].as<double>(), r[5].as<double>()});
  return out;
}

std::vector<usage_hour> cliniko_usage(pqxx::transaction_base& tx, const std::string& key_hash,
                                      unix_seconds from, unix_seconds to, const std::string& zone) {
  std::vector<usage_hour> out;
  for (const auto& r : tx.exec_params(
           "SELECT extract(hour FROM to_timestamp(minute * 60) AT TIME ZONE $4)::int AS hour,"
           " sum(granted)::int, max(granted) FROM cliniko_usage"
           " WHERE key_hash = $1 AND minute >= $2 / 60 AND minute < $3 / 60"
           " GROUP BY hour ORDER BY hour",
           key_hash, from, to, zone))
    out.push_back({r[0].as<int>(), r[1].as<int>(), r[2].as<int>()});
  return out;
}

std::vector<event_count> webhook_events(pqxx::transaction_base& tx,
                                        const std::vector<std::int64_t>& clinics, unix_seconds from,
                                        unix_seconds to) {
  std::vector<event_count> out;
  for (const auto& r : tx.exec_params(
           "SELECT event_type, count(*) FROM call_events WHERE clinic_id = ANY($1::bigint[])"
           " AND received_at >= to_timestamp($2) AND received_at < to_timestamp($3)"
           " GROUP BY event_type ORDER BY event_type",
           id_array(clinics), from, to))
    out.push_back({r[0].as<std::string>(), r[1].as<int>()});
  return out;
}

}  // namespace frontdesk::storage
