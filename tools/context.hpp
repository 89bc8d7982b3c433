#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/cliniko.hpp"

// What a conversation has settled so far. The session keeps it between calls; the tools read it
// to fill in what the caller leaves out, and record in it what each call settles.
namespace frontdesk::tools {

/// A time read out to the caller, and whose it is.
struct offered_time {
  unix_seconds start = 0;
  domain::offering source;
};

/// The location, practitioner and service the call has settled, the times last read out, and
/// the appointment it last booked or moved.
struct booking_context {
  std::string location_id;
  std::string practitioner_id;
  std::string service_id;
  /// The times last read out (at most three), for the caller to choose from.
  std::vector<offered_time> offered;
  /// The appointment this call last booked or moved ("cancel it" needs no reference).
  std::string appointment_id;
  /// The appointment this call last booked: cancelling it is not a late cancellation.
  std::string booked_in_call;
  /// Every appointment this call booked, moved, or found by the caller's own number: theirs to
  /// change without being asked whose it is (the privacy rule, domain/bookings.hpp).
  std::vector<std::string> known_appointments;
  /// The caller's past appointments on their own number, newest first, once read.
  std::optional<std::vector<appointment>> history;
};

}  // namespace frontdesk::tools
