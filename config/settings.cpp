#include "config/settings.hpp"

#include <arpa/inet.h>
#include <openssl/evp.h>
#include <sched.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

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

std::chrono::milliseconds to_millis(std::string_view name, std::string_view text) {
  return std::chrono::milliseconds{to_integer(name, text, 1, 3'600'000)};
}

std::array<unsigned char, 32> decode_master_key(std::string_view text) {
  auto key = parse_master_key(text);
  if (!key) fail("FRONTDESK_MASTER_KEY", "", "expected 32 bytes as 64 hex digits or base64");
  return *key;
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

void check_production(const settings& s) {
  if (s.api_keys.empty())
    throw config_error("FRONTDESK_API_KEYS is required in production (comma-separated keys)");
  if (s.auth_disabled) throw config_error("FRONTDESK_AUTH_DISABLED is not allowed in production");
  if (s.webhook_unsigned) throw config_error("WEBHOOK_ALLOW_UNSIGNED is not allowed in production");
  for (const auto& key : s.api_keys)
    if (key.size() < 16)
      throw config_error(
          "invalid FRONTDESK_API_KEYS: each key needs at least 16 characters in "
          "production");
  if (!s.master_key)
    throw config_error("FRONTDESK_MASTER_KEY is required in production (it seals Cliniko keys)");
  if (!names_real_contact(s.cliniko_user_agent))
    throw config_error(
        "CLINIKO_USER_AGENT must name this deployment and a real contact email in production, "
        "e.g. \"Acme Clinic (it@acme.com.au)\": Cliniko may block requests without one (now \"" +
        s.cliniko_user_agent + "\")");
}

}  // namespace

const std::vector<setting_info>& known_settings() {
  static const std::vector<setting_info> table{
      {"DATABASE_URL", "--database-url", "PostgreSQL connection URL", ""},
      {"PORT", "--port", "TCP port to serve on", "8080"},
      {"BIND_ADDRESS", "--bind-address", "IP address to listen on", "127.0.0.1"},
      {"FRONTDESK_API_KEYS", "--api-keys", "comma-separated keys accepted in x-api-key", ""},
      {"FRONTDESK_AUTH_DISABLED", "--auth-disabled",
       "development only: serve tools without x-api-key", "false"},
      {"ENVIRONMENT", "--environment", "development or production", "development"},
      {"ELEVENLABS_WEBHOOK_SECRET", "--elevenlabs-webhook-secret",
       "HMAC secrets of the post-call webhook, comma-separated (workspaces, rotation)", ""},
      {"WEBHOOK_TOLERANCE_SECONDS", "--webhook-tolerance-seconds",
       "how old a webhook signature may be", "1800"},
      {"WEBHOOK_ALLOW_UNSIGNED", "--webhook-allow-unsigned",
       "development only: take post-call events without a signature", "false"},
      {"WEBHOOK_MAX_BODY_BYTES", "--webhook-max-body-bytes",
       "largest post-call event taken (audio)", "67108864"},
      {"WEBHOOK_SPOOL_DIR", "--webhook-spool-dir",
       "where events wait (fsynced) while PostgreSQL is away", "frontdesk-spool"},
      {"TRANSCRIPT_RETENTION_DAYS", "--transcript-retention-days",
       "days transcripts, summaries and callers' numbers are kept", "30"},
      {"AUDIO_DIR", "--audio-dir", "where calls' audio is kept, sealed (empty: not kept)", ""},
      {"AUDIO_RETENTION_DAYS", "--audio-retention-days", "days kept audio is kept", "7"},
      {"RECORD_SESSIONS", "--record-sessions",
       "record every session for replay and restarts (needs FRONTDESK_MASTER_KEY)", "true"},
      {"RECORDING_RETENTION_DAYS", "--recording-retention-days", "days recordings are kept", "30"},
      {"DEFAULT_TIMEZONE", "--default-timezone", "IANA time zone for new clinics",
       "Australia/Sydney"},
      {"DEFAULT_REGION", "--default-region", "region for national phone numbers", "AU"},
      {"LOG_LEVEL", "--log-level", "trace, debug, info, warn, error or off", "info"},
      {"PUBLIC_URL", "--public-url",
       "where ElevenLabs reaches this server (agent-config writes it into the tools)", ""},
      {"CLINIKO_BASE_URL", "--cliniko-base-url",
       "override of the shard-derived Cliniko API base URL", ""},
      {"CLINIKO_USER_AGENT", "--cliniko-user-agent", "User-Agent sent to Cliniko",
       "frontdesk (support@frontdesk.invalid)"},
      {"CLINIKO_CA_FILE", "--cliniko-ca-file", "extra CA certificates (PEM) to trust for Cliniko",
       ""},
      {"CLINIKO_RATE_LIMIT", "--cliniko-rate-limit", "Cliniko requests per minute per API key",
       "200"},
      {"SYNC_INTERVAL_SECONDS", "--sync-interval-seconds",
       "how often appointments and patients are synced (0: on demand only)", "300"},
      {"DIRECTORY_REFRESH_SECONDS", "--directory-refresh-seconds",
       "how often locations, practitioners and services are refreshed", "3600"},
      {"AVAILABILITY_TTL_SECONDS", "--availability-ttl-seconds",
       "how long free times fetched from Cliniko are reused", "120"},
      {"AVAILABILITY_WARM_SECONDS", "--availability-warm-seconds",
       "how often the most asked free times are refreshed in the background (0: never)", "30"},
      {"AVAILABILITY_WARM_PERCENT", "--availability-warm-percent",
       "the most of the Cliniko rate limit background refreshing may spend", "25"},
      {"FAILED_TIME_SECONDS", "--failed-time-seconds",
       "how long a time that failed to book is not offered again", "900"},
      {"FRONTDESK_MASTER_KEY", "--master-key",
       "32-byte key (hex or base64) sealing Cliniko keys at rest", ""},
      {"MAX_BODY_BYTES", "--max-body-bytes", "largest request body accepted", "65536"},
      {"HEADER_TIMEOUT_MS", "--header-timeout-ms", "time allowed to send a whole request", "10000"},
      {"IDLE_TIMEOUT_MS", "--idle-timeout-ms", "keep-alive time between requests", "60000"},
      {"TOOL_DEADLINE_MS", "--tool-deadline-ms", "longest a tool call may take", "8000"},
      {"SHUTDOWN_GRACE_MS", "--shutdown-grace-ms", "time to drain requests on SIGTERM", "10000"},
      {"HTTP_THREADS", "--http-threads",
       "I/O threads of the HTTP server (default: one per usable core)", ""},
      {"MAX_IN_FLIGHT", "--max-in-flight", "requests answered at once before shedding load (429)",
       "1024"},
      {"DATABASE_POOL_SIZE", "--database-pool-size", "PostgreSQL connections", "4"},
  };
  return table;
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

settings make_settings(const raw_settings& raw) {
  settings s;
  const auto get = [&](std::string_view name) -> std::optional<std::string> {
    auto it = raw.find(name);
    if (it == raw.end()) return std::nullopt;
    return it->second;
  };
  if (auto v = get("DATABASE_URL")) s.database_url = *v;
  if (auto v = get("PORT")) s.port = static_cast<std::uint16_t>(to_integer("PORT", *v, 0, 65535));
  if (auto v = get("BIND_ADDRESS")) {
    if (!is_ip_address(*v)) fail("BIND_ADDRESS", *v, "expected an IPv4 or IPv6 address");
    s.bind_address = *v;
  }
  if (auto v = get("FRONTDESK_API_KEYS")) s.api_keys = split_list(*v);
  if (auto v = get("FRONTDESK_AUTH_DISABLED"))
    s.auth_disabled = to_bool("FRONTDESK_AUTH_DISABLED", *v);
  if (auto v = get("ENVIRONMENT")) {
    if (*v == "production")
      s.env = environment::production;
    else if (*v != "development")
      fail("ENVIRONMENT", *v, "expected development or production");
  }
  if (auto v = get("ELEVENLABS_WEBHOOK_SECRET")) s.webhook_secrets = split_list(*v);
  if (auto v = get("WEBHOOK_TOLERANCE_SECONDS"))
    s.webhook_tolerance =
        std::chrono::seconds{to_integer("WEBHOOK_TOLERANCE_SECONDS", *v, 60, 86'400)};
  if (auto v = get("WEBHOOK_ALLOW_UNSIGNED"))
    s.webhook_unsigned = to_bool("WEBHOOK_ALLOW_UNSIGNED", *v);
  if (auto v = get("WEBHOOK_MAX_BODY_BYTES"))
    s.webhook_max_body_bytes = static_cast<std::size_t>(
        to_integer("WEBHOOK_MAX_BODY_BYTES", *v, 64 << 10, std::int64_t{1} << 30));
  if (auto v = get("WEBHOOK_SPOOL_DIR")) {
    if (v->empty()) fail("WEBHOOK_SPOOL_DIR", "", "a directory is needed");
    s.webhook_spool_dir = *v;
  }
  if (auto v = get("TRANSCRIPT_RETENTION_DAYS"))
    s.transcript_retention =
        std::chrono::hours{24 * to_integer("TRANSCRIPT_RETENTION_DAYS", *v, 1, 3650)};
  if (auto v = get("AUDIO_DIR")) s.audio_dir = *v;
  if (auto v = get("AUDIO_RETENTION_DAYS"))
    s.audio_retention = std::chrono::hours{24 * to_integer("AUDIO_RETENTION_DAYS", *v, 1, 3650)};
  if (auto v = get("RECORD_SESSIONS")) s.record_sessions = to_bool("RECORD_SESSIONS", *v);
  if (auto v = get("RECORDING_RETENTION_DAYS"))
    s.recording_retention =
        std::chrono::hours{24 * to_integer("RECORDING_RETENTION_DAYS", *v, 1, 3650)};
  if (auto v = get("DEFAULT_TIMEZONE")) {
    if (!domain::is_known_time_zone(*v))
      fail("DEFAULT_TIMEZONE", *v, "not an IANA time zone such as Australia/Sydney");
    s.default_timezone = *v;
  }
  if (auto v = get("DEFAULT_REGION")) {
    if (!domain::is_supported_region(*v))
      fail("DEFAULT_REGION", *v, "not a region code such as AU, NZ or GB");
    s.default_region = *v;
  }
  if (auto v = get("LOG_LEVEL")) {
    static const std::vector<std::string_view> levels{"trace", "debug",    "info", "warn",
                                                      "error", "critical", "off"};
    if (std::find(levels.begin(), levels.end(), *v) == levels.end())
      fail("LOG_LEVEL", *v, "expected trace, debug, info, warn, error, critical or off");
    s.log_level = *v;
  }
  if (auto v = get("PUBLIC_URL"); v && !v->empty()) {
    if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
      fail("PUBLIC_URL", *v, "expected an https:// URL");
    s.public_url = *v;
    while (s.public_url.ends_with('/')) s.public_url.pop_back();
  }
  if (auto v = get("CLINIKO_BASE_URL"); v && !v->empty()) {
    if (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)
      fail("CLINIKO_BASE_URL", *v, "expected an http:// or https:// URL ending in /v1");
    s.cliniko_base_url = *v;
  }
  if (auto v = get("CLINIKO_USER_AGENT")) {
    if (v->empty()) fail("CLINIKO_USER_AGENT", "", "Cliniko requires a User-Agent");
    s.cliniko_user_agent = *v;
  }
  if (auto v = get("CLINIKO_CA_FILE")) s.cliniko_ca_file = *v;
  if (auto v = get("CLINIKO_RATE_LIMIT"))
    s.cliniko_rate_limit = static_cast<int>(to_integer("CLINIKO_RATE_LIMIT", *v, 1, 100'000));
  if (auto v = get("SYNC_INTERVAL_SECONDS"))
    s.sync_interval = std::chrono::seconds{to_integer("SYNC_INTERVAL_SECONDS", *v, 0, 86'400)};
  if (auto v = get("AVAILABILITY_TTL_SECONDS"))
    s.availability_ttl = std::chrono::seconds{to_integer("AVAILABILITY_TTL_SECONDS", *v, 1, 3600)};
  if (auto v = get("AVAILABILITY_WARM_SECONDS"))
    s.availability_warm_every =
        std::chrono::seconds{to_integer("AVAILABILITY_WARM_SECONDS", *v, 0, 3600)};
  if (auto v = get("AVAILABILITY_WARM_PERCENT"))
    s.availability_warm_percent =
        static_cast<int>(to_integer("AVAILABILITY_WARM_PERCENT", *v, 0, 100));
  if (auto v = get("FAILED_TIME_SECONDS"))
    s.failed_time = std::chrono::seconds{to_integer("FAILED_TIME_SECONDS", *v, 1, 86'400)};
  if (auto v = get("DIRECTORY_REFRESH_SECONDS"))
    s.directory_refresh = std::chrono::seconds{
        to_integer("DIRECTORY_REFRESH_SECONDS", *v, 60, std::int64_t{7} * 86'400)};
  if (auto v = get("FRONTDESK_MASTER_KEY"); v && !v->empty()) s.master_key = decode_master_key(*v);
  if (auto v = get("MAX_BODY_BYTES"))
    s.max_body_bytes = static_cast<std::size_t>(to_integer("MAX_BODY_BYTES", *v, 1024, 64 << 20));
  if (auto v = get("HEADER_TIMEOUT_MS")) s.header_timeout = to_millis("HEADER_TIMEOUT_MS", *v);
  if (auto v = get("IDLE_TIMEOUT_MS")) s.idle_timeout = to_millis("IDLE_TIMEOUT_MS", *v);
  if (auto v = get("TOOL_DEADLINE_MS")) s.tool_deadline = to_millis("TOOL_DEADLINE_MS", *v);
  if (auto v = get("SHUTDOWN_GRACE_MS")) s.shutdown_grace = to_millis("SHUTDOWN_GRACE_MS", *v);
  if (auto v = get("HTTP_THREADS"))
    s.http_threads = static_cast<int>(to_integer("HTTP_THREADS", *v, 1, 64));
  if (auto v = get("MAX_IN_FLIGHT"))
    s.max_in_flight = static_cast<int>(to_integer("MAX_IN_FLIGHT", *v, 1, 1'000'000));
  if (auto v = get("DATABASE_POOL_SIZE"))
    s.database_pool_size = static_cast<int>(to_integer("DATABASE_POOL_SIZE", *v, 1, 64));
  if (s.env == environment::production) check_production(s);
  return s;
}

settings load_settings(const std::vector<std::string>& args, std::vector<std::string>* rest) {
  raw_settings raw;
  const char* env_file = std::getenv("FRONTDESK_ENV_FILE");
  std::ifstream file(env_file ? env_file : ".env");
  if (env_file && !file)
    throw config_error(std::string("cannot read FRONTDESK_ENV_FILE ") + env_file);
  if (file) {
    std::stringstream text;
    text << file.rdbuf();
    raw = parse_dotenv(text.str());
  }
  for (auto& [name, value] : from_environment()) raw[name] = value;
  for (auto& [name, value] : parse_flags(args, rest)) raw[name] = value;
  return make_settings(raw);
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
  if (text.size() != 44) return std::nullopt;
  unsigned char decoded[33];
  if (EVP_DecodeBlock(decoded, reinterpret_cast<const unsigned char*>(text.data()), 44) != 33 ||
      text.back() != '=' || text[42] == '=')
    return std::nullopt;
  std::copy(decoded, decoded + 32, key.begin());
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
