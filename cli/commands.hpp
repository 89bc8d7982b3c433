#pragma once

#include <string>
#include <vector>

// The subcommands of the frontdesk binary. Each returns the process exit code.
namespace frontdesk::cli {

int serve(const std::vector<std::string>& args);
int migrate(const std::vector<std::string>& args);
int version(const std::vector<std::string>& args);
int clinic(const std::vector<std::string>& args);
int calls(const std::vector<std::string>& args);

/// Whether the arguments ask for help (--help or -h).
bool wants_help(const std::vector<std::string>& args);

/// Prints the settings (environment name, flag, meaning, default) to stdout, for --help.
void print_settings_help();

}  // namespace frontdesk::cli
