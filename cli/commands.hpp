#pragma once

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <optional>
#include <pqxx/connection>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.hpp"
#include "messages/recorder.hpp"

// The subcommands of the frontdesk binary. Each returns the process exit code.
namespace frontdesk::cli {

int serve(const std::vector<std::string>& args);
int migrate(const std::vector<std::string>& args);
int version(const std::vector<std::string>& args);
int clinic(const std::vector<std::string>& args);
int calls(const std::vector<std::string>& args);
int replay(const std::vector<std::string>& args);
int sessions(const std::vector<std::string>& args);
int agent_config(const std::vector<std::string>& args);
int list_settings(const std::vector<std::string>& args);
int nodes(const std::vector<std::string>& args);
int operators(const std::vector<std::string>& args);

/// This build, and the hash of the settings that shape answers: noted in every recording.
build_info build_of(const config::settings& s);

/// The usage text, when asked for it (or given nothing): the exit code then.
std::optional<int> usage_if_asked(const std::vector<std::string>& args, const char* usage);

/// The settings, with logging set up and DATABASE_URL required, with what else the command
/// `uses`; the subcommand's own arguments in `rest`.
config::settings database_settings(const std::vector<std::string>& args,
                                   std::vector<std::string>& rest, config::uses needed);

/// Runs `work` on a connection; any failure but a configuration error is one line on stderr
/// (`frontdesk NAME: ...`) and exit code 1.
int with_connection(std::string_view name, const config::settings& s,
                    const std::function<int(pqxx::connection&)>& work);

/// `frontdesk NAME ...` for a subcommand that works on the database: its usage when asked, its
/// arguments parsed (before any connection, so a mistake is told at once), then `run`.
template <class Parse, class Run>
int run_database_command(std::string_view name, const char* usage, config::uses needed,
                         const std::vector<std::string>& args, Parse parse, Run run) {
  if (const auto asked = usage_if_asked(args, usage)) return *asked;
  std::vector<std::string> rest;
  const auto s = database_settings(args, rest, needed);
  const auto parsed = parse(rest);
  return with_connection(name, s, [&](pqxx::connection& conn) { return run(s, parsed, conn); });
}

/// A mistake in a command's arguments: told on stderr, exit code 2.
[[noreturn]] void usage_error(const std::string& why);

/// UTC midnight of a YYYY-MM-DD given to `flag` (a usage error when it is not one).
std::int64_t day_of(const std::string& text, std::string_view flag = "--since");

/// Reads a listing's filter option (`--clinic NAME`, `--since YYYY-MM-DD`, `--outcome
/// success|failure|unknown`, `--limit N`) into `filter`, whatever listing it is; any other is a
/// usage error.
template <class Filter>
void take_list_filter(const std::string& flag, const std::string& value, Filter& filter) {
  if (flag == "--clinic")
    filter.clinic = value;
  else if (flag == "--since")
    filter.since = day_of(value);
  else if (flag == "--outcome" && (value == "success" || value == "failure" || value == "unknown"))
    filter.outcome = value;
  else if (flag == "--limit")
    filter.limit = std::max(1, std::min(1000, std::atoi(value.c_str())));
  else
    usage_error(std::string("unknown or invalid option ").append(flag).append(" ").append(value));
}

/// The width of a listing's clinic column: its longest name, so that no name is cut.
template <class Row, class Clinic>
int clinic_column(const std::vector<Row>& rows, Clinic clinic_of) {
  std::size_t widest = 6;
  for (const auto& row : rows) widest = std::max(widest, std::string_view{clinic_of(row)}.size());
  return static_cast<int>(widest);
}

/// Whether the arguments ask for help (--help or -h).
bool wants_help(const std::vector<std::string>& args);

/// Prints the settings (environment name, flag, meaning, default) to stdout, for --help.
void print_settings_help();

}  // namespace frontdesk::cli
