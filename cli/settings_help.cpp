#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "config/settings.hpp"

namespace frontdesk::cli {

bool wants_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

void print_settings_help() {
  std::printf(
      "\nSettings come from defaults, then .env (or FRONTDESK_ENV_FILE), then the environment,\n"
      "then these flags:\n\n");
  for (const auto& s : config::known_settings()) {
    std::string dflt =
        s.default_value.empty() ? "" : " (default " + std::string(s.default_value) + ")";
    std::printf("  %-30s %-26s %.*s%s\n", std::string(s.flag).c_str(), std::string(s.name).c_str(),
                static_cast<int>(s.help.size()), s.help.data(), dflt.c_str());
  }
}

}  // namespace frontdesk::cli
