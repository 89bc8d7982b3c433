#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/availability.hpp"
#include "domain/directory.hpp"
#include "messages/cliniko.hpp"

// From what a caller said to the clinic's own records: which location, practitioner or service
// they mean, or that we must ask.
namespace frontdesk::domain {

template <class T>
struct resolution {
  enum class kind {
    found,  // one record, confidently
    ask,    // a few could be meant: read them out and ask
    none,   // nothing like it
  };
  kind what = kind::none;
  const T* chosen = nullptr;
  /// For `ask`: the candidates worth reading out (at most three), best first.
  std::vector<const T*> options;
  double confidence = 0;
};

resolution<location> resolve_location(std::string_view said, const clinic_directory& d);
resolution<practitioner> resolve_practitioner(std::string_view said, const clinic_directory& d);

/// Services matching what was said, among those offered by the practitioner and at the location
/// when given (empty: any).
resolution<service> resolve_service(std::string_view said, const clinic_directory& d,
                                    const std::string& practitioner_id = {},
                                    const std::string& location_id = {});

/// What a practitioner offers (at one location, or anywhere), in name order: what is read out,
/// so without what is hidden from online bookings unless the clinic lists everything.
std::vector<const service*> services_of(const clinic_directory& d,
                                        const std::string& practitioner_id,
                                        const std::string& location_id = {});

/// Where a practitioner offers anything.
std::vector<const location*> locations_of(const clinic_directory& d,
                                          const std::string& practitioner_id);

/// Who works at a location, in name order (those hidden from online bookings as above).
std::vector<const practitioner*> practitioners_at(const clinic_directory& d,
                                                  const std::string& location_id);

/// Whether a service is a first visit, a return visit, or neither, by the words of its name
/// ("Initial Consultation", "Follow-up", "Review").
enum class visit { first, returning, either };
visit visit_of(const service& s);

/// Whether the caller spoke of a first visit ("first time", "new patient", "never been") or a
/// return visit ("follow up", "been before", "check-up", "review"), or neither.
visit visit_said(std::string_view said);

/// The service to assume for a named practitioner when the caller named none, among what they
/// offer at the location: for a caller who has seen them before (`history`, the caller's past
/// appointments, newest first), the return visit they last had; else the practitioner's usual
/// service (`default_appointment_type`). Never a return visit for a caller who has not seen them:
/// then their first-visit service, if they have one. Nothing when it must be asked.
const service* usual_service(const clinic_directory& d, const practitioner& p,
                             const std::string& location_id,
                             const std::vector<appointment>& history = {});

/// Whether a caller asking for a practitioner means no one in particular ("anyone", "any",
/// "no preference", "whoever is free").
bool means_anyone(std::string_view said);

/// Who can be booked for what where: the offerings of the practitioner and of the service and at
/// the location, each when given (empty: any). Sorted by location, practitioner and service.
std::vector<offering> sources_for(const clinic_directory& d, const std::string& practitioner_id,
                                  const std::string& service_id, const std::string& location_id);

}  // namespace frontdesk::domain
