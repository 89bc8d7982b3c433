#include "domain/resolve.hpp"

#include <algorithm>
#include <set>

#include "domain/name_match.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

// Candidates within this much of the best are read out when we must ask.
constexpr double close_enough = 0.1;
constexpr std::size_t most_read_out = 3;

template <class T, class Names>
resolution<T> resolve(std::string_view said, const std::vector<const T*>& records, Names names_of) {
  std::vector<name_candidate> candidates;
  candidates.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i)
    candidates.push_back({std::to_string(i), names_of(*records[i])});
  const auto matches = match_names(said, candidates);
  resolution<T> out;
  if (matches.ranked.empty()) return out;
  out.confidence = matches.ranked.front().confidence;
  const auto record = [&](const name_match& m) { return records[std::stoul(m.id)]; };
  if (matches.clear) {
    out.what = resolution<T>::kind::found;
    out.chosen = record(matches.ranked.front());
    return out;
  }
  out.what = resolution<T>::kind::ask;
  for (const auto& m : matches.ranked)
    if (out.options.size() < most_read_out && out.confidence - m.confidence <= close_enough)
      out.options.push_back(record(m));
  return out;
}

template <class T>
std::vector<const T*> all(const std::vector<T>& records) {
  std::vector<const T*> out;
  out.reserve(records.size());
  for (const auto& r : records) out.push_back(&r);
  return out;
}

// Whether an offering is read out in lists: what is hidden from online bookings is not, unless
// the clinic asks for everything. Asked for by name, it is still found (and said to be booked by
// the clinic itself).
bool listed(const clinic_directory& d, const offering& o) {
  return o.online || d.lists_hidden;
}

bool offered(const clinic_directory& d, const std::string& practitioner,
             const std::string& location, const std::string& service, bool in_lists) {
  return std::any_of(d.offerings.begin(), d.offerings.end(), [&](const offering& o) {
    return (practitioner.empty() || o.practitioner_id == practitioner) &&
           (location.empty() || o.location_id == location) && o.service_id == service &&
           (!in_lists || listed(d, o));
  });
}

}  // namespace

resolution<location> resolve_location(std::string_view said, const clinic_directory& d) {
  return resolve(said, all(d.locations), [](const location& l) {
    return std::vector<std::string>{l.name, l.label, l.city, l.address};
  });
}

namespace {

// What callers call a practitioner of this designation: "the physio", "the chiro".
std::vector<std::string> role_names(const std::string& designation) {
  static const std::vector<std::pair<std::string_view, std::vector<std::string>>> roles{
      {"physiotherapist", {"physio", "physical therapist"}},
      {"chiropractor", {"chiro"}},
      {"osteopath", {"osteo"}},
      {"podiatrist", {"podiatry", "foot doctor"}},
      {"myotherapist", {"myo"}},
      {"massage therapist", {"massage", "masseuse", "masseur"}},
      {"psychologist", {"psych"}},
      {"dietitian", {"dietician", "nutritionist"}},
      {"occupational therapist", {"ot"}},
      {"exercise physiologist", {"ep"}},
      {"pilates instructor", {"pilates teacher"}},
  };
  std::vector<std::string> out;
  if (designation.empty()) return out;
  out.push_back(designation);
  const auto d = normalize(designation);
  for (const auto& [role, names] : roles)
    if (d.find(role) != std::string::npos) out.insert(out.end(), names.begin(), names.end());
  return out;
}

}  // namespace

resolution<practitioner> resolve_practitioner(std::string_view said, const clinic_directory& d) {
  return resolve(said, all(d.practitioners), [](const practitioner& p) {
    std::vector<std::string> names{p.display_name, p.first_name + " " + p.last_name};
    const auto roles = role_names(p.designation);
    names.insert(names.end(), roles.begin(), roles.end());
    return names;
  });
}

resolution<service> resolve_service(std::string_view said, const clinic_directory& d,
                                    const std::string& practitioner_id,
                                    const std::string& location_id) {
  std::vector<const service*> candidates;
  for (const auto& s : d.services)
    if (offered(d, practitioner_id, location_id, s.id, false)) candidates.push_back(&s);
  auto found = resolve(said, candidates, [](const service& s) {
    return std::vector<std::string>{s.name, s.category};
  });
  if (found.what == resolution<service>::kind::found) return found;
  // Not a name: the words callers use for a first or a return visit.
  const auto wanted = visit_said(said);
  if (wanted == visit::either) return found;
  std::vector<const service*> of_kind;
  for (const auto* s : candidates)
    if (visit_of(*s) == wanted) of_kind.push_back(s);
  if (of_kind.empty()) return found;
  resolution<service> by_visit;
  by_visit.confidence = 1;
  if (of_kind.size() == 1) {
    by_visit.what = resolution<service>::kind::found;
    by_visit.chosen = of_kind.front();
  } else {
    by_visit.what = resolution<service>::kind::ask;
    of_kind.resize(std::min(of_kind.size(), most_read_out));
    by_visit.options = of_kind;
  }
  return by_visit;
}

namespace {

// Whether `text` holds any of `words` as whole words. (Built by append: GCC 12 warns falsely,
// -Wrestrict, on the operator+ form.)
bool has_any(const std::string& text, std::initializer_list<std::string_view> words) {
  std::string padded = " ";
  padded.append(text).append(" ");
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
    std::string word = " ";
    word.append(w).append(" ");
    return padded.find(word) != std::string::npos;
  });
}

}  // namespace

visit visit_of(const service& s) {
  const auto name = normalize(s.name);
  if (has_any(name, {"initial", "first", "new patient", "new client", "assessment"}))
    return visit::first;
  if (has_any(name, {"follow up", "followup", "review", "return", "subsequent", "standard",
                     "ongoing", "existing patient", "existing client", "repeat"}))
    return visit::returning;
  return visit::either;
}

visit visit_said(std::string_view said) {
  const auto text = normalize(said);
  if (has_any(text,
              {"first", "initial", "new patient", "new client", "never been", "first time", "new"}))
    return visit::first;
  if (has_any(text, {"follow up", "followup", "been before", "return", "returning", "review",
                     "check up", "checkup", "again", "usual", "regular", "another", "existing",
                     "next session", "repeat", "ongoing", "subsequent"}))
    return visit::returning;
  return visit::either;
}

namespace {

// The one offered service of this kind of visit, if there is exactly one.
const service* only_one(const std::vector<const service*>& offered, visit kind) {
  const service* found = nullptr;
  for (const auto* s : offered) {
    if (visit_of(*s) != kind) continue;
    if (found) return nullptr;
    found = s;
  }
  return found;
}

const service* offered_one(const std::vector<const service*>& offered, const std::string& id) {
  const auto it =
      std::find_if(offered.begin(), offered.end(), [&](const service* s) { return s->id == id; });
  return it == offered.end() ? nullptr : *it;
}

}  // namespace

const service* usual_service(const clinic_directory& d, const practitioner& p,
                             const std::string& location_id,
                             const std::vector<appointment>& history) {
  const auto offered = services_of(d, p.id, location_id);
  if (offered.empty()) return nullptr;
  bool returning = false;
  for (const auto& seen : history) {
    if (seen.practitioner_id != p.id) continue;
    returning = true;
    const auto* last = offered_one(offered, seen.appointment_type_id);
    if (last && visit_of(*last) != visit::first) return last;
  }
  // After a first visit comes a return visit, whatever the practitioner's default.
  if (returning)
    if (const auto* again = only_one(offered, visit::returning)) return again;
  const auto* usual = offered_one(offered, p.default_service_id);
  if (usual && (returning || visit_of(*usual) != visit::returning)) return usual;
  if (returning) return nullptr;
  // A caller not known here starts with a first visit, as a receptionist would offer.
  return only_one(offered, visit::first);
}

std::vector<const service*> services_of(const clinic_directory& d,
                                        const std::string& practitioner_id,
                                        const std::string& location_id) {
  std::vector<const service*> out;
  for (const auto& s : d.services)
    if (offered(d, practitioner_id, location_id, s.id, true)) out.push_back(&s);
  std::sort(out.begin(), out.end(),
            [](const service* a, const service* b) { return a->name < b->name; });
  return out;
}

std::vector<const location*> locations_of(const clinic_directory& d,
                                          const std::string& practitioner_id) {
  std::set<std::string> ids;
  for (const auto& o : d.offerings)
    if (o.practitioner_id == practitioner_id) ids.insert(o.location_id);
  std::vector<const location*> out;
  for (const auto& l : d.locations)
    if (ids.count(l.id)) out.push_back(&l);
  return out;
}

std::vector<const practitioner*> practitioners_at(const clinic_directory& d,
                                                  const std::string& location_id) {
  std::set<std::string> ids;
  for (const auto& [practitioner, location] : d.works_at)
    if (location == location_id) ids.insert(practitioner);
  std::vector<const practitioner*> out;
  for (const auto& p : d.practitioners)
    if (ids.count(p.id) && (p.online || d.lists_hidden)) out.push_back(&p);
  std::sort(out.begin(), out.end(), [](const practitioner* a, const practitioner* b) {
    return a->last_name + a->first_name < b->last_name + b->first_name;
  });
  return out;
}

template <class T>
const T* find_by_id(const std::vector<T>& records, const std::string& id) {
  for (const auto& r : records)
    if (r.id == id) return &r;
  return nullptr;
}

const location* clinic_directory::find_location(const std::string& id) const {
  return find_by_id(locations, id);
}
const practitioner* clinic_directory::find_practitioner(const std::string& id) const {
  return find_by_id(practitioners, id);
}
const service* clinic_directory::find_service(const std::string& id) const {
  return find_by_id(services, id);
}

offering clinic_directory::offering_at(const location& l, const std::string& practitioner_id,
                                       const std::string& service_id) const {
  for (const auto& o : offerings)
    if (o.location_id == l.id && o.practitioner_id == practitioner_id && o.service_id == service_id)
      return o;
  return {l.id, practitioner_id, service_id, l.time_zone, true, account_zone};
}

}  // namespace frontdesk::domain

namespace frontdesk::domain {

bool means_anyone(std::string_view said) {
  static const std::set<std::string, std::less<>> anyone{"any",
                                                         "anyone",
                                                         "anybody",
                                                         "any one",
                                                         "whoever",
                                                         "no preference",
                                                         "doesnt matter",
                                                         "does not matter",
                                                         "dont mind",
                                                         "do not mind",
                                                         "first available",
                                                         "whoever is free",
                                                         "whoever is available",
                                                         "anyone available",
                                                         "any practitioner",
                                                         "anyone is fine",
                                                         "either"};
  return anyone.count(normalize(said)) > 0;
}

std::vector<offering> sources_for(const clinic_directory& d, const std::string& practitioner_id,
                                  const std::string& service_id, const std::string& location_id) {
  std::vector<offering> out;
  for (const auto& o : d.offerings) {
    if ((!practitioner_id.empty() && o.practitioner_id != practitioner_id) ||
        (!service_id.empty() && o.service_id != service_id) ||
        (!location_id.empty() && o.location_id != location_id))
      continue;
    const auto* l = d.find_location(o.location_id);
    if (!l) continue;
    out.push_back(o);
    out.back().zone = l->time_zone;  // times are read in the location's own zone
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace frontdesk::domain
