#pragma once

#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

// A clinic's directory as the tools read it: where it is, who works there, what they offer.
namespace frontdesk::domain {

struct location {
  std::string id;  // Cliniko business id
  std::string name;
  std::string label;
  std::string address;
  std::string city;
  std::string time_zone;
};

struct practitioner {
  std::string id;  // Cliniko practitioner id
  std::string display_name;
  std::string first_name;
  std::string last_name;
  std::string designation;
};

struct service {
  std::string id;  // Cliniko appointment type id
  std::string name;
  std::string category;
  int duration_minutes = 0;
};

/// Who can be booked for what, where: a practitioner's service at a location, with the
/// location's IANA zone (dates of free times are local to it). Free times are had per offering.
struct offering {
  std::string location_id;
  std::string practitioner_id;
  std::string service_id;
  std::string zone;

  auto key() const { return std::tie(location_id, practitioner_id, service_id); }
  friend bool operator<(const offering& a, const offering& b) { return a.key() < b.key(); }
  friend bool operator==(const offering& a, const offering& b) { return a.key() == b.key(); }
};

/// What a clinic offers where, as the local copy holds it (live records only).
struct clinic_directory {
  std::int64_t clinic_id = 0;
  std::string clinic_name;
  std::vector<location> locations;
  std::vector<practitioner> practitioners;
  std::vector<service> services;
  std::vector<offering> offerings;
  /// Who works where, services or not (a practitioner can work where none of theirs is offered).
  std::vector<std::pair<std::string, std::string>> works_at;  // practitioner id, location id

  const location* find_location(const std::string& id) const;
  const practitioner* find_practitioner(const std::string& id) const;
};

}  // namespace frontdesk::domain
