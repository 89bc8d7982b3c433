#include "domain/resolve.hpp"

#include <algorithm>
#include <set>

#include "domain/name_match.hpp"
#include "domain/phonetic.hpp"
#include "domain/spoken_forms.hpp"
#include "domain/words.hpp"

namespace frontdesk::domain {
namespace {

constexpr std::size_t most_read_out = 3;

template <class T>
resolution<T> resolution_of(const name_matches& matches, const std::vector<const T*>& records) {
  resolution<T> out;
  if (matches.ranked.empty()) return out;
  out.confidence = matches.ranked.front().confidence;
  const auto record = [&](const name_match& m) { return records[std::stoul(m.id)]; };
  if (matches.verdict == certainty::sure) {
    out.what = resolution<T>::kind::found;
    out.chosen = record(matches.ranked.front());
    return out;
  }
  out.what = resolution<T>::kind::ask;
  for (const auto& m : matches.ranked)
    if (out.options.size() < most_read_out) out.options.push_back(record(m));
  return out;
}

template <class T, class Names>
std::vector<name_candidate> candidates_of(const std::vector<const T*>& records, Names names_of) {
  std::vector<name_candidate> candidates;
  candidates.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    auto c = names_of(*records[i]);
    c.id = std::to_string(i);
    candidates.push_back(std::move(c));
  }
  return candidates;
}

template <class T, class Names>
resolution<T> resolve(std::string_view said, const std::vector<const T*>& records, Names names_of) {
  return resolution_of(match_names(said, candidates_of(records, names_of)), records);
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
    name_candidate c{"", {l.name, l.label, l.city, l.address}};
    // What callers call a city-centre location.
    const auto named = normalize(l.name + " " + l.label);
    if (named.find("city") != std::string::npos || named.find("cbd") != std::string::npos)
      c.names.insert(c.names.end(), {"city centre", "cbd", "central", "downtown"});
    for (auto& s : state_names(l.state)) c.names.push_back(std::move(s));
    return c;
  });
}

namespace {

// The spellings speech-to-text writes for any word of these names.
std::vector<std::string> heard_names(std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (auto name : names)
    for (const auto& w : name_words(name)) {
      const auto& spellings = heard_as(w);
      out.insert(out.end(), spellings.begin(), spellings.end());
    }
  return out;
}

}  // namespace

resolution<practitioner> resolve_practitioner(std::string_view said, const clinic_directory& d) {
  return resolve(said, all(d.practitioners), [](const practitioner& p) {
    name_candidate c{"",
                     {p.display_name, p.first_name + " " + p.last_name},
                     heard_names({p.first_name, p.last_name})};
    for (auto& role : role_names(p.designation)) c.names.push_back(std::move(role));
    return c;
  });
}

namespace {

// Words that name no service by themselves: "an appointment", "a consult", "a treatment".
bool generic(std::string_view w) {
  static const std::set<std::string_view> words{"consult",   "consultation", "consults",
                                                "treatment", "visit",        "appointment",
                                                "session",   "booking",      "appt"};
  return words.count(w) > 0;
}

// Words that say a first or a return visit rather than which service.
bool visit_word(std::string_view w) {
  static const std::set<std::string_view> words{
      "first",    "initial",    "new",     "patient",  "assessment", "follow",  "up",
      "followup", "subsequent", "review",  "return",   "returning",  "again",   "standard",
      "regular",  "usual",      "another", "existing", "repeat",     "ongoing", "check",
      "checkup",  "time",       "been",    "before",   "never",      "next"};
  return words.count(w) > 0;
}

// "sixty", "45", "fortyfive" (as service_words_of joins "forty five"): a length in minutes.
std::optional<int> minutes_word(std::string_view w) {
  if (w == "fortyfive") return 45;
  if (auto n = number_word(w); n && *n >= 10 && *n <= 180) return n;
  return std::nullopt;
}

struct service_words {
  std::vector<std::string> content;  // what names the service
  std::vector<std::string> generic;  // "appointment", "treatment"
  std::optional<int> minutes;        // "an hour", "30 min", "remedial 60"
};

// Splits what was said into the words that name a service, its length and the rest.
service_words service_words_of(std::string_view said) {
  service_words out;
  auto w = words_of(without_accents(said));
  for (std::size_t i = 0; i + 1 < w.size(); ++i)  // "forty five"
    if (w[i] == "forty" && w[i + 1] == "five")
      w[i] = "fortyfive", w.erase(w.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto& x = w[i];
    const bool unit = x == "min" || x == "mins" || x == "minute" || x == "minutes" || x == "long";
    if (x == "hour" || x == "hr" || x == "hours") {
      out.minutes = i > 0 && w[i - 1] == "half" ? 30 : 60;
    } else if (auto n = minutes_word(x)) {
      out.minutes = *n;
    } else if (generic(x)) {
      out.generic.push_back(x);
    } else if (!unit && x != "half" && !visit_word(x) && !name_words(x).empty()) {
      out.content.push_back(folded_word(x));
    }
  }
  return out;
}

name_candidate service_names(const service& s) {
  name_candidate c{"", {s.name, s.category}};
  if (normalize(s.name + " " + s.category).find("telehealth") != std::string::npos)
    c.heard_as = {"video", "phone", "online", "zoom", "telephone", "call"};
  return c;
}

// Those among `fits` that `wanted` keeps, unless it keeps none. Whether it kept any.
template <class Wanted>
bool narrow(std::vector<const service*>& fits, Wanted wanted) {
  std::vector<const service*> kept;
  std::copy_if(fits.begin(), fits.end(), std::back_inserter(kept), wanted);
  if (!kept.empty()) fits = std::move(kept);
  return !fits.empty() && std::all_of(fits.begin(), fits.end(), wanted);
}

// Services of the same kind of visit as `named` in another category (discipline), unless the
// caller's words name `named`'s own.
std::vector<const service*> of_another_discipline(const std::vector<const service*>& offered,
                                                  const service& named, std::string_view said) {
  const name_candidate discipline{"", {named.category}};
  for (const auto& w : name_words(said))
    if (match_names(w, {discipline}).exact) return {};
  std::vector<const service*> out;
  for (const auto* s : offered)
    if (s != &named && s->category != named.category && visit_of(*s) == visit_of(named) &&
        visit_of(named) != visit::either)
      out.push_back(s);
  return out;
}

}  // namespace

resolution<service> resolve_service(std::string_view said, const clinic_directory& d,
                                    const std::string& practitioner_id,
                                    const std::string& location_id) {
  std::vector<const service*> fits;
  for (const auto& s : d.services)
    if (offered(d, practitioner_id, location_id, s.id, false)) fits.push_back(&s);
  const auto words = service_words_of(said);
  const auto wanted_visit = visit_said(said);
  // One service named in the caller's words ("follow up" for "Follow-up Consultation") is that
  // one, unless another discipline has a visit of the same kind the words could as well mean
  // ("initial consultation": physio's or chiro's?) and the caller named no discipline.
  const bool only_general = words.content.empty() && wanted_visit == visit::either;
  if (!words.minutes && !only_general) {  // "a treatment" names no service by itself
    const auto literal = match_names(said, candidates_of(fits, service_names));
    if (literal.verdict == certainty::sure) {
      const auto* named = fits[std::stoul(literal.ranked.front().id)];
      // Words beyond the kind of visit ("GP appointment") name this one service.
      const auto others = words.content.empty() ? of_another_discipline(fits, *named, said)
                                                : std::vector<const service*>{};
      if (others.empty()) {
        resolution<service> out;
        out.what = resolution<service>::kind::found;
        out.chosen = named;
        out.confidence = 1;
        return out;
      } else {
        resolution<service> out;
        out.what = resolution<service>::kind::ask;
        out.options.push_back(named);
        for (const auto* o : others)
          if (out.options.size() < most_read_out) out.options.push_back(o);
        out.confidence = 0.8;
        return out;
      }
    }
  }
  bool sure = true;
  const auto candidates = fits;
  const auto names = candidates_of(candidates, service_names);
  // Words like no service's ("it's my first time") carry nothing to match.
  std::string content;
  for (const auto& w : words.content)
    if (!match_names(w, names).ranked.empty()) content += w + " ";
  if (!content.empty()) {
    const auto matches = match_names(content, names);
    if (matches.ranked.empty()) return {};
    sure = matches.exact;
    fits.clear();
    for (const auto& m : matches.ranked) fits.push_back(candidates[std::stoul(m.id)]);
  }
  if (words.minutes &&
      !narrow(fits, [&](const service* s) { return s->duration_minutes == *words.minutes; }))
    sure = false;
  if (wanted_visit != visit::either)
    narrow(fits, [&](const service* s) { return visit_of(*s) == wanted_visit; });
  // Said in general words only ("a treatment"): those whose names hold them are read out first.
  std::stable_partition(fits.begin(), fits.end(), [&](const service* s) {
    const auto name = words_of(s->name);
    return std::any_of(words.generic.begin(), words.generic.end(), [&](const std::string& g) {
      return std::find(name.begin(), name.end(), g) != name.end();
    });
  });
  const bool named = !content.empty() || words.minutes || wanted_visit != visit::either;
  resolution<service> out;
  out.confidence = sure ? 1 : 0.8;
  if (fits.size() == 1 && sure && named) {
    out.what = resolution<service>::kind::found;
    out.chosen = fits.front();
    return out;
  }
  if (fits.empty() || (!named && words.generic.empty()) ||
      (content.empty() && !words.content.empty() && !words.minutes &&
       wanted_visit == visit::either))
    return out;
  out.what = resolution<service>::kind::ask;
  fits.resize(std::min(fits.size(), most_read_out));
  out.options = fits;
  return out;
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
                     "standard", "check up", "checkup", "again", "usual", "regular", "another",
                     "existing", "next session", "repeat", "ongoing", "subsequent"}))
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
