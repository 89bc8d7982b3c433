#include "domain/time_zone.hpp"

#include <date/tz.h>

#include <stdexcept>
#include <string>

namespace frontdesk::domain {

bool is_known_time_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name)) != nullptr;
  } catch (const std::runtime_error&) {
    return false;
  }
}

}  // namespace frontdesk::domain
