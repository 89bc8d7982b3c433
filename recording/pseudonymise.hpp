#pragma once

#include "recording/recording.hpp"

// A recording fit for a bug report: callers' and patients' names, phone numbers and emails
// replaced, each the same way wherever it occurs (in what the agent sent, in what collaborators
// answered, in the sentences said back); birth dates moved back by the same random number of days
// wherever they occur, in the form they came in; what callers say in their own words (a
// cancellation's reason, notes) replaced whole, a reason by words the tools read as the same
// reason. So the replay decides as before. The clinic's own directory (its locations,
// practitioners and services) is kept.
namespace frontdesk::recording {

recording pseudonymise(const recording& r);

}  // namespace frontdesk::recording
