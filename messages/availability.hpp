#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/meta/type_name.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/availability.hpp"
#include "messages/atoms.hpp"
#include "messages/call.hpp"
#include "messages/cliniko.hpp"
#include "messages/fields.hpp"
#include "messages/inspect.hpp"
#include "messages/local_copy.hpp"
#include "messages/stats.hpp"

// The AVAILABILITY actor: clinics' free times, from its cache or through their gateways.
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
};

constexpr auto fields(const times_reply*) {
  return record_fields{"times_reply", field{"times", &times_reply::times},
                       field{"unanswered", &times_reply::unanswered}};
}

/// The earliest time found (`start` 0: none in the range), and whose it is.
struct found_slot {
  unix_seconds start = 0;
  domain::offering source;
  std::int64_t unanswered = 0;
};

constexpr auto fields(const found_slot*) {
  return record_fields{"found_slot", field{"start", &found_slot::start},
                       field{"source", &found_slot::source},
                       field{"unanswered", &found_slot::unanswered}};
}

/// The AVAILABILITY actor interface.
using availability_actor = caf::typed_actor<
    /// Free times of each source (from the cache, or fetched by whole windows).
    caf::replies_to<available_times_atom, slot_request>::with<times_reply>,
    /// The earliest free time of any source; all are searched in parallel.
    caf::replies_to<next_available_atom, slot_request>::with<found_slot>,
    /// This practitioner could not be booked at this time: do not offer it again for a while.
    caf::reacts_to<failed_atom, clinic_id, std::string, unix_seconds>,
    /// Forget the free times of these practitioners (all of the clinic's when empty): their
    /// calendars changed.
    caf::reacts_to<invalidate_atom, clinic_id, std::vector<std::string>>,
    /// What a clinic offers (its directory, as loaded): their free times are kept warm too,
    /// after those callers ask about most.
    caf::reacts_to<offerings_atom, clinic_id,
                   std::vector<domain::offering>>>::extend_with<stats_actor>;

}  // namespace frontdesk

// Local only.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::slot_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::times_reply)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::found_slot)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(std::vector<frontdesk::domain::offering>)
