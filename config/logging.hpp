#pragma once

namespace frontdesk::config {

struct settings;

/// Sets the default logger: human-readable lines in development, one JSON object per line in
/// production, at the configured level.
void setup_logging(const settings& s);

}  // namespace frontdesk::config
