#include <cstdio>
#include <pqxx/transaction>

#include "cli/commands.hpp"
#include "storage/cluster.hpp"

namespace frontdesk::cli {
namespace {

constexpr const char* nodes_usage =
    "usage: frontdesk nodes [--all]\n\n"
    "The nodes serving this database: each one's name, address, pid, when it started, how long\n"
    "since its last beat, and the clinics whose background work (sync, free-time warming) it\n"
    "leads. A node silent for 5 s is gone: its clinics are taken over. --all lists gone nodes\n"
    "too (a node that stopped cleanly leaves no row).\n";

struct nodes_args {
  bool all = false;
};

nodes_args parse_nodes(const std::vector<std::string>& rest) {
  nodes_args out;
  for (const auto& a : rest) {
    if (a == "--all")
      out.all = true;
    else
      usage_error("unknown argument " + a);
  }
  return out;
}

void print_nodes(const std::vector<storage::node_row>& nodes) {
  std::printf("%-28s %-22s %-8s %-8s %-9s %s\n", "NODE", "ADDRESS", "PID", "SILENT", "STATE",
              "LEADS");
  const auto gone_after = static_cast<double>(storage::node_gone_after.count());
  for (const auto& n : nodes) {
    std::string leads;
    for (const auto& clinic : n.leads) leads += (leads.empty() ? "" : ", ") + clinic;
    const char* state = n.silent_for > gone_after ? "gone" : n.draining ? "draining" : "serving";
    std::printf("%-28s %-22s %-8d %-8.1f %-9s %s\n", n.name.c_str(), n.address.c_str(), n.pid,
                n.silent_for, state, leads.empty() ? "-" : leads.c_str());
  }
  if (nodes.empty()) std::printf("(no node is serving)\n");
}

}  // namespace

// Unlike the other database commands, nodes with no argument lists (there is nothing to pick).
int nodes(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::fputs(nodes_usage, stdout);
    return 0;
  }
  std::vector<std::string> rest;
  const auto s = database_settings(args, rest, config::uses::database);
  const auto parsed = parse_nodes(rest);
  return with_connection("nodes", s, [&](pqxx::connection& conn) {
    pqxx::read_transaction tx{conn};
    const auto since = parsed.all ? 0 : storage::node_gone_after.count();
    print_nodes(storage::list_nodes(tx, since));
    return 0;
  });
}

}  // namespace frontdesk::cli
