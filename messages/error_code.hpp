#pragma once

#include <cstdint>

// frontdesk's own error codes. They travel between actors inside caf::error values
// (messages/error.hpp); rules in domain/ read them without CAF.
namespace frontdesk {

enum class error_code : std::uint8_t {
  /// The database cannot be reached now; the request may succeed later.
  database_unavailable = 1,
  /// The database answered with an error (a bug or a constraint, not an outage).
  database_error,
  /// A reply did not come within the caller's deadline.
  deadline_exceeded,
  /// Cliniko refused the API key (401), or the request itself (403).
  cliniko_unauthorized,
  /// Cliniko has no such record (404).
  cliniko_not_found,
  /// Cliniko rejected the data (422); the context lists the fields and messages.
  cliniko_validation,
  /// The key's request budget is spent: Cliniko answered 429, or the wait for the budget would
  /// outlast the caller's deadline.
  cliniko_rate_limited,
  /// Cliniko failed (5xx), could not be reached, or answered something unreadable.
  cliniko_unavailable,
  /// No answer from Cliniko in time; for a write, whether it happened is unknown.
  cliniko_timeout,
  /// The request cannot be made as asked (a bad date range, say).
  invalid_request,
  /// No active clinic answers on the dialed number.
  unknown_clinic,
  /// Another node answered a call of this conversation at the same time: this answer was not
  /// kept, and the call, asked again, is answered from the conversation as it now stands.
  conversation_moved,
};

}  // namespace frontdesk
