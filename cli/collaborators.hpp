#pragma once

#include <vector>

#include "cli/runtime.hpp"
#include "messages/availability.hpp"
#include "messages/bookings.hpp"
#include "messages/database.hpp"
#include "messages/directory.hpp"

// What sessions ask, wired as `frontdesk serve` wires them: shared by serve and by
// `replay --live`.
namespace frontdesk::cli {

/// An active clinic with its opened Cliniko key.
struct served_clinic {
  clinic_record clinic;
  std::string key;
};

struct collaborators {
  std::vector<served_clinic> clinics;
  database_actor database;
  availability_actor availability;
  directory_actor directory;
  bookings_actor bookings;

  /// Ends all but the database, which the caller ends last (the gateways end with the runtime).
  void stop() const;
};

/// The active clinics, their free times, directory and bookings, on `cliniko`'s actor system;
/// each clinic's directory loading already. Throws config_error when keys cannot be opened.
collaborators start_collaborators(cliniko_runtime& cliniko, const config::settings& s);

}  // namespace frontdesk::cli
