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

/// Every setting frontdesk reads, validated.
struct settings {
  std::string database_url;
  std::uint16_t port = 8080;
  std::string bind_address = "127.0.0.1";
  std::vector<std::string> api_keys;
  /// Development only: serve the tools without an x-api-key.
  bool auth_disabled = false;
  environment env = environment::development;
  /// Secrets of the post-call webhook: one per ElevenLabs workspace, and rotation.
  std::vector<std::string> webhook_secrets;
  /// How old a webhook signature may be (ElevenLabs' SDKs: 30 minutes).
  std::chrono::seconds webhook_tolerance{1800};
  /// Development only: take post-call events that carry no signature.
  bool webhook_unsigned = false;
  /// The largest post-call event taken (audio events carry the call's recording).
  std::size_t webhook_max_body_bytes = std::size_t{64} << 20;
  /// Where verified events wait, fsynced, while PostgreSQL cannot take them.
  std::string webhook_spool_dir = "frontdesk-spool";
  /// How long transcripts, summaries and callers' numbers are kept.
  std::chrono::hours transcript_retention{24 * 30};
  /// Where calls' audio is kept, sealed ("": not kept), and for how long.
  std::string audio_dir;
  std::chrono::hours audio_retention{24 * 7};
  /// Whether sessions are recorded (for replay, and to survive a restart), and for how long.
  bool record_sessions = true;
  std::chrono::hours recording_retention{24 * 30};
  std::string default_timezone = "Australia/Sydney";
  std::string default_region = "AU";
  std::string log_level = "info";
  std::string cliniko_base_url;
  /// Where ElevenLabs reaches this server ("https://frontdesk.example.com"); empty: not known.
  std::string public_url;
  std::string cliniko_user_agent = "frontdesk (support@frontdesk.invalid)";
  /// AES-256 key that seals Cliniko API keys at rest.
  std::optional<std::array<unsigned char, 32>> master_key;

  std::size_t max_body_bytes = std::size_t{64} * 1024;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds tool_deadline{8'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  /// Extra certificate authorities to trust for Cliniko (a PEM file; tests and proxies).
  std::string cliniko_ca_file;
  /// Cliniko's request budget per key per minute.
  int cliniko_rate_limit = 200;
  std::chrono::seconds sync_interval{300};
  std::chrono::seconds directory_refresh{3600};
  /// How long fetched free times are reused, and how long a failed time is not offered.
  std::chrono::seconds availability_ttl{120};
  std::chrono::seconds failed_time{900};
  /// Free times kept warm: how often, and the most of the rate limit it may spend.
  std::chrono::seconds availability_warm_every{30};
  int availability_warm_percent = 25;
  /// One per core the process may run on, unless HTTP_THREADS says otherwise.
  int http_threads = usable_cores();
  int max_in_flight = 1024;
  int database_pool_size = 4;
};

/// The settings that shape what the tools answer, as one line: a recording notes its hash, so a
/// replay can tell a change of settings from a change of code.
std::string answer_settings(const settings& s);

/// A setting frontdesk knows: its environment name (also its .env name), the flag that sets it,
/// what it means and its default as text.
struct setting_info {
  std::string_view name;
  std::string_view flag;
  std::string_view help;
  std::string_view default_value;
};

/// The known settings, in the order --help lists them.
const std::vector<setting_info>& known_settings();

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

/// Validates and converts; throws config_error naming the first bad setting.
settings make_settings(const raw_settings& raw);

/// The usual layering: defaults, `.env` (FRONTDESK_ENV_FILE or ./.env, if present), environment,
/// flags. Unrecognised arguments land in `rest`.
settings load_settings(const std::vector<std::string>& args, std::vector<std::string>* rest);

/// Decodes a 32-byte key given as 64 hex digits or as base64.
std::optional<std::array<unsigned char, 32>> parse_master_key(std::string_view text);

}  // namespace frontdesk::config
