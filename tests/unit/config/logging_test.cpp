#include "config/logging.hpp"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "config/settings.hpp"
#include "domain/redact.hpp"
#include "http/json.hpp"

// What a caller puts in a logged field cannot forge a line, reach the terminal, or break a JSON
// log shipper.
using namespace frontdesk;

namespace {

// A session id as a hostile caller might send it: a second, forged log line, a terminal escape
// that turns the screen red, and bytes that are not UTF-8.
const std::string hostile =
    "conv_1\n2026-12-01 20:00:00.000 info  GET /admin 200 0.1ms session=root\x1b[31m\xff\xfe";

std::string logged(config::environment env, const std::string& message) {
  std::ostringstream out;
  auto logger = std::make_shared<spdlog::logger>(
      "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_formatter(config::log_formatter(env));
  logger->info("POST /location-resolver 200 1.000ms session={}", message);
  logger->flush();
  return out.str();
}

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    const auto length = domain::utf8_length_at(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace

TEST(Logging, DevelopmentLinesCannotBeForged) {
  const auto line = logged(config::environment::development, hostile);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1) << line;  // its own end only
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_TRUE(valid_utf8(line));
  EXPECT_NE(line.find(R"(session=conv_1\n2026-12-01)"), std::string::npos) << line;
  EXPECT_NE(line.find(R"(\x1b[31m\xff\xfe)"), std::string::npos) << line;
}

TEST(Logging, ProductionLinesAreStrictJson) {
  const auto line = logged(config::environment::production, hostile);
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  EXPECT_TRUE(valid_utf8(line));
  const auto doc = http::parse_json(line);  // simdjson refuses invalid UTF-8
  ASSERT_TRUE(doc) << line;
  const auto msg = text_field(*doc, "msg").value_or("");
  EXPECT_EQ(msg.find('\n'), std::string::npos);
  EXPECT_NE(msg.find(R"(\x1b[31m\xff\xfe)"), std::string::npos) << msg;
}

TEST(Logging, PrintableKeepsWhatIsAlreadyPlain) {
  EXPECT_EQ(domain::printable("GET /health 200 0.4ms session=conv_1"),
            "GET /health 200 0.4ms session=conv_1");
  EXPECT_EQ(domain::printable("Zoë Ōtaki"), "Zoë Ōtaki");  // UTF-8 names stay readable
  EXPECT_EQ(domain::printable("a\\nb"), R"(a\\nb)");       // a typed backslash is not a newline
  EXPECT_EQ(domain::printable("\xc2\x9b"), R"(\u009b)");   // C1 escape introducer
  EXPECT_EQ(domain::printable("\xed\xa0\x80"), R"(\xed\xa0\x80)");  // a UTF-16 surrogate
}
