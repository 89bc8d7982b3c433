#include "config/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>

#include "config/settings.hpp"
#include "domain/redact.hpp"

namespace frontdesk::config {
namespace {

void append_escaped(spdlog::memory_buf_t& out, spdlog::string_view_t text) {
  static constexpr char hex[] = "0123456789abcdef";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (c < 0x20) {
      const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
      out.append(escaped, escaped + 6);
    } else {
      out.push_back(ch);
    }
  }
}

// {"ts":"2026-11-26T01:02:03.456Z","level":"info","msg":"..."} — one object per line, for log
// shippers in production.
class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto since_epoch = msg.time.time_since_epoch();
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
    const std::time_t t = seconds.count();
    std::tm utc{};
    gmtime_r(&t, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis));
    const auto level = spdlog::level::to_string_view(msg.level);
    dest.append(std::string_view{"{\"ts\":\""});
    dest.append(std::string_view{stamp});
    dest.append(std::string_view{"\",\"level\":\""});
    dest.append(level.data(), level.data() + level.size());
    dest.append(std::string_view{"\",\"msg\":\""});
    append_escaped(dest, msg.payload);
    dest.append(std::string_view{"\"}\n"});
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

// Every message goes through domain::printable first, whatever a caller put in a field that is
// logged: one line per message, no terminal escapes, only valid UTF-8.
class printable_formatter final : public spdlog::formatter {
 public:
  explicit printable_formatter(std::unique_ptr<spdlog::formatter> inner)
      : inner_(std::move(inner)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto safe = domain::printable({msg.payload.data(), msg.payload.size()});
    auto copy = msg;
    copy.payload = spdlog::string_view_t{safe.data(), safe.size()};
    inner_->format(copy, dest);
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<printable_formatter>(inner_->clone());
  }

 private:
  std::unique_ptr<spdlog::formatter> inner_;
};

}  // namespace

std::unique_ptr<spdlog::formatter> log_formatter(environment env) {
  if (env == environment::production)
    return std::make_unique<printable_formatter>(std::make_unique<json_formatter>());
  return std::make_unique<printable_formatter>(
      std::make_unique<spdlog::pattern_formatter>("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ %v"));
}

void setup_logging(const settings& s) {
  spdlog::drop("frontdesk");
  auto logger = spdlog::stdout_color_mt("frontdesk");
  logger->set_formatter(log_formatter(s.env));
  logger->set_level(spdlog::level::from_str(s.log_level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

}  // namespace frontdesk::config
