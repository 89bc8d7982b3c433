#include "config/settings.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace frontdesk::config;

namespace {

// The first complaint about `raw` of a command that uses `needed`, or "".
std::string error_of(const raw_settings& raw, uses needed = uses::nothing) {
  try {
    make_settings(raw, needed);
  } catch (const config_error& e) {
    return e.what();
  }
  return "";
}

const std::string valid_key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

raw_settings production_basics() {
  return {{"ENVIRONMENT", "production"},
          {"DATABASE_URL", "postgresql://u@h/d"},
          {"FRONTDESK_API_KEYS", "a-long-production-key-0001"},
          {"FRONTDESK_MASTER_KEY", valid_key},
          {"CLINIKO_USER_AGENT", "Harbour Health reception (it@harbourhealth.com.au)"}};
}

}  // namespace

TEST(Config, DefaultsWhenNothingIsSet) {
  const auto s = make_settings({});
  EXPECT_EQ(s.port, 8080);
  EXPECT_EQ(s.bind_address, "127.0.0.1");
  EXPECT_EQ(s.env, environment::development);
  EXPECT_EQ(s.default_timezone, "Australia/Sydney");
  EXPECT_EQ(s.default_region, "AU");
  EXPECT_EQ(s.log_level, "info");
  EXPECT_EQ(s.max_body_bytes, 64u * 1024u);
  EXPECT_TRUE(s.api_keys.empty());
  EXPECT_FALSE(s.master_key.has_value());
}

TEST(Config, ReadsEverySetting) {
  const auto s = make_settings({{"DATABASE_URL", "postgresql://u@h:1/d"},
                                {"PORT", "9000"},
                                {"BIND_ADDRESS", "::1"},
                                {"FRONTDESK_API_KEYS", " one, two ,,three "},
                                {"DEFAULT_TIMEZONE", "Australia/Perth"},
                                {"DEFAULT_REGION", "NZ"},
                                {"LOG_LEVEL", "debug"},
                                {"CLINIKO_BASE_URL", "http://127.0.0.1:9000/v1"},
                                {"CLINIKO_USER_AGENT", "Acme Clinic (it@acme.example)"},
                                {"TOOL_DEADLINE_MS", "5000"},
                                {"HTTP_THREADS", "3"}});
  EXPECT_EQ(s.database_url, "postgresql://u@h:1/d");
  EXPECT_EQ(s.port, 9000);
  EXPECT_EQ(s.bind_address, "::1");
  EXPECT_EQ(s.api_keys, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(s.default_timezone, "Australia/Perth");
  EXPECT_EQ(s.default_region, "NZ");
  EXPECT_EQ(s.log_level, "debug");
  EXPECT_EQ(s.cliniko_base_url, "http://127.0.0.1:9000/v1");
  EXPECT_EQ(s.cliniko_user_agent, "Acme Clinic (it@acme.example)");
  EXPECT_EQ(s.tool_deadline.count(), 5000);
  EXPECT_EQ(s.http_threads, 3);
}

TEST(Config, InvalidValuesNameTheSetting) {
  const std::vector<std::pair<raw_settings, std::string>> cases{
      {{{"PORT", "eighty"}}, "PORT"},
      {{{"PORT", "70000"}}, "PORT"},
      {{{"BIND_ADDRESS", "localhost"}}, "BIND_ADDRESS"},
      {{{"CONSOLE_BIND", "8091"}}, "CONSOLE_BIND"},
      {{{"CONSOLE_BIND", "localhost:8091"}}, "CONSOLE_BIND"},
      {{{"CONSOLE_BIND", "127.0.0.1:70000"}}, "CONSOLE_BIND"},
      {{{"ENVIRONMENT", "staging"}}, "ENVIRONMENT"},
      {{{"DEFAULT_TIMEZONE", "Mars/Olympus_Mons"}}, "DEFAULT_TIMEZONE"},
      {{{"DEFAULT_REGION", "XX"}}, "DEFAULT_REGION"},
      {{{"LOG_LEVEL", "loud"}}, "LOG_LEVEL"},
      {{{"CLINIKO_BASE_URL", "ftp://cliniko"}}, "CLINIKO_BASE_URL"},
      {{{"CLINIKO_USER_AGENT", ""}}, "CLINIKO_USER_AGENT"},
      {{{"FRONTDESK_MASTER_KEY", "too-short"}}, "FRONTDESK_MASTER_KEY"},
      {{{"FRONTDESK_AUTH_DISABLED", "perhaps"}}, "FRONTDESK_AUTH_DISABLED"},
      {{{"MAX_BODY_BYTES", "-1"}}, "MAX_BODY_BYTES"},
      {{{"HEADER_TIMEOUT_MS", "0"}}, "HEADER_TIMEOUT_MS"},
  };
  for (const auto& [raw, name] : cases) {
    const auto message = error_of(raw);
    EXPECT_NE(message.find(name), std::string::npos) << "for " << name << ": '" << message << "'";
    EXPECT_EQ(message.find('\n'), std::string::npos) << "one line: " << message;
  }
}

TEST(Config, ProductionRefusesToStartWithoutApiKeys) {
  auto raw = production_basics();
  EXPECT_EQ(error_of(raw, uses::everything), "");
  raw.erase("FRONTDESK_API_KEYS");
  EXPECT_NE(error_of(raw, uses::everything).find("FRONTDESK_API_KEYS"), std::string::npos);
}

TEST(Config, ProductionRefusesWeakKeysDisabledAuthAndNoMasterKey) {
  auto weak = production_basics();
  weak["FRONTDESK_API_KEYS"] = "short";
  EXPECT_NE(error_of(weak, uses::everything).find("FRONTDESK_API_KEYS"), std::string::npos);

  auto open = production_basics();
  open["FRONTDESK_AUTH_DISABLED"] = "true";
  EXPECT_NE(error_of(open, uses::everything).find("FRONTDESK_AUTH_DISABLED"), std::string::npos);

  auto no_master = production_basics();
  no_master.erase("FRONTDESK_MASTER_KEY");
  EXPECT_NE(error_of(no_master, uses::everything).find("FRONTDESK_MASTER_KEY"), std::string::npos);
}

TEST(Config, ProductionRefusesAPlaceholderUserAgent) {
  for (const char* agent :
       {"frontdesk (support@frontdesk.invalid)", "frontdesk", "Acme (it@example.com)",
        "Acme (dev@acme.test)", "Acme (root@localhost)"}) {
    auto raw = production_basics();
    raw["CLINIKO_USER_AGENT"] = agent;
    EXPECT_NE(error_of(raw, uses::everything).find("CLINIKO_USER_AGENT"), std::string::npos)
        << agent;
  }
  auto unset = production_basics();
  unset.erase("CLINIKO_USER_AGENT");  // the built-in placeholder
  EXPECT_NE(error_of(unset, uses::everything).find("CLINIKO_USER_AGENT"), std::string::npos);
  // Development talks to the simulator: the placeholder is fine there.
  EXPECT_EQ(make_settings({}).cliniko_user_agent, "frontdesk (support@frontdesk.invalid)");
}

TEST(Config, DevelopmentMayDisableAuthExplicitly) {
  EXPECT_TRUE(make_settings({{"FRONTDESK_AUTH_DISABLED", "true"}}).auth_disabled);
  EXPECT_FALSE(make_settings({}).auth_disabled);
}

TEST(Config, ParsesDotenvText) {
  const auto raw = parse_dotenv(
      "# comment\n"
      "PORT=9001\n"
      "export LOG_LEVEL=debug\n"
      "  DEFAULT_REGION = NZ   # trailing comment\n"
      "CLINIKO_USER_AGENT=\"Acme Clinic (it@acme.example)\"\n"
      "ELEVENLABS_WEBHOOK_SECRET='s3cr#t'\n"
      "not a setting line\n"
      "\n");
  EXPECT_EQ(raw.at("PORT"), "9001");
  EXPECT_EQ(raw.at("LOG_LEVEL"), "debug");
  EXPECT_EQ(raw.at("DEFAULT_REGION"), "NZ");
  EXPECT_EQ(raw.at("CLINIKO_USER_AGENT"), "Acme Clinic (it@acme.example)");
  EXPECT_EQ(raw.at("ELEVENLABS_WEBHOOK_SECRET"), "s3cr#t");
  EXPECT_EQ(raw.size(), 5u);
}

TEST(Config, ParsesFlagsAndLeavesTheRest) {
  std::vector<std::string> rest;
  const auto raw = parse_flags({"--port", "9002", "--log-level=warn", "--name", "Bondi"}, &rest);
  EXPECT_EQ(raw.at("PORT"), "9002");
  EXPECT_EQ(raw.at("LOG_LEVEL"), "warn");
  EXPECT_EQ(rest, (std::vector<std::string>{"--name", "Bondi"}));
  EXPECT_THROW(parse_flags({"--bogus", "1"}, nullptr), config_error);
  EXPECT_THROW(parse_flags({"--port"}, nullptr), config_error);
}

TEST(Config, LayersDotenvThenEnvironmentThenFlags) {
  const auto path = std::filesystem::temp_directory_path() / "frontdesk-config-test.env";
  std::ofstream(path) << "PORT=1111\nLOG_LEVEL=debug\nDEFAULT_REGION=GB\n";
  ::setenv("FRONTDESK_ENV_FILE", path.c_str(), 1);
  ::setenv("PORT", "2222", 1);
  ::setenv("DEFAULT_REGION", "NZ", 1);

  const auto from_flags = load_settings({"--port", "3333"}, nullptr);
  EXPECT_EQ(from_flags.port, 3333);            // flag beats environment
  EXPECT_EQ(from_flags.default_region, "NZ");  // environment beats .env
  EXPECT_EQ(from_flags.log_level, "debug");    // .env beats default
  EXPECT_EQ(load_settings({}, nullptr).port, 2222);

  ::unsetenv("PORT");
  ::unsetenv("DEFAULT_REGION");
  EXPECT_EQ(load_settings({}, nullptr).port, 1111);
  ::unsetenv("FRONTDESK_ENV_FILE");
  std::filesystem::remove(path);
}

TEST(Config, EveryRowOfTheTableParsesItsDefaultAndKeepsItsBounds) {
  const settings defaults;
  for (const auto& info : known_settings()) {
    SCOPED_TRACE(std::string(info.name));
    ASSERT_NE(info.store, nullptr);
    EXPECT_TRUE(info.name.size() > 1 && info.flag.starts_with("--") && !info.help.empty());
    // The flag names its row, and the row's default is what an empty configuration gets.
    EXPECT_EQ(parse_flags({std::string(info.flag), info.default_value}, nullptr)
                  .count(std::string(info.name)),
              1u);
    EXPECT_TRUE(make_settings({{std::string(info.name), info.default_value}}) == defaults);
    if (!info.bounded()) continue;
    for (const auto inside : {info.low, info.high})
      EXPECT_EQ(error_of({{std::string(info.name), std::to_string(inside)}}), "") << inside;
    for (const auto outside : {info.low - 1, info.high + 1}) {
      const auto message = error_of({{std::string(info.name), std::to_string(outside)}});
      EXPECT_NE(message.find(info.name), std::string::npos) << outside << ": " << message;
    }
  }
}

TEST(Config, EveryRowChangesItsMember) {
  // A row that stored its value in another row's member would pass every other test.
  const settings defaults;
  const raw_settings changed{{"PORT", "1"},
                             {"BIND_ADDRESS", "::1"},
                             {"FRONTDESK_API_KEYS", "k"},
                             {"FRONTDESK_AUTH_DISABLED", "true"},
                             {"ELEVENLABS_WEBHOOK_SECRET", "s"},
                             {"WEBHOOK_TOLERANCE_SECONDS", "60"},
                             {"WEBHOOK_ALLOW_UNSIGNED", "true"},
                             {"WEBHOOK_MAX_BODY_BYTES", "65536"},
                             {"WEBHOOK_SPOOL_DIR", "elsewhere"},
                             {"TRANSCRIPT_RETENTION_DAYS", "2"},
                             {"AUDIO_DIR", "audio"},
                             {"AUDIO_RETENTION_DAYS", "2"},
                             {"RECORD_SESSIONS", "false"},
                             {"RECORDING_RETENTION_DAYS", "2"},
                             {"DEFAULT_TIMEZONE", "Australia/Perth"},
                             {"DEFAULT_REGION", "NZ"},
                             {"LOG_LEVEL", "warn"},
                             {"PUBLIC_URL", "https://fd.example.com/"},
                             {"CLINIKO_BASE_URL", "http://127.0.0.1:1/v1"},
                             {"CLINIKO_USER_AGENT", "x (a@b.example)"},
                             {"CLINIKO_CA_FILE", "ca.pem"},
                             {"CLINIKO_RATE_LIMIT", "7"},
                             {"SYNC_INTERVAL_SECONDS", "0"},
                             {"DIRECTORY_REFRESH_SECONDS", "60"},
                             {"AVAILABILITY_TTL_SECONDS", "1"},
                             {"AVAILABILITY_WARM_SECONDS", "0"},
                             {"AVAILABILITY_WARM_PERCENT", "1"},
                             {"FAILED_TIME_SECONDS", "1"},
                             {"FRONTDESK_MASTER_KEY", valid_key},
                             {"MAX_BODY_BYTES", "1024"},
                             {"HEADER_TIMEOUT_MS", "1"},
                             {"IDLE_TIMEOUT_MS", "1"},
                             {"TOOL_DEADLINE_MS", "1"},
                             {"SHUTDOWN_GRACE_MS", "1"},
                             {"DRAIN_MS", "7"},
                             {"HTTP_THREADS", "64"},
                             {"MAX_IN_FLIGHT", "1"},
                             {"DATABASE_POOL_SIZE", "64"},
                             {"NODE_NAME", "node-b"},
                             {"CONSOLE_BIND", "[::1]:8091"},
                             {"CONSOLE_SECURE_COOKIES", "true"},
                             {"DATABASE_URL", "postgresql://x"},
                             {"ENVIRONMENT", "development"}};
  // Every row is listed above (ENVIRONMENT's other value is production, tested on its own).
  for (const auto& info : known_settings())
    EXPECT_EQ(changed.count(std::string(info.name)), 1u) << info.name << " is not covered";
  const auto s = make_settings(changed);
  EXPECT_EQ(s.port, 1);
  EXPECT_EQ(s.bind_address, "::1");
  EXPECT_EQ(s.node_name, "node-b");
  EXPECT_EQ(s.console_bind, "[::1]:8091");
  EXPECT_TRUE(s.console_secure_cookies);
  EXPECT_EQ(s.drain_time, std::chrono::milliseconds{7});
  EXPECT_EQ(s.api_keys, std::vector<std::string>{"k"});
  EXPECT_TRUE(s.auth_disabled);
  EXPECT_EQ(s.webhook_secrets, std::vector<std::string>{"s"});
  EXPECT_EQ(s.webhook_tolerance, std::chrono::seconds{60});
  EXPECT_TRUE(s.webhook_unsigned);
  EXPECT_EQ(s.webhook_max_body_bytes, 65536u);
  EXPECT_EQ(s.webhook_spool_dir, "elsewhere");
  EXPECT_EQ(s.transcript_retention, std::chrono::hours{48});
  EXPECT_EQ(s.audio_dir, "audio");
  EXPECT_EQ(s.audio_retention, std::chrono::hours{48});
  EXPECT_FALSE(s.record_sessions);
  EXPECT_EQ(s.recording_retention, std::chrono::hours{48});
  EXPECT_EQ(s.default_timezone, "Australia/Perth");
  EXPECT_EQ(s.default_region, "NZ");
  EXPECT_EQ(s.log_level, "warn");
  EXPECT_EQ(s.public_url, "https://fd.example.com");
  EXPECT_EQ(s.cliniko_base_url, "http://127.0.0.1:1/v1");
  EXPECT_EQ(s.cliniko_user_agent, "x (a@b.example)");
  EXPECT_EQ(s.cliniko_ca_file, "ca.pem");
  EXPECT_EQ(s.cliniko_rate_limit, 7);
  EXPECT_EQ(s.sync_interval, std::chrono::seconds{0});
  EXPECT_EQ(s.directory_refresh, std::chrono::seconds{60});
  EXPECT_EQ(s.availability_ttl, std::chrono::seconds{1});
  EXPECT_EQ(s.availability_warm_every, std::chrono::seconds{0});
  EXPECT_EQ(s.availability_warm_percent, 1);
  EXPECT_EQ(s.failed_time, std::chrono::seconds{1});
  EXPECT_TRUE(s.master_key.has_value());
  EXPECT_EQ(s.max_body_bytes, 1024u);
  EXPECT_EQ(s.header_timeout.count(), 1);
  EXPECT_EQ(s.idle_timeout.count(), 1);
  EXPECT_EQ(s.tool_deadline.count(), 1);
  EXPECT_EQ(s.shutdown_grace.count(), 1);
  EXPECT_EQ(s.http_threads, 64);
  EXPECT_EQ(s.max_in_flight, 1);
  EXPECT_EQ(s.database_pool_size, 64);
  EXPECT_EQ(s.database_url, "postgresql://x");
  EXPECT_EQ(defaults.http_threads, usable_cores());
}

TEST(Config, TheDocsListEverySettingAsTheTableHasIt) {
  std::ifstream file(std::string(FRONTDESK_DOCS) + "/configuration.md");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_NE(text.str().find(settings_markdown()), std::string::npos)
      << "docs/configuration.md's table differs from the settings: paste `frontdesk settings "
         "--markdown` there";
}

TEST(Config, ACommandRequiresOnlyWhatItUses) {
  const raw_settings migrate_only{{"ENVIRONMENT", "production"},
                                  {"DATABASE_URL", "postgresql://u@h/d"}};
  EXPECT_NO_THROW(make_settings(migrate_only, uses::database));
  EXPECT_THROW(make_settings(migrate_only, uses::everything), config_error);
  EXPECT_THROW(make_settings(migrate_only, uses::database | uses::cliniko), config_error);
  EXPECT_THROW(make_settings({}, uses::database), config_error);  // DATABASE_URL itself
  EXPECT_NO_THROW(make_settings({}, uses::nothing));
}

TEST(Config, ReadsTheFilesScriptsRunLeavesInVar) {
  const auto dir = std::filesystem::temp_directory_path() / "frontdesk-config-var-test";
  std::filesystem::create_directories(dir / "var");
  std::ofstream(dir / "var/dev.env") << "FRONTDESK_API_KEYS=dev-key\nPORT=1111\n";
  std::ofstream(dir / "var/run.env") << "PORT=2222\nDATABASE_URL=postgresql://run@h/d\n";
  const auto before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  const auto s = load_settings({}, nullptr, uses::database);
  EXPECT_EQ(s.port, 2222);  // run.env is read after dev.env
  EXPECT_EQ(s.database_url, "postgresql://run@h/d");
  EXPECT_EQ(s.api_keys, std::vector<std::string>{"dev-key"});
  ::setenv("DATABASE_URL", "postgresql://env@h/d", 1);
  EXPECT_EQ(load_settings({}, nullptr).database_url, "postgresql://env@h/d");  // env wins
  ::unsetenv("DATABASE_URL");
  std::filesystem::current_path(before);
  std::filesystem::remove_all(dir);
}

TEST(Config, MasterKeyAcceptsHexAndBase64OfThirtyTwoBytes) {
  const auto hex = parse_master_key(valid_key);
  ASSERT_TRUE(hex.has_value());
  EXPECT_EQ((*hex)[0], 0x01);
  EXPECT_EQ((*hex)[31], 0xef);
  // The same 32 bytes in base64.
  const auto b64 = parse_master_key("ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=");
  ASSERT_TRUE(b64.has_value());
  EXPECT_EQ(*hex, *b64);
  EXPECT_FALSE(parse_master_key("ASNFZ4mrze8BI0VniavN7w==").has_value());  // 16 bytes
  EXPECT_FALSE(parse_master_key(valid_key.substr(2)).has_value());
  EXPECT_FALSE(parse_master_key(std::string(64, 'z')).has_value());
}
