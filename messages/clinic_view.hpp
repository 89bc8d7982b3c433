#pragma once

#include <string>

#include "messages/database_status.hpp"
#include "messages/fields.hpp"

// The clinic a call is for, as the directory hands it out. Plain records: no CAF here.
namespace frontdesk {

/// The clinic a call is for, with its directory as the local copy last held it.
struct clinic_view {
  clinic_id id = 0;
  std::string name;
  std::string time_zone;
  directory_ptr directory;
};

constexpr auto fields(const clinic_view*) {
  return record_fields{"clinic_view", field{"id", &clinic_view::id},
                       field{"name", &clinic_view::name},
                       field{"time_zone", &clinic_view::time_zone},
                       field{"directory", &clinic_view::directory, not_recorded}};
}

}  // namespace frontdesk
