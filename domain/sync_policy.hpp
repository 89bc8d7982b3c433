#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "messages/cliniko.hpp"
#include "messages/local_copy.hpp"

// When a sync reads what: the directory when it is due, every appointment from a day ago on or
// only the changes, and where the next incremental sync picks up. The sync actor asks Cliniko
// and the database; these decide.
namespace frontdesk::domain {

/// Whether this sync refreshes the directory: a full sync, the first one, or the last refresh is
/// `every` old.
bool directory_due(bool full, const sync_state& before, unix_seconds now,
                   std::chrono::seconds every);

/// Whether the appointments are read whole (from `look_back` ago on) rather than as changes: a
/// full sync, no watermark yet, or a directory refresh. Lists of changes never show appointments
/// deleted in Cliniko; a whole pass is how they leave the local copy.
bool whole_appointment_pass(bool full, bool directory_refreshed, const sync_state& before);

/// What to ask Cliniko for: from `look_back` before `started` on for a whole pass (from
/// `history` back for the very first, so that returning callers are known), else what changed
/// after the watermark. Past appointments stay in the local copy once read.
appointment_query appointments_to_fetch(bool whole, const sync_state& before, unix_seconds started,
                                        std::chrono::seconds look_back,
                                        std::chrono::seconds history = {});

/// The newest `updated_at` among `records`, less a second (the filter is "after", and a change
/// within that second must not be missed), or `otherwise` when that is later or there are none.
template <class T>
unix_seconds newest_change(const std::vector<T>& records, unix_seconds otherwise) {
  unix_seconds newest = 0;
  for (const auto& r : records) newest = std::max(newest, r.updated_at);
  return newest > 0 ? std::max(otherwise, newest - 1) : otherwise;
}

/// Where the next incremental sync picks up. After reading everything, from a minute before this
/// sync started (or the newest change seen, if later); after reading changes, the newest change.
template <class T>
unix_seconds next_watermark(const std::vector<T>& found, bool from_scratch, unix_seconds before,
                            unix_seconds started) {
  return from_scratch ? std::max(newest_change(found, 0), started - 60)
                      : newest_change(found, before);
}

/// Patients changed after this (0: all, on a full sync).
unix_seconds patients_since(bool full, const sync_state& before);

/// The practitioners whose calendars these appointments are on, each once.
std::vector<std::string> practitioners_of(const std::vector<appointment>& appointments);

/// Whether a sync that last succeeded at `last_success` is older than `max_age_seconds` at `now`.
bool is_stale(unix_seconds last_success, unix_seconds now, std::int64_t max_age_seconds);

}  // namespace frontdesk::domain
