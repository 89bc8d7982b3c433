#include "config/settings.hpp"

#include <arpa/inet.h>
#include <sched.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/defaults.hpp"
#include "domain/encoding.hpp"
#include "domain/phone.hpp"
#include "domain/time_zone.hpp"

namespace frontdesk::config {

int usable_cores() {
  cpu_set_t cores;
  CPU_ZERO(&cores);
  if (::sched_getaffinity(0, sizeof cores, &cores) != 0) return 2;
  return std::max(1, CPU_COUNT(&cores));
}

namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(std::string_view name, std::string_view value, std::string_view why) {
  std::string text = "invalid ";
  text += name;
  if (!value.empty()) {
    text += " '";
    text += value;
    text += "'";
  }
  text += ": ";
  text += why;
  throw config_error(text);
}

std::int64_t to_integer(std::string_view name, std::string_view text, std::int64_t low,
                        std::int64_t high) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < low || value > high)
    fail(name, text,
         "expected a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  return value;
}

bool to_bool(std::string_view name, std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "0" || lower == "false" || lower == "no" || lower == "off") return false;
  fail(name, text, "expected true or false");
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    if (auto item = trim(text.substr(start, end - start)); !item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

bool is_ip_address(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::string unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'')
    return std::string(value.substr(1, value.size() - 2));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < value.size(); ++i) {
      if (value[i] == '\\' && i + 2 < value.size()) {
        const char next = value[++i];
        out += next == 'n' ? '\n' : next;
      } else {
        out += value[i];
      }
    }
    return out;
  }
  // Unquoted values may carry a trailing comment after whitespace.
  if (auto hash = value.find(" #"); hash != std::string_view::npos) value = value.substr(0, hash);
  return std::string(trim(value));
}

const setting_info* find_by_flag(std::string_view flag) {
  for (const auto& info : known_settings())
    if (info.flag == flag) return &info;
  return nullptr;
}

// Whether a User-Agent names a contact Cliniko could write to: an email address outside the
// domains reserved for examples and tests (RFC 2606, RFC 6761).
bool names_real_contact(std::string_view agent) {
  const auto at = agent.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  auto domain = agent.substr(at + 1);
  domain = domain.substr(0, domain.find_first_of(" )>,;"));
  std::string lower(domain);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower.find('.') == std::string::npos) return false;
  for (const char* reserved : {".invalid", ".example", ".test", ".localhost", ".local"})
    if (lower.ends_with(reserved)) return false;
  for (const char* reserved : {"example.com", "example.org", "example.net"})
    if (lower == reserved || lower.ends_with(std::string(".") + reserved)) return false;
  return true;
}

// What production requires of the settings a command uses.
void check_production(const settings& s, uses needed) {
  if (has(needed, uses::serving)) {
    if (s.api_keys.empty())
      throw config_error("FRONTDESK_API_KEYS is required in production (comma-separated keys)");
    if (s.auth_disabled) throw config_error("FRONTDESK_AUTH_DISABLED is not allowed in production");
    if (s.webhook_unsigned)
      throw config_error("WEBHOOK_ALLOW_UNSIGNED is not allowed in production");
    for (const auto& key : s.api_keys)
      if (key.size() < 16)
        throw config_error(
            "invalid FRONTDESK_API_KEYS: each key needs at least 16 characters in production");
  }
  if (has(needed, uses::sealed) && !s.master_key)
    throw config_error("FRONTDESK_MASTER_KEY is required in production (it seals Cliniko keys)");
  if (has(needed, uses::cliniko) && !names_real_contact(s.cliniko_user_agent))
    throw config_error(
        "CLINIKO_USER_AGENT must name this deployment and a real contact email in production, "
        "e.g. \"Acme Clinic (it@acme.com.au)\": Cliniko may block requests without one (now \"" +
        s.cliniko_user_agent + "\")");
}

// How a setting's text becomes its member. Each checks what it can and names the setting when
// the text will not do.

template <auto member>
void store_text(const setting_info&, settings& s, std::string_view text) {
  s.*member = std::string(text);
}

template <auto member>
void store_required_text(const setting_info& info, settings& s, std::string_view text) {
  if (text.empty()) fail(info.name, "", "it cannot be empty");
  s.*member = std::string(text);
}

template <auto member>
void store_list(const setting_info&, settings& s, std::string_view text) {
  s.*member = split_list(text);
}

template <auto member>
void store_bool(const setting_info& info, settings& s, std::string_view text) {
  s.*member = to_bool(info.name, text);
}

template <auto member>
void store_whole(const setting_info& info, settings& s, std::string_view text) {
  using type = std::remove_reference_t<decltype(s.*member)>;
  s.*member = static_cast<type>(to_integer(info.name, text, info.low, info.high));
}

// A duration in the unit of its member (HOURS members are given in days).
template <auto member, int hours_per_unit = 0>
void store_duration(const setting_info& info, settings& s, std::string_view text) {
  using type = std::remove_reference_t<decltype(s.*member)>;
  const auto n = to_integer(info.name, text, info.low, info.high);
  if constexpr (hours_per_unit > 0)
    s.*member = type{n * hours_per_unit};
  else
    s.*member = type{n};
}

template <auto member>
void store_days(const setting_info& info, settings& s, std::string_view text) {
  store_duration<member, 24>(info, s, text);
}

void store_http_threads(const setting_info& info, settings& s, std::string_view text) {
  if (text.empty())
    s.http_threads = usable_cores();
  else
    store_whole<&settings::http_threads>(info, s, text);
}

void store_bind_address(const setting_info& info, settings& s, std::string_view text) {
  if (!is_ip_address(std::string(text))) fail(info.name, text, "expected an IPv4 or IPv6 address");
  s.bind_address = std::string(text);
}

// "127.0.0.1:8090", "[::1]:8090", or "" (no console).
void store_console_bind(const setting_info& info, settings& s, std::string_view text) {
  if (!text.empty()) {
    const auto colon = text.rfind(':');
    auto host = colon == std::string_view::npos ? std::string_view{} : text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
      host = host.substr(1, host.size() - 2);
    const auto port = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    int number = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (!is_ip_address(std::string(host)) || ec != std::errc{} ||
        end != port.data() + port.size() || number < 1 || number > 65535)
      fail(info.name, text, "expected HOST:PORT, the host an IPv4 or IPv6 address");
  }
  s.console_bind = std::string(text);
}

void store_environment(const setting_info& info, settings& s, std::string_view text) {
  if (text != "production" && text != "development")
    fail(info.name, text, "expected development or production");
  s.env = text == "production" ? environment::production : environment::development;
}

void store_time_zone(const setting_info& info, settings& s, std::string_view text) {
  if (!domain::is_known_time_zone(text))
    fail(info.name, text, "not an IANA time zone such as Australia/Sydney");
  s.default_timezone = std::string(text);
}

void store_region(const setting_info& info, settings& s, std::string_view text) {
  if (!domain::is_supported_region(text))
    fail(info.name, text, "not a region code such as AU, NZ or GB");
  s.default_region = std::string(text);
}

void store_log_level(const setting_info& info, settings& s, std::string_view text) {
  static const std::vector<std::string_view> levels{"trace", "debug",    "info", "warn",
                                                    "error", "critical", "off"};
  if (std::find(levels.begin(), levels.end(), text) == levels.end())
    fail(info.name, text, "expected trace, debug, info, warn, error, critical or off");
  s.log_level = std::string(text);
}

bool is_http_url(std::string_view text) {
  return text.starts_with("http://") || text.starts_with("https://");
}

void store_public_url(const setting_info& info, settings& s, std::string_view text) {
  if (!text.empty() && !is_http_url(text)) fail(info.name, text, "expected an https:// URL");
  while (text.ends_with('/')) text.remove_suffix(1);
  s.public_url = std::string(text);
}

void store_cliniko_url(const setting_info& info, settings& s, std::string_view text) {
  if (!text.empty() && !is_http_url(text))
    fail(info.name, text, "expected an http:// or https:// URL ending in /v1");
  s.cliniko_base_url = std::string(text);
}

void store_master_key(const setting_info& info, settings& s, std::string_view text) {
  s.master_key.reset();
  if (text.empty()) return;
  s.master_key = parse_master_key(text);
  if (!s.master_key) fail(info.name, "", "expected 32 bytes as 64 hex digits or base64");
}

}  // namespace

settings::settings() {
  for (const auto& info : known_settings()) info.store(info, *this, info.default_value);
}

const std::vector<setting_info>& known_settings() {
  using std::to_string;
  constexpr std::int64_t day = 86'400;
  constexpr std::int64_t max_ms = 3'600'000;
  constexpr std::int64_t max_days = 3650;
  static const std::vector<setting_info> table{
      {"DATABASE_URL", "--database-url", "PostgreSQL URL", "", 0, 0,
       store_text<&settings::database_url>},
      {"PORT", "--port", "TCP port", "8080", 0, 65535, store_whole<&settings::port>},
      {"BIND_ADDRESS", "--bind-address", "IPv4 or IPv6 address to listen on", "127.0.0.1", 0, 0,
       store_bind_address},
      {"NODE_NAME", "--node-name",
       "this node's name among those serving one database (`frontdesk nodes`); empty: the host's "
       "name and the port. Each node needs its own",
       "", 0, 0, store_text<&settings::node_name>},
      {"CONSOLE_BIND", "--console-bind",
       "where the web console listens, HOST:PORT (never the tools' port); empty: no console", "", 0,
       0, store_console_bind},
      {"CONSOLE_SECURE_COOKIES", "--console-secure-cookies",
       "the console is reached over TLS (a proxy in front): its cookies are marked Secure", "false",
       0, 0, store_bool<&settings::console_secure_cookies>},
      {"FRONTDESK_API_KEYS", "--api-keys",
       "comma-separated keys accepted in `x-api-key`; several at once for rotation", "", 0, 0,
       store_list<&settings::api_keys>},
      {"FRONTDESK_AUTH_DISABLED", "--auth-disabled", "development only: serve tools without a key",
       "false", 0, 0, store_bool<&settings::auth_disabled>},
      {"ENVIRONMENT", "--environment", "`development` or `production`", "development", 0, 0,
       store_environment},
      {"ELEVENLABS_WEBHOOK_SECRET", "--elevenlabs-webhook-secret",
       "HMAC secrets of the post-call webhook, comma-separated: one per ElevenLabs workspace, plus "
       "the next during a rotation. Empty: every event is refused (401)",
       "", 0, 0, store_list<&settings::webhook_secrets>},
      {"WEBHOOK_TOLERANCE_SECONDS", "--webhook-tolerance-seconds",
       "how old a signature may be (ElevenLabs' SDKs: 30 minutes); more than 5 minutes ahead is "
       "refused too",
       to_string(domain::signature_max_age_seconds), 60, day,
       store_duration<&settings::webhook_tolerance>},
      {"WEBHOOK_ALLOW_UNSIGNED", "--webhook-allow-unsigned",
       "development only (production refuses to start with it): take events that carry no "
       "signature",
       "false", 0, 0, store_bool<&settings::webhook_unsigned>},
      {"WEBHOOK_MAX_BODY_BYTES", "--webhook-max-body-bytes",
       "largest post-call event (audio events carry the recording); every other path keeps "
       "`MAX_BODY_BYTES`",
       to_string(64 << 20), 64 << 10, std::int64_t{1} << 30,
       store_whole<&settings::webhook_max_body_bytes>},
      {"WEBHOOK_SPOOL_DIR", "--webhook-spool-dir",
       "where verified events wait, fsynced and sealed, while PostgreSQL is away (mode 0700); give "
       "it a path on persistent disk",
       std::string(domain::spool_dir), 0, 0, store_required_text<&settings::webhook_spool_dir>},
      {"TRANSCRIPT_RETENTION_DAYS", "--transcript-retention-days",
       "days transcripts, titles, summaries, callers' numbers and payloads are kept",
       to_string(domain::transcript_retention_days), 1, max_days,
       store_days<&settings::transcript_retention>},
      {"AUDIO_DIR", "--audio-dir", "where calls' audio is kept, sealed; empty: never kept", "", 0,
       0, store_text<&settings::audio_dir>},
      {"AUDIO_RETENTION_DAYS", "--audio-retention-days", "days kept audio stays",
       to_string(domain::audio_retention_days), 1, max_days,
       store_days<&settings::audio_retention>},
      {"RECORD_SESSIONS", "--record-sessions",
       "record every session, for replay and to survive a restart (needs `FRONTDESK_MASTER_KEY`: "
       "recordings are sealed)",
       "true", 0, 0, store_bool<&settings::record_sessions>},
      {"RECORDING_RETENTION_DAYS", "--recording-retention-days",
       "days recordings are kept after their last call",
       to_string(domain::recording_retention_days), 1, max_days,
       store_days<&settings::recording_retention>},
      {"DEFAULT_TIMEZONE", "--default-timezone",
       "IANA zone for new clinics (checked against the tz database)", "Australia/Sydney", 0, 0,
       store_time_zone},
      {"DEFAULT_REGION", "--default-region", "region for national phone numbers (`02 9876 5432`)",
       "AU", 0, 0, store_region},
      {"LOG_LEVEL", "--log-level", "trace, debug, info, warn, error, critical, off", "info", 0, 0,
       store_log_level},
      {"PUBLIC_URL", "--public-url",
       "where ElevenLabs reaches this server; `frontdesk agent-config` writes it into the tools "
       "and webhooks",
       "", 0, 0, store_public_url},
      {"CLINIKO_BASE_URL", "--cliniko-base-url",
       "full base URL overriding the one derived from the key's shard (simulator, tests)", "", 0, 0,
       store_cliniko_url},
      {"CLINIKO_USER_AGENT", "--cliniko-user-agent",
       "User-Agent Cliniko requires: this deployment's name and a real contact email (production "
       "refuses the built-in default and example.com, .test, .invalid or localhost addresses)",
       "frontdesk (support@frontdesk.invalid)", 0, 0,
       store_required_text<&settings::cliniko_user_agent>},
      {"CLINIKO_CA_FILE", "--cliniko-ca-file",
       "extra certificate authorities (PEM) to trust for Cliniko, besides the system's", "", 0, 0,
       store_text<&settings::cliniko_ca_file>},
      {"CLINIKO_RATE_LIMIT", "--cliniko-rate-limit", "Cliniko requests per minute per API key",
       to_string(domain::cliniko_requests_per_minute), 1, 100'000,
       store_whole<&settings::cliniko_rate_limit>},
      {"SYNC_INTERVAL_SECONDS", "--sync-interval-seconds",
       "how often appointments and patients are synced incrementally (0: on demand only)", "300", 0,
       day, store_duration<&settings::sync_interval>},
      {"DIRECTORY_REFRESH_SECONDS", "--directory-refresh-seconds",
       "how often locations, practitioners and services are reloaded", "3600", 60, 7 * day,
       store_duration<&settings::directory_refresh>},
      {"AVAILABILITY_TTL_SECONDS", "--availability-ttl-seconds",
       "how long free times fetched from Cliniko are reused", "120", 1, 3600,
       store_duration<&settings::availability_ttl>},
      {"AVAILABILITY_WARM_SECONDS", "--availability-warm-seconds",
       "how often the most asked free times are refreshed in the background (0: never)", "30", 0,
       3600, store_duration<&settings::availability_warm_every>},
      {"AVAILABILITY_WARM_PERCENT", "--availability-warm-percent",
       "the most of `CLINIKO_RATE_LIMIT` that refreshing may spend",
       to_string(domain::warm_percent_of_budget), 0, 100,
       store_whole<&settings::availability_warm_percent>},
      {"FAILED_TIME_SECONDS", "--failed-time-seconds",
       "how long a time that failed to book is not offered again", "900", 1, day,
       store_duration<&settings::failed_time>},
      {"FRONTDESK_MASTER_KEY", "--master-key",
       "32 bytes as 64 hex digits or base64: seals Cliniko keys at rest (AES-256-GCM)", "", 0, 0,
       store_master_key},
      {"MAX_BODY_BYTES", "--max-body-bytes", "largest request body", "65536", 1024, 64 << 20,
       store_whole<&settings::max_body_bytes>},
      {"HEADER_TIMEOUT_MS", "--header-timeout-ms", "time to send a whole request once started",
       "10000", 1, max_ms, store_duration<&settings::header_timeout>},
      {"IDLE_TIMEOUT_MS", "--idle-timeout-ms", "keep-alive time between requests", "60000", 1,
       max_ms, store_duration<&settings::idle_timeout>},
      {"TOOL_DEADLINE_MS", "--tool-deadline-ms",
       "longest a tool call may take: Cliniko is given up on 300 ms before it, and a call still "
       "unanswered 1 s after it gets 503 with the spoken deadline message",
       "8000", 1, max_ms, store_duration<&settings::tool_deadline>},
      {"SHUTDOWN_GRACE_MS", "--shutdown-grace-ms", "time to drain requests on SIGTERM", "10000", 1,
       max_ms, store_duration<&settings::shutdown_grace>},
      {"DRAIN_MS", "--drain-ms",
       "after SIGTERM, how long /health answers 503 (draining) while every request is still "
       "served, so that a router checking health moves new conversations away first (HAProxy "
       "as in deploy/haproxy.cfg: 2 s); 0: close at once",
       "3000", 0, max_ms, store_duration<&settings::drain_time>},
      {"HTTP_THREADS", "--http-threads",
       "I/O threads (the actor scheduler, too, has one thread per core the process may run on: its "
       "CPU affinity, `taskset`, a container's CPU set)",
       "", 1, 64, store_http_threads},
      {"MAX_IN_FLIGHT", "--max-in-flight", "requests answered at once before shedding load", "1024",
       1, 1'000'000, store_whole<&settings::max_in_flight>},
      {"DATABASE_POOL_SIZE", "--database-pool-size",
       "PostgreSQL connections, each owned by one storage actor", "4", 1, 64,
       store_whole<&settings::database_pool_size>},
  };
  return table;
}

std::string settings_markdown() {
  std::string out =
      "| variable | flag | what it sets | default | range |\n"
      "|---|---|---|---|---|\n";
  for (const auto& info : known_settings()) {
    out.append("| `").append(info.name).append("` | `").append(info.flag).append("` | ");
    out.append(info.help).append(" | ");
    if (!info.default_value.empty()) out.append("`").append(info.default_value).append("`");
    out.append(" | ");
    if (info.bounded()) out.append(std::to_string(info.low) + "–" + std::to_string(info.high));
    out.append(" |\n");
  }
  return out;
}

raw_settings parse_dotenv(std::string_view text) {
  raw_settings out;
  std::istringstream lines{std::string(text)};
  std::string line;
  while (std::getline(lines, line)) {
    auto view = trim(line);
    if (view.empty() || view.front() == '#') continue;
    if (view.substr(0, 7) == "export ") view = trim(view.substr(7));
    const auto eq = view.find('=');
    if (eq == std::string_view::npos) continue;
    out[std::string(trim(view.substr(0, eq)))] = unquote(trim(view.substr(eq + 1)));
  }
  return out;
}

raw_settings from_environment() {
  raw_settings out;
  for (const auto& info : known_settings())
    if (const char* value = std::getenv(std::string(info.name).c_str()))
      out[std::string(info.name)] = value;
  return out;
}

raw_settings parse_flags(const std::vector<std::string>& args, std::vector<std::string>* rest) {
  raw_settings out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string_view flag = arg, value;
    bool has_value = false;
    if (auto eq = arg.find('='); arg.substr(0, 2) == "--" && eq != std::string_view::npos) {
      flag = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    const auto* info = find_by_flag(flag);
    if (!info) {
      if (!rest) throw config_error("unknown option " + std::string(arg));
      rest->push_back(args[i]);
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) throw config_error(std::string(flag) + " needs a value");
      value = args[++i];
    }
    out[std::string(info->name)] = std::string(value);
  }
  return out;
}

settings make_settings(const raw_settings& raw, uses needed) {
  settings s;
  for (const auto& info : known_settings())
    if (auto it = raw.find(info.name); it != raw.end()) info.store(info, s, it->second);
  if (has(needed, uses::database) && s.database_url.empty())
    throw config_error(
        "DATABASE_URL is not set (scripts/run leaves it in var/run.env; run from the checkout, "
        "or export it)");
  if (s.env == environment::production) check_production(s, needed);
  return s;
}

std::vector<std::string> settings_files() {
  std::vector<std::string> files;
  for (const char* made_by_run : {"var/dev.env", "var/run.env"})
    if (std::filesystem::is_regular_file(made_by_run)) files.emplace_back(made_by_run);
  const char* env_file = std::getenv("FRONTDESK_ENV_FILE");
  if (env_file)
    files.emplace_back(env_file);
  else if (std::filesystem::is_regular_file(".env"))
    files.emplace_back(".env");
  return files;
}

settings load_settings(const std::vector<std::string>& args, std::vector<std::string>* rest,
                       uses needed) {
  raw_settings raw;
  for (const auto& path : settings_files()) {
    std::ifstream file(path);
    if (!file) throw config_error("cannot read settings file " + path);
    std::stringstream text;
    text << file.rdbuf();
    for (auto& [name, value] : parse_dotenv(text.str())) raw[name] = value;
  }
  for (auto& [name, value] : from_environment()) raw[name] = value;
  for (auto& [name, value] : parse_flags(args, rest)) raw[name] = value;
  return make_settings(raw, needed);
}

std::optional<std::array<unsigned char, 32>> parse_master_key(std::string_view text) {
  std::array<unsigned char, 32> key{};
  text = trim(text);
  if (text.size() == 64 && std::all_of(text.begin(), text.end(), ::isxdigit)) {
    for (std::size_t i = 0; i < 32; ++i)
      std::from_chars(text.data() + 2 * i, text.data() + 2 * i + 2, key[i], 16);
    return key;
  }
  // 32 bytes of base64 are 44 characters, one '=' of padding.
  const auto decoded = text.size() == 44 ? domain::base64_decode(text) : std::nullopt;
  if (!decoded || decoded->size() != key.size()) return std::nullopt;
  std::copy(decoded->begin(), decoded->end(), key.begin());
  return key;
}

std::string answer_settings(const settings& s) {
  std::string out = "region=" + s.default_region;
  out.append(" timezone=").append(s.default_timezone);
  out.append(" deadline_ms=").append(std::to_string(s.tool_deadline.count()));
  out.append(" availability_ttl=").append(std::to_string(s.availability_ttl.count()));
  out.append(" failed_time=").append(std::to_string(s.failed_time.count()));
  return out;
}

}  // namespace frontdesk::config
