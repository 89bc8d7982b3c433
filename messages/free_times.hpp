#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
#include "messages/fields.hpp"
#include "messages/local_copy.hpp"

// Questions about free times, and their answers. Plain records: no CAF here.
namespace frontdesk {

/// A question about the free times of some sources on local dates `from`..`to` (each source's
/// own zone; dates before the source's local today are skipped): all of them, or the earliest.
struct slot_request {
  clinic_id clinic = 0;
  std::vector<domain::offering> sources;
  domain::calendar_date from;
  domain::calendar_date to;
  /// Times before this are left out: the caller's "now".
  unix_seconds not_before = 0;
  call_options call;
};

constexpr auto fields(const slot_request*) {
  return record_fields{"slot_request",
                       field{"clinic", &slot_request::clinic},
                       field{"sources", &slot_request::sources},
                       field{"from", &slot_request::from},
                       field{"to", &slot_request::to},
                       field{"not_before", &slot_request::not_before},
                       field{"call", &slot_request::call}};
}

/// Free times per source, in the request's order and in time order. A source whose times could
/// not be had counts in `unanswered` and has none; when no source answered, the request fails.
struct times_reply {
  std::vector<std::vector<unix_seconds>> times;
  std::int64_t unanswered = 0;
  /// Some of the times were asked of Cliniko for this answer (not from the cache alone).
  bool waited = false;
};

constexpr auto fields(const times_reply*) {
  return record_fields{"times_reply", field{"times", &times_reply::times},
                       field{"unanswered", &times_reply::unanswered},
                       field{"waited", &times_reply::waited, not_recorded}};
}

/// The earliest time found (`start` 0: none in the range), and whose it is.
struct found_slot {
  unix_seconds start = 0;
  domain::offering source;
  std::int64_t unanswered = 0;
  /// The search asked Cliniko (not the cache alone).
  bool waited = false;
};

constexpr auto fields(const found_slot*) {
  return record_fields{"found_slot", field{"start", &found_slot::start},
                       field{"source", &found_slot::source},
                       field{"unanswered", &found_slot::unanswered},
                       field{"waited", &found_slot::waited, not_recorded}};
}

}  // namespace frontdesk
