#include "tools/catalogue.hpp"

#include "tools/availability.hpp"
#include "tools/bookings.hpp"
#include "tools/caller.hpp"
#include "tools/locations.hpp"
#include "tools/practitioners.hpp"

namespace frontdesk::tools {

const std::vector<catalogue_entry>& catalogue() {
  static const std::vector<catalogue_entry> table{
      {"/location-resolver", resolve_location},
      {"/confirm-location", confirm_location},
      {"/get-location-practitioners", location_practitioners},
      {"/get-practitioner-services", practitioner_services},
      {"/get-practitioner-info", practitioner_info},
      {"/availability-checker", knowing_the_caller<check_availability>},
      {"/get-available-practitioners", available_practitioners},
      {"/find-next-available", knowing_the_caller<find_next_available>},
      {"/appointment-handler", handle_appointment},
      {"/cancel-appointment", cancel_appointment},
  };
  return table;
}

const catalogue_entry* find_tool(std::string_view path) {
  for (const auto& entry : catalogue())
    if (entry.path == path) return &entry;
  return nullptr;
}

}  // namespace frontdesk::tools
