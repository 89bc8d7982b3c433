#pragma once

#include <spdlog/formatter.h>

#include <memory>

namespace frontdesk::config {

struct settings;
enum class environment;

/// How log lines are written: human-readable lines in development, one JSON object per line in
/// production. Either way a message is made printable first (domain::printable): a caller's
/// newline or terminal escape cannot forge a line, and only valid UTF-8 is written.
std::unique_ptr<spdlog::formatter> log_formatter(environment env);

/// Sets the default logger with log_formatter, at the configured level.
void setup_logging(const settings& s);

}  // namespace frontdesk::config
