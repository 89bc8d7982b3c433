#include "phrase_reader.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "domain/date_phrase.hpp"
#include "domain/resolve.hpp"
#include "domain/time_phrase.hpp"
#include "domain/time_zone.hpp"

namespace frontdesk::test_corpus {
namespace {

using namespace frontdesk::domain;

std::string written(const date_request& r) {
  switch (r.what) {
    case date_request::kind::soonest:
      return "soonest";
    case date_request::kind::span:
      return format_date(r.first) + ".." + format_date(r.last);
    case date_request::kind::day:
      return format_date(r.first);
  }
  return "";
}

std::string clock(std::chrono::minutes m) {
  char out[8];
  std::snprintf(out, sizeof out, "%02d:%02d", static_cast<int>(m.count() / 60),
                static_cast<int>(m.count() % 60));
  return out;
}

std::string written(const time_request& r) {
  if (r.what == time_request::kind::at) return clock(r.from);
  return clock(r.from) + "-" + clock(r.to);
}

// The clinic the names, places and services corpora are said to: names from the languages
// speech-to-text mishears most in Australian clinics, two Sarahs and two Walshes, roles; five
// locations in three cities and two states; services in a clinic's own words.
const clinic_directory& corpus_clinic() {
  static const clinic_directory d = [] {
    clinic_directory c;
    c.clinic_name = "Harbour Health";
    const auto place = [&](std::string id, std::string name, std::string label, std::string address,
                           std::string city, std::string state) {
      location l;
      l.id = std::move(id), l.name = std::move(name), l.label = std::move(label);
      l.address = std::move(address), l.city = std::move(city), l.state = state;
      l.time_zone = state == "VIC" ? "Australia/Melbourne" : "Australia/Sydney";
      c.locations.push_back(std::move(l));
    };
    place("11", "Harbour Health Sydney CBD", "City", "1 George Street", "Sydney", "NSW");
    place("12", "Harbour Health Bondi Junction", "Bondi Junction", "500 Oxford Street",
          "Bondi Junction", "NSW");
    place("13", "Harbour Health Parramatta", "Parramatta", "20 Church Street", "Parramatta", "NSW");
    place("14", "Harbour Health St Kilda", "St Kilda", "12 Fitzroy Street", "Melbourne", "VIC");
    place("15", "Harbour Health Newcastle", "Newcastle", "3 Hunter Street", "Newcastle", "NSW");
    c.practitioners = {
        {"41", "Dr Thi Nguyen", "Thi", "Nguyen", "General Practitioner"},
        {"42", "Siobhan O'Sullivan", "Siobhan", "O'Sullivan", "Physiotherapist"},
        {"43", "Niamh Kelly", "Niamh", "Kelly", "Physiotherapist"},
        {"44", "Aoife Byrne", "Aoife", "Byrne", "Osteopath"},
        {"45", "Tadhg Walsh", "Tadhg", "Walsh", "Chiropractor"},
        {"46", "Katarzyna Wisniewska", "Katarzyna", "Wisniewska", "Massage Therapist"},
        {"47", "Xiao Li", "Xiao", "Li", "Acupuncturist"},
        {"48", "Sean Murphy", "Sean", "Murphy", "Physiotherapist"},
        {"49", "Dr Sarah Chen", "Sarah", "Chen", "General Practitioner"},
        {"50", "Sarah Walsh", "Sarah", "Walsh", "Podiatrist"}};
    c.services = {{"61", "Physiotherapy Initial Assessment", "Physiotherapy", 60},
                  {"62", "Physiotherapy Subsequent Consultation", "Physiotherapy", 30},
                  {"63", "Remedial Massage 60 min", "Massage", 60},
                  {"64", "Remedial Massage 30 min", "Massage", 30},
                  {"65", "Chiropractic Initial Consultation", "Chiropractic", 45},
                  {"66", "Chiropractic Review", "Chiropractic", 20},
                  {"67", "Acupuncture Treatment", "Acupuncture", 45},
                  {"68", "Telehealth Review", "Telehealth", 20},
                  {"69", "GP Standard Appointment", "General Practice", 15}};
    const std::vector<std::pair<std::string, std::vector<std::string>>> offers{
        {"41", {"69", "68"}}, {"42", {"61", "62"}}, {"43", {"61", "62"}}, {"44", {"61", "62"}},
        {"45", {"65", "66"}}, {"46", {"63", "64"}}, {"47", {"67"}},       {"48", {"61", "62"}},
        {"49", {"69", "68"}}, {"50", {"62"}}};
    for (const auto& [who, what] : offers)
      for (const auto& l : c.locations) {
        c.works_at.push_back({who, l.id});
        for (const auto& s : what) c.offerings.push_back({l.id, who, s, l.time_zone});
      }
    return c;
  }();
  return d;
}

template <class T>
reading of(const resolution<T>& r) {
  using kind = typename resolution<T>::kind;
  if (r.what == kind::found) return {certainty::sure, {r.chosen->id}};
  if (r.what == kind::none) return {};
  reading out{certainty::ask, {}};
  for (const auto* o : r.options) out.readings.push_back(o->id);
  return out;
}

calendar_date today_of(const phrase& p) {
  const auto today = parse_date(p.today);
  if (!today) throw std::runtime_error("bad date " + p.today);
  return *today;
}

template <class T, class Written>
reading of(const domain::reading<T>& r, Written written) {
  reading out;
  out.verdict = r.verdict == domain::certainty::sure  ? certainty::sure
                : r.verdict == domain::certainty::ask ? certainty::ask
                                                      : certainty::unknown;
  for (const auto& o : r.options) out.readings.push_back(written(o));
  return out;
}

std::string written_when(const when_request& w) {
  std::string out = w.day ? written(*w.day) : "";
  if (w.time) out += (out.empty() ? "" : " ") + written(*w.time);
  return out;
}

}  // namespace

reading read(corpus c, const phrase& p) {
  switch (c) {
    case corpus::dates:
      return of(read_date(p.said, today_of(p), p.country),
                [](const date_request& d) { return written(d); });
    case corpus::times:
      return of(read_time(p.said), [](const time_request& t) { return written(t); });
    case corpus::when:
      return of(read_when(p.said, today_of(p), p.country), written_when);
    case corpus::names:
      return of(resolve_practitioner(p.said, corpus_clinic()));
    case corpus::places:
      return of(resolve_location(p.said, corpus_clinic()));
    case corpus::services:
      return of(resolve_service(p.said, corpus_clinic()));
  }
  return {};
}

}  // namespace frontdesk::test_corpus
