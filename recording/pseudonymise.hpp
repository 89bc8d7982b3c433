#pragma once

#include "recording/recording.hpp"

// A recording fit for a bug report: callers' and patients' names, phone numbers, emails and
// dates of birth replaced, each the same way wherever it occurs (in what the agent sent, in
// what collaborators answered, in the sentences said back), so the replay decides as before.
// The clinic's own directory (its locations, practitioners and services) is kept.
namespace frontdesk::recording {

recording pseudonymise(const recording& r);

}  // namespace frontdesk::recording
