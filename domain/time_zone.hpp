#pragma once

#include <string_view>

namespace frontdesk::domain {

/// Whether `name` is an IANA time zone known to the system's tz database ("Australia/Sydney").
bool is_known_time_zone(std::string_view name);

}  // namespace frontdesk::domain
