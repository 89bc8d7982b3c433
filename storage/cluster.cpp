#include "storage/cluster.hpp"

#include <pqxx/pqxx>

namespace frontdesk::storage {

void beat(pqxx::transaction_base& tx, const std::string& name, const std::string& address, int pid,
          bool draining, bool first) {
  tx.exec_params(
      "INSERT INTO nodes (name, address, pid, draining) VALUES ($1, $2, $3, $4)"
      " ON CONFLICT (name) DO UPDATE SET address = EXCLUDED.address, pid = EXCLUDED.pid,"
      " draining = EXCLUDED.draining, last_seen = now(),"
      " started_at = CASE WHEN $5 THEN now() ELSE nodes.started_at END",
      name, address, pid, draining, first);
}

void leave(pqxx::transaction_base& tx, const std::string& name) {
  tx.exec_params("DELETE FROM leases WHERE holder = $1", name);
  tx.exec_params("DELETE FROM nodes WHERE name = $1", name);
}

std::vector<clinic_id> lead(pqxx::transaction_base& tx, const std::string& name,
                            const std::vector<clinic_id>& clinics, const std::string& work,
                            std::chrono::seconds lease) {
  std::vector<clinic_id> out;
  if (clinics.empty()) return out;
  std::string ids = "{";
  for (std::size_t i = 0; i < clinics.size(); ++i)
    ids += (i ? "," : "") + std::to_string(clinics[i]);
  ids += "}";
  // A row is taken only when it is this node's, lapsed, or its holder has gone silent: the
  // row lock makes two nodes racing for one lease see each other's outcome.
  const auto rows = tx.exec_params(
      "INSERT INTO leases (clinic_id, work, holder, expires_at)"
      " SELECT c, $2, $3, now() + make_interval(secs => $4) FROM unnest($1::bigint[]) AS c"
      " ON CONFLICT (clinic_id, work) DO UPDATE SET holder = EXCLUDED.holder,"
      " expires_at = EXCLUDED.expires_at"
      " WHERE leases.holder = EXCLUDED.holder OR leases.expires_at < now()"
      " OR NOT EXISTS (SELECT 1 FROM nodes n WHERE n.name = leases.holder"
      "                AND n.last_seen > now() - make_interval(secs => $5))"
      " RETURNING clinic_id",
      ids, work, name, static_cast<double>(lease.count()),
      static_cast<double>(node_gone_after.count()));
  for (const auto& r : rows) out.push_back(r[0].as<clinic_id>());
  return out;
}

std::vector<node_row> list_nodes(pqxx::transaction_base& tx, std::int64_t since) {
  std::vector<node_row> out;
  const auto rows = tx.exec_params(
      "SELECT n.name, n.address, n.pid, extract(epoch FROM n.started_at)::bigint,"
      " extract(epoch FROM now() - n.last_seen)::float8, n.draining,"
      " coalesce(string_agg(c.name, E'\\n' ORDER BY c.name)"
      "          FILTER (WHERE l.expires_at > now()), '')"
      " FROM nodes n LEFT JOIN leases l ON l.holder = n.name"
      " LEFT JOIN clinics c ON c.id = l.clinic_id"
      " WHERE $1 = 0 OR n.last_seen > now() - make_interval(secs => $1)"
      " GROUP BY n.name ORDER BY n.name",
      since);
  for (const auto& r : rows) {
    node_row n;
    n.name = r[0].c_str();
    n.address = r[1].c_str();
    n.pid = r[2].as<int>();
    n.started_at = r[3].as<std::int64_t>();
    n.silent_for = r[4].as<double>();
    n.draining = r[5].as<bool>();
    std::string leads = r[6].c_str();
    for (std::size_t at = 0; !leads.empty() && at <= leads.size();) {
      const auto end = std::min(leads.find('\n', at), leads.size());
      n.leads.push_back(leads.substr(at, end - at));
      at = end + 1;
    }
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace frontdesk::storage
