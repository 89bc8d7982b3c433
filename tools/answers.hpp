#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/directory.hpp"
#include "domain/time_zone.hpp"
#include "messages/json_value.hpp"

// The JSON of tool answers (API.md): the shared shape and the records in it. Ids are strings.
namespace frontdesk::tools {

/// {"business_id","name"}
json_value location_json(const domain::location& l);
/// {"id","name"}
json_value practitioner_json(const domain::practitioner& p);
/// {"id","name","durationMinutes"}
json_value service_json(const domain::service& s);

/// {"startTime" (ISO with the location's offset),"displayTime","displayDate"}
json_value slot_json(domain::instant t, std::string_view zone);

template <class T, class Convert>
json_value array_of(const std::vector<const T*>& records, Convert convert) {
  json_value::array items;
  for (const auto* r : records) items.push_back(convert(*r));
  return json_value{std::move(items)};
}

/// {"success":true,"message":...} to add fields to.
json_value success(std::string_view message);

/// {"success":false,"error":code,"message":...}: an outcome the agent acts on (HTTP 200).
json_value failure(std::string_view code, std::string_view message);

/// What a caller hears of a service hidden from online bookings (Cliniko gives no free times for
/// it): the clinic's team books it, and a call back is offered. Never "nothing free".
/// `practitioner` may be empty (anyone).
json_value booked_by_the_clinic(std::string_view service, std::string_view practitioner);

}  // namespace frontdesk::tools
