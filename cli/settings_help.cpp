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
      "\nSettings come from defaults, then var/dev.env and var/run.env (left by scripts/run),\n"
      "then .env (or FRONTDESK_ENV_FILE), then the environment, then these flags:\n\n");
  for (const auto& s : config::known_settings()) {
    std::string dflt =
        s.default_value.empty() ? "" : " (default " + std::string(s.default_value) + ")";
    if (s.bounded()) dflt += " [" + std::to_string(s.low) + "-" + std::to_string(s.high) + "]";
    std::printf("  %-30s %-26s %.*s%s\n", std::string(s.flag).c_str(), std::string(s.name).c_str(),
                static_cast<int>(s.help.size()), s.help.data(), dflt.c_str());
  }
}

int list_settings(const std::vector<std::string>& args) {
  if (args.size() == 1 && args[0] == "--markdown") {
    std::fputs(config::settings_markdown().c_str(), stdout);
    return 0;
  }
  if (!args.empty() && !wants_help(args)) usage_error("unknown option " + args[0]);
  std::printf(
      "usage: frontdesk settings [--markdown]\n\nLists every setting; --markdown writes "
      "the table docs/configuration.md holds.\n");
  print_settings_help();
  return 0;
}

}  // namespace frontdesk::cli
