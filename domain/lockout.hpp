#pragma once

#include <chrono>

// Repeated failed logins to the console, by account and by address: slowed, then locked.
namespace frontdesk::domain {

/// How long logins are refused after the `failures`th failure in a row: not at all for the first
/// three, then 2, 4, 8, 16 seconds (slowed), and from the eighth 15 minutes (locked). A run of
/// failures is forgotten after a success, or an hour after the last one.
std::chrono::seconds refused_for(int failures);

/// The run of failures that counts, when the last came `since_last` ago.
int failures_in_run(int failures, std::chrono::seconds since_last);

}  // namespace frontdesk::domain
