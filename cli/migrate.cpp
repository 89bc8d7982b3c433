#include <spdlog/spdlog.h>

#include <cstdio>
#include <pqxx/except>

#include "cli/commands.hpp"
#include "config/logging.hpp"
#include "config/settings.hpp"
#include "storage/connection.hpp"
#include "storage/migrations.hpp"

namespace frontdesk::cli {

int migrate(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::printf(
        "usage: frontdesk migrate [options]\n\nApplies pending schema migrations to "
        "DATABASE_URL, in order, each once.\n");
    print_settings_help();
    return 0;
  }
  const auto s = config::load_settings(args, nullptr, config::uses::database);
  config::setup_logging(s);
  try {
    auto conn = storage::connect_with_retry(s.database_url, std::chrono::seconds{30});
    const auto applied = storage::apply_migrations(*conn);
    const auto status = storage::read_schema_status(*conn);
    for (int v : applied) std::printf("applied migration %04d\n", v);
    std::printf("schema is at version %d\n", status.current);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontdesk migrate: %s\n", e.what());
    return 1;
  }
}

int version(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::printf("usage: frontdesk version\n\nPrints the version.\n");
    return 0;
  }
  std::printf("frontdesk %s (%s)\n", FRONTDESK_VERSION, FRONTDESK_COMMIT);
  return 0;
}

}  // namespace frontdesk::cli
