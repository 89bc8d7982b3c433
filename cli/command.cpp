#include <cstdio>
#include <pqxx/pqxx>

#include "cli/commands.hpp"
#include "config/logging.hpp"
#include "domain/time_zone.hpp"
#include "storage/connection.hpp"

namespace frontdesk::cli {

std::optional<int> usage_if_asked(const std::vector<std::string>& args, const char* usage) {
  if (!args.empty() && !(wants_help(args) && args.size() <= 2)) return std::nullopt;
  std::fputs(usage, args.empty() ? stderr : stdout);
  return args.empty() ? 2 : 0;
}

config::settings database_settings(const std::vector<std::string>& args,
                                   std::vector<std::string>& rest, config::uses needed) {
  auto s = config::load_settings(args, &rest, needed | config::uses::database);
  config::setup_logging(s);
  return s;
}

int with_connection(std::string_view name, const config::settings& s,
                    const std::function<int(pqxx::connection&)>& work) {
  try {
    auto conn = storage::connect_with_retry(s.database_url, std::chrono::seconds{10});
    return work(*conn);
  } catch (const config::config_error&) {
    throw;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "frontdesk %.*s: %s\n", static_cast<int>(name.size()), name.data(),
                 e.what());
    return 1;
  }
}

void usage_error(const std::string& why) {
  throw config::config_error(why);
}

std::int64_t day_of(const std::string& text, std::string_view flag) {
  const auto t = domain::parse_instant(text + "T00:00:00Z");
  if (!t) usage_error("invalid " + std::string(flag) + " '" + text + "': expected YYYY-MM-DD");
  return domain::seconds_of(*t);
}

}  // namespace frontdesk::cli
