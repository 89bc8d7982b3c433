#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time_zone.hpp"
#include "http/json.hpp"

// What a simulated Cliniko account holds at start: its records in Cliniko's own shapes, plus what
// Cliniko keeps elsewhere (which practitioner offers which appointment type, weekly rosters).
namespace frontdesk::sim {

/// A practitioner's working hours at one business on one weekday, in the business's zone.
struct shift {
  std::string practitioner_id;
  std::string business_id;
  unsigned weekday;  // 0 = Sunday
  int start_minute;
  int end_minute;
};

struct scenario {
  std::vector<json_value> businesses;
  std::vector<json_value> practitioners;
  std::vector<json_value> appointment_types;
  std::vector<json_value> patients;
  std::vector<json_value> appointments;
  /// Practitioner id -> the appointment types they offer.
  std::map<std::string, std::vector<std::string>> practitioner_types;
  std::vector<shift> shifts;
  /// What `GET /settings` shows: `account{name, country, time_zone}` (a Rails zone label),
  /// `calendar{timeslot_size_in_minutes}` and `online_bookings{…}`; `/settings/public` shows the
  /// first two.
  json_value settings;
};

/// The IANA zone of the scenario's account, in which availability queries' dates are read.
std::string account_zone(const scenario& s);

struct scenario_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Reads a scenario file (format in sim/scenarios/README.md). Appointments are placed relative
/// to `now` ("day_offset" days from today at "time" in the business's zone).
scenario load_scenario(std::string_view json_text, domain::instant now);

/// The demo clinic that ships with the repository (sim/scenarios/demo.json, built in).
scenario demo_scenario(domain::instant now);

/// A large clinic for benchmarks: `locations` businesses and `practitioners` practitioners, each
/// working at every location one day a week, six appointment types.
scenario generated_scenario(int locations, int practitioners, domain::instant now);

/// The scenario counts a full sync must find: businesses, practitioners, types, patients and
/// appointments that are not archived.
struct scenario_counts {
  std::size_t businesses, practitioners, appointment_types, patients, appointments;
};
scenario_counts count(const scenario& s);

}  // namespace frontdesk::sim
