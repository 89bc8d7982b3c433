#include "domain/sync_policy.hpp"

namespace frontdesk::domain {

bool directory_due(bool full, const sync_state& before, unix_seconds now,
                   std::chrono::seconds every) {
  return full || before.directory_synced_at == 0 ||
         now - before.directory_synced_at >= every.count();
}

bool whole_appointment_pass(bool full, bool directory_refreshed, const sync_state& before) {
  return full || directory_refreshed || before.appointments_watermark == 0;
}

appointment_query appointments_to_fetch(bool whole, const sync_state& before, unix_seconds started,
                                        std::chrono::seconds look_back,
                                        std::chrono::seconds history) {
  appointment_query query;
  if (whole)
    query.starts_from =
        started -
        (before.appointments_watermark == 0 ? std::max(look_back, history) : look_back).count();
  else
    query.updated_since = before.appointments_watermark;
  return query;
}

unix_seconds patients_since(bool full, const sync_state& before) {
  return full ? 0 : before.patients_watermark;
}

std::vector<std::string> practitioners_of(const std::vector<appointment>& appointments) {
  std::vector<std::string> ids;
  ids.reserve(appointments.size());
  for (const auto& a : appointments) ids.push_back(a.practitioner_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

bool is_stale(unix_seconds last_success, unix_seconds now, std::int64_t max_age_seconds) {
  return now - last_success >= max_age_seconds;
}

}  // namespace frontdesk::domain
