#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Configuration: defaults, then a .env file, then the environment, then command-line flags.
namespace frontdesk::config {

/// The cores this process may run on (its CPU affinity: taskset, a container's CPU set), at
/// least 1.
int usable_cores();

enum class environment { development, production };

/// Every setting frontdesk reads, validated. Each member's default, bounds, name and help are in
/// the one table of known_settings(); the members are listed here in its order.
struct settings {
  /// Every setting at its default, as the table gives it.
  settings();

  std::string database_url;
  std::uint16_t port;
  std::string bind_address;
  /// This node's name among the nodes on the database ("": the host's name and the port).
  std::string node_name;
  /// Where the web console listens, host:port ("": no console).
  std::string console_bind;
  /// The console is reached over TLS (a proxy in front): its cookies are marked Secure.
  bool console_secure_cookies;
  std::vector<std::string> api_keys;
  /// Development only: serve the tools without an x-api-key.
  bool auth_disabled;
  environment env;
  /// Secrets of the post-call webhook: one per ElevenLabs workspace, and rotation.
  std::vector<std::string> webhook_secrets;
  /// How old a webhook signature may be (ElevenLabs' SDKs: 30 minutes).
  std::chrono::seconds webhook_tolerance;
  /// Development only: take post-call events that carry no signature.
  bool webhook_unsigned;
  /// The largest post-call event taken (audio events carry the call's recording).
  std::size_t webhook_max_body_bytes;
  /// Where verified events wait, fsynced, while PostgreSQL cannot take them.
  std::string webhook_spool_dir;
  /// How long transcripts, summaries and callers' numbers are kept.
  std::chrono::hours transcript_retention;
  /// Where calls' audio is kept, sealed ("": not kept), and for how long.
  std::string audio_dir;
  std::chrono::hours audio_retention;
  /// Whether sessions are recorded (for replay, and to survive a restart), and for how long.
  bool record_sessions;
  std::chrono::hours recording_retention;
  std::string default_timezone;
  std::string default_region;
  std::string log_level;
  /// Where ElevenLabs reaches this server ("https://frontdesk.example.com"); empty: not known.
  std::string public_url;
  std::string cliniko_base_url;
  std::string cliniko_user_agent;
  /// Extra certificate authorities to trust for Cliniko (a PEM file; tests and proxies).
  std::string cliniko_ca_file;
  /// Cliniko's request budget per key per minute.
  int cliniko_rate_limit;
  std::chrono::seconds sync_interval;
  std::chrono::seconds directory_refresh;
  /// How long fetched free times are reused, and how long a failed time is not offered.
  std::chrono::seconds availability_ttl;
  /// Free times kept warm: how often, and the most of the rate limit it may spend.
  std::chrono::seconds availability_warm_every;
  int availability_warm_percent;
  std::chrono::seconds failed_time;
  /// AES-256 key that seals Cliniko API keys at rest.
  std::optional<std::array<unsigned char, 32>> master_key;
  std::size_t max_body_bytes;
  std::chrono::milliseconds header_timeout;
  std::chrono::milliseconds idle_timeout;
  std::chrono::milliseconds tool_deadline;
  std::chrono::milliseconds shutdown_grace;
  /// How long /health says "draining" after SIGTERM before the listener closes.
  std::chrono::milliseconds drain_time;
  /// One per core the process may run on, unless HTTP_THREADS says otherwise.
  int http_threads;
  int max_in_flight;
  int database_pool_size;

  bool operator==(const settings&) const = default;
};

/// What a command works with, so that it requires only the settings those need (in production:
/// `migrate` needs no API keys and no Cliniko User-Agent).
enum class uses : unsigned {
  nothing = 0,
  database = 1,  ///< DATABASE_URL
  serving = 2,   ///< the HTTP API: its keys, and the webhook's signatures
  cliniko = 4,   ///< Cliniko: a User-Agent naming a real contact
  sealed = 8,    ///< sealed data (Cliniko keys, recordings, transcripts): FRONTDESK_MASTER_KEY
  everything = 15,
};
constexpr uses operator|(uses a, uses b) {
  return static_cast<uses>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool has(uses set, uses one) {
  return (static_cast<unsigned>(set) & static_cast<unsigned>(one)) != 0;
}

/// The settings that shape what the tools answer, as one line: a recording notes its hash, so a
/// replay can tell a change of settings from a change of code.
std::string answer_settings(const settings& s);

/// A setting frontdesk knows: its environment name (also its .env name), the flag that sets it,
/// what it means, its default as text, the bounds of a number (in the setting's unit; equal when
/// it has none) and how its text is checked and stored in its member.
struct setting_info {
  std::string_view name;
  std::string_view flag;
  std::string_view help;
  std::string default_value;
  std::int64_t low = 0;
  std::int64_t high = 0;
  /// Checks `text` and stores it; throws config_error naming the setting.
  void (*store)(const setting_info& self, settings& s, std::string_view text) = nullptr;

  bool bounded() const { return low != high; }
};

/// The known settings: the one table of them, in the order --help lists them.
const std::vector<setting_info>& known_settings();

/// The settings as a Markdown table (docs/configuration.md holds it).
std::string settings_markdown();

/// A setting that is missing or malformed; what() is one line naming it.
struct config_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Raw values by setting name, later sources overriding earlier ones.
using raw_settings = std::map<std::string, std::string, std::less<>>;

/// Reads KEY=value lines (with optional `export`, quotes and # comments) from .env text.
raw_settings parse_dotenv(std::string_view text);

/// The known settings present in the process environment.
raw_settings from_environment();

/// Reads `--flag value` and `--flag=value` pairs for known settings; anything else in `args` is
/// returned in `rest` (the subcommand's own arguments). Throws config_error on an unknown flag
/// only when `rest` is null.
raw_settings parse_flags(const std::vector<std::string>& args, std::vector<std::string>* rest);

/// Validates and converts; throws config_error naming the first bad setting, or the first that
/// what the command `uses` requires and is missing.
settings make_settings(const raw_settings& raw, uses needed = uses::nothing);

/// Where settings are read from, earliest first, later ones winning: the files scripts/run
/// leaves (`var/dev.env`, `var/run.env`, when the working directory has them), then `.env` (or
/// FRONTDESK_ENV_FILE); after the files come the environment and the flags.
std::vector<std::string> settings_files();

/// The usual layering: defaults, settings_files(), environment, flags. Unrecognised arguments
/// land in `rest`.
settings load_settings(const std::vector<std::string>& args, std::vector<std::string>* rest,
                       uses needed = uses::nothing);

/// Decodes a 32-byte key given as 64 hex digits or as base64.
std::optional<std::array<unsigned char, 32>> parse_master_key(std::string_view text);

}  // namespace frontdesk::config
