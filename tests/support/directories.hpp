#pragma once

#include <memory>

#include "messages/directory.hpp"

// A clinic's directory built by hand, for tests of the tools and the session that need no
// database: two locations in two time zones, Dr Sarah Chen at Bondi Junction (and working at
// Richmond, where she offers nothing), Sean Murphy at Richmond, one service.
namespace frontdesk::test_support {

inline clinic_view two_locations() {
  auto d = std::make_shared<domain::clinic_directory>();
  d->clinic_id = 1;
  d->clinic_name = "Harbour Health";
  d->locations = {
      {"11", "Harbour Health Bondi Junction", "Bondi Junction", "", "Bondi Junction",
       "Australia/Sydney"},
      {"12", "Harbour Health Richmond", "Richmond", "", "Richmond", "Australia/Melbourne"}};
  d->practitioners = {{"21", "Dr Sarah Chen", "Sarah", "Chen", "Physiotherapist"},
                      {"22", "Sean Murphy", "Sean", "Murphy", "Physiotherapist"}};
  d->services = {{"31", "Initial Consultation", "Physiotherapy", 45}};
  d->offerings = {{"11", "21", "31", "Australia/Sydney"},
                  {"12", "22", "31", "Australia/Melbourne"}};
  d->works_at = {{"21", "11"}, {"21", "12"}, {"22", "12"}};
  return {1, "Harbour Health", "Australia/Sydney", d};
}

}  // namespace frontdesk::test_support
