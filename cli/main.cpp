#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "config/settings.hpp"

namespace {

struct command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>&);
};

const command commands[] = {
    {"serve", "serve the HTTP API (checks the database schema is current first)",
     frontdesk::cli::serve},
    {"migrate", "apply pending database migrations", frontdesk::cli::migrate},
    {"clinic", "add, list, update, deactivate and sync clinics", frontdesk::cli::clinic},
    {"calls", "the calls ElevenLabs reported: list them, show one", frontdesk::cli::calls},
    {"replay", "replay a recorded session on today's code; export one", frontdesk::cli::replay},
    {"sessions", "the recorded sessions: list them, find those that diverge",
     frontdesk::cli::sessions},
    {"nodes", "the nodes serving this database, and what each leads", frontdesk::cli::nodes},
    {"operator", "who may sign in to the web console, and what they see",
     frontdesk::cli::operators},
    {"agent-config", "the ElevenLabs agent, tools and webhooks a clinic needs, as JSON",
     frontdesk::cli::agent_config},
    {"settings", "every setting with its default and range (--markdown for the docs)",
     frontdesk::cli::list_settings},
    {"version", "print the version", frontdesk::cli::version},
};

void usage(std::FILE* out) {
  std::fprintf(out, "usage: frontdesk <command> [options]\n\ncommands:\n");
  for (const auto& c : commands) std::fprintf(out, "  %-13s %s\n", c.name, c.summary);
  std::fprintf(out, "\n'frontdesk <command> --help' lists a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    usage(stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(stdout);
    return 0;
  }
  for (const auto& c : commands)
    if (args[0] == c.name) {
      args.erase(args.begin());
      try {
        return c.run(args);
      } catch (const frontdesk::config::config_error& e) {
        std::fprintf(stderr, "frontdesk %s: %s\n", c.name, e.what());
        return 2;
      }
    }
  std::fprintf(stderr, "frontdesk: unknown command '%s'\n\n", args[0].c_str());
  usage(stderr);
  return 2;
}
