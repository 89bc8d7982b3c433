#include "tools/availability.hpp"

#include <algorithm>
#include <memory>

#include "domain/availability.hpp"
#include "domain/date_phrase.hpp"
#include "domain/numbers.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "domain/time_phrase.hpp"
#include "tools/answers.hpp"
#include "tools/field_names.hpp"
#include "tools/reading.hpp"

namespace frontdesk::tools {
namespace {

using domain::calendar_date;
using domain::instant;

/// How far "soonest" looks ahead in the availability checker.
constexpr int soonest_days = 30;

// ---- /availability-checker ----

struct checker {
  clinic_view clinic;  // keeps the directory the pointers below point into
  const domain::practitioner* practitioner = nullptr;
  const domain::location* location = nullptr;
  const domain::service* service = nullptr;
  domain::offering source;
  /// The service was not named: the practitioner's usual one was taken, and is said.
  bool service_assumed = false;
  domain::date_request when;
  std::optional<domain::time_request> wanted;
  unix_seconds not_before = 0;
  call_options call;
  /// The caller's words and the agent's reading of the day and time, and which decided.
  json_value understood{};
};
using checker_ptr = std::shared_ptr<const checker>;

std::vector<instant> on_day(const std::vector<instant>& times, calendar_date day,
                            std::string_view zone) {
  std::vector<instant> out;
  for (const auto t : times)
    if (domain::local_date(t, zone) == day) out.push_back(t);
  return out;
}

tool_step times_between(const checker_ptr& c, calendar_date from, calendar_date to,
                        std::function<tool_step(booking_context&, std::vector<instant>)> then) {
  slot_request ask{c->clinic.id, {c->source}, from, to, c->not_before, c->call};
  return ask_step<slot_request, times_reply>{
      std::move(ask), [then = std::move(then)](booking_context& context, const times_reply& reply) {
        std::vector<instant> times;
        if (!reply.times.empty())
          for (const auto t : reply.times.front()) times.push_back(at(t));
        return then(context, std::move(times));
      }};
}

// Says which service was assumed, so that the caller can correct it.
std::string assumed_service(const domain::service& s, bool assumed) {
  return assumed ? "That's for " + domain::with_article(s.name) + ". " : std::string{};
}

void describe(json_value& body, const checker& c) {
  if (c.service_assumed) body.set("serviceAssumed", json_value{true});
  body.set("practitioner", practitioner_json(*c.practitioner));
  body.set("location", location_json(*c.location));
  body.set("service", service_json(*c.service));
  if (!c.understood.is<std::nullptr_t>()) body.set("understood", c.understood);
}

tool_answer nothing_free(const checker& c) {
  auto body = failure("no_availability", c.practitioner->display_name + " has no openings at " +
                                             place(*c.location) + " in the next " +
                                             std::to_string(soonest_days) +
                                             " days. Would you like to try someone else?");
  body.set("available", json_value{false});
  describe(body, c);
  body.set("slots", json_value{json_value::array{}});
  return answer(std::move(body));
}

// Reads out up to three of a day's times, saying first when they are not on the day asked for.
tool_answer offer(booking_context& context, const checker& c, calendar_date day,
                  const std::vector<instant>& times, bool on_day_asked) {
  const auto& zone = c.location->time_zone;
  const auto picks = domain::pick_offers(times, c.wanted, zone);
  const bool range = c.wanted && c.wanted->what == domain::time_request::kind::between;
  const auto wanted_range =
      range ? domain::spoken_time_range(c.wanted->from, c.wanted->to) : std::string{};
  std::string message = assumed_service(*c.service, c.service_assumed);
  if (!on_day_asked && c.when.what != domain::date_request::kind::soonest)
    message =
        c.practitioner->display_name + " has nothing " + (range ? wanted_range : "free") + " " +
        (c.when.what == domain::date_request::kind::day ? "on " + domain::spoken_date(c.when.first)
                                                        : std::string("then")) +
        ". ";
  if (range && !picks.empty() && !domain::within(picks.front(), *c.wanted, zone)) {
    message += "There's nothing " + wanted_range + " that day. ";
  } else if (on_day_asked && c.wanted && c.wanted->what == domain::time_request::kind::at &&
             std::none_of(picks.begin(), picks.end(), [&](instant t) {
               return domain::local_minutes(t, zone) == c.wanted->from;
             })) {
    message += domain::spoken_time(c.wanted->from) + " isn't free. ";
  }
  message += domain::offer_sentence(c.practitioner->display_name, picks, zone);
  context.offered.clear();
  json_value::array slots;
  for (const auto t : picks) {
    context.offered.push_back({seconds_of(t), c.source});
    slots.push_back(slot_json(t, zone));
  }
  auto body = success(message);
  // "Soonest" asked for no day in particular: whatever is found is what was asked for.
  body.set("available",
           json_value{on_day_asked || c.when.what == domain::date_request::kind::soonest});
  describe(body, c);
  body.set("date", json_value{domain::format_date(day)});
  body.set("displayDate", json_value{domain::spoken_date(day)});
  body.set("slots", json_value{std::move(slots)});
  return answer(std::move(body));
}

// After a first look from the days asked through the end of their window: offer from the first
// day with times, or search further, up to `soonest_days` from the first day asked.
tool_step offer_or_search(booking_context& context, const checker_ptr& c,
                          const std::vector<instant>& all_times, calendar_date looked_to) {
  const auto& zone = c->location->time_zone;
  // A part of the day asked for ("Thursday arvo"): only days with times in it are offered.
  std::vector<instant> times;
  for (const auto t : all_times) {
    const auto m = domain::local_minutes(t, zone);
    if (!c->wanted || c->wanted->what != domain::time_request::kind::between ||
        (m >= c->wanted->from && m < c->wanted->to))
      times.push_back(t);
  }
  for (auto day = date::sys_days{c->when.first}; day <= date::sys_days{c->when.last};
       day += date::days{1})
    if (auto found = on_day(times, calendar_date{day}, zone); !found.empty())
      return offer(context, *c, calendar_date{day}, found, true);
  if (!times.empty()) {
    const auto day = domain::local_date(times.front(), zone);
    return offer(context, *c, day, on_day(times, day, zone), false);
  }
  const auto horizon = plus_days(c->when.first, soonest_days);
  if (date::sys_days{looked_to} >= date::sys_days{horizon}) return nothing_free(*c);
  slot_request ask{c->clinic.id, {c->source},   plus_days(looked_to, 1),
                   horizon,      c->not_before, c->call};
  return ask_step<slot_request, found_slot>{
      std::move(ask), [c](booking_context&, const found_slot& found) -> tool_step {
        if (found.start == 0) return nothing_free(*c);
        const auto day = domain::local_date(at(found.start), c->location->time_zone);
        return times_between(c, day, day,
                             [c, day, first = at(found.start)](booking_context& context,
                                                               std::vector<instant> times) {
                               if (times.empty()) times.push_back(first);
                               return tool_step{offer(context, *c, day, times, false)};
                             });
      }};
}

// ---- /find-next-available ----

// How far to search: 14 days unless `maxDays` says; any whole number, as a number or in words
// of digits, is kept within 1–90; anything else (true, 2.5, "soon") is refused.
choice<int> max_days_in(const json_value& input) {
  const auto* given = input.find(field_names::max_days);
  const auto text = text_field(input, field_names::max_days);
  if (!given || given->is_null() || (given->is<std::string>() && !text)) return 14;
  const auto days = text ? domain::whole_number(*text) : std::nullopt;
  if (!days)
    return answer(failure("invalid_field", "maxDays must be a whole number of days, 1 to 90."));
  return static_cast<int>(std::clamp<std::int64_t>(*days, 1, 90));
}

calendar_date earliest_today(const std::vector<domain::offering>& sources, instant now) {
  auto today = date::sys_days::max();
  for (const auto& s : sources)
    today = std::min(today, date::sys_days{domain::local_date(now, s.zone)});
  return calendar_date{today};
}

struct search_names {
  clinic_view clinic;
  const domain::practitioner* practitioner = nullptr;  // null: anyone
  const domain::location* location = nullptr;          // null: anywhere
  const domain::service* service = nullptr;
  bool service_assumed = false;
  int max_days = 14;
};

tool_answer next_found(booking_context& context, const search_names& n, const found_slot& f) {
  const auto& d = *n.clinic.directory;
  if (f.start == 0) {
    std::string message = "There's nothing free for " + n.service->name;
    if (n.practitioner) message += " with " + n.practitioner->display_name;
    if (n.location) message += " at " + place(*n.location);
    message += " in the next " + std::to_string(n.max_days) +
               " days. Would you like me to look further ahead?";
    auto body = failure("no_availability", message);
    body.set("found", json_value{false});
    return answer(std::move(body));
  }
  const auto* p = d.find_practitioner(f.source.practitioner_id);
  const auto* l = d.find_location(f.source.location_id);
  if (!p || !l) return next_found(context, n, found_slot{});  // not in this directory: not ours
  const auto t = at(f.start);
  context.practitioner_id = p->id;
  context.location_id = l->id;
  context.service_id = n.service->id;
  context.offered = {{f.start, f.source}};
  auto body = success(
      assumed_service(*n.service, n.service_assumed) +
      domain::next_opening_sentence(p->display_name, n.service->name, place(*l), t, l->time_zone));
  body.set("found", json_value{true});
  if (n.service_assumed) body.set("serviceAssumed", json_value{true});
  body.set("slot", slot_json(t, l->time_zone));
  body.set("practitioner", practitioner_json(*p));
  body.set("location", location_json(*l));
  body.set("service", service_json(*n.service));
  return answer(std::move(body));
}

}  // namespace

tool_step check_availability(booking_context& context, const tool_request& r) {
  // "Anyone": the earliest time of whoever offers the service.
  if (domain::means_anyone(field(r.input, field_names::practitioner)))
    return find_next_available(context, r);
  auto who = practitioner_in(context, r.clinic, r.input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::practitioner*>(who);
  auto where = location_for(context, r.clinic, r.input, *p);
  if (is_answer(where)) return take_answer(where);
  const auto* l = std::get<const domain::location*>(where);
  context.location_id = l->id;
  const auto today = domain::local_date(r.now, l->time_zone);
  const auto country = holiday_country(r.clinic, r.region);
  json_value understood;
  auto when = date_in(r.input, today, true, country, &understood);
  if (is_answer(when)) return take_answer(when);
  const auto& asked = std::get<domain::date_request>(when);
  const auto day = asked.what == domain::date_request::kind::day
                       ? "on " + domain::spoken_date(asked.first)
                       : std::string{};
  bool assumed = false;
  auto what = service_for(context, r.clinic, r.input, p->id, l->id, p->display_name, &assumed, day);
  if (is_answer(what)) return take_answer(what);
  const auto* s = std::get<const domain::service*>(what);
  context.service_id = s->id;
  auto wanted = time_in(r.input, today, country, &understood);
  if (is_answer(wanted)) return take_answer(wanted);

  const auto source = r.clinic.directory->offering_at(*l, p->id, s->id);
  if (!source.online) return answer(booked_by_the_clinic(s->name, p->display_name));
  const auto c = std::make_shared<const checker>(
      checker{r.clinic, p, l, s, source, assumed, std::get<domain::date_request>(when),
              std::get<std::optional<domain::time_request>>(wanted), seconds_of(r.now), r.call,
              std::move(understood)});
  // A whole window costs Cliniko one request, however few of its days were asked for.
  const auto window = domain::window_of(c->when.first, domain::local_date(r.now, l->time_zone));
  const auto looked_to = calendar_date{
      std::max(date::sys_days{c->when.last}, window + date::days{domain::window_days - 1})};
  return times_between(c, c->when.first, looked_to,
                       [c, looked_to](booking_context& context, const std::vector<instant>& times) {
                         return offer_or_search(context, c, times, looked_to);
                       });
}

namespace {

// Who at `l` offers `asked_for` (else their first service there), with the offering to look at.
struct bookable {
  std::vector<const domain::practitioner*> people;
  std::vector<domain::offering> sources;
};

bookable bookable_at(const domain::clinic_directory& d, const domain::location& l,
                     const domain::service* asked_for) {
  bookable out;
  for (const auto* p : domain::practitioners_at(d, l.id)) {
    const auto offered = domain::services_of(d, p->id, l.id);
    if (offered.empty()) continue;
    const auto* s = asked_for ? asked_for : offered.front();
    if (std::find(offered.begin(), offered.end(), s) == offered.end()) continue;
    auto source = d.offering_at(l, p->id, s->id);
    if (!source.online) continue;  // no free times to be had: the clinic books it
    out.people.push_back(p);
    out.sources.push_back(std::move(source));
  }
  return out;
}

// Who has time on `day`, earliest first, with their first free time and how many there are.
tool_answer who_is_free(const domain::location& l, domain::calendar_date day,
                        const std::vector<const domain::practitioner*>& people,
                        const times_reply& reply) {
  std::vector<std::size_t> free;
  for (std::size_t i = 0; i < people.size(); ++i)
    if (!reply.times[i].empty()) free.push_back(i);
  std::stable_sort(free.begin(), free.end(), [&](std::size_t a, std::size_t b) {
    return reply.times[a].front() < reply.times[b].front();
  });
  std::vector<std::pair<std::string, instant>> first_free;
  json_value::array listed;
  for (const auto i : free) {
    const auto first = at(reply.times[i].front());
    first_free.emplace_back(people[i]->display_name, first);
    auto entry = practitioner_json(*people[i]);
    entry.set("firstAvailable", json_value{domain::format_local(first, l.time_zone)});
    entry.set("firstAvailableDisplay", json_value{domain::spoken_time(first, l.time_zone)});
    entry.set("slotCount", json_value{static_cast<std::int64_t>(reply.times[i].size())});
    listed.push_back(std::move(entry));
  }
  auto body =
      free.empty()
          ? failure("no_availability", "No one at " + place(l) + " has an opening on " +
                                           domain::spoken_date(day) + ". Would another day suit?")
          : success(domain::free_people_sentence(day, place(l), first_free, l.time_zone));
  body.set("date", json_value{domain::format_date(day)});
  body.set("displayDate", json_value{domain::spoken_date(day)});
  body.set("location", location_json(l));
  body.set("practitioners", json_value{std::move(listed)});
  return answer(std::move(body));
}

}  // namespace

tool_step available_practitioners(booking_context& context, const tool_request& r) {
  const auto* l = location_in(context, r.clinic, r.input);
  if (!l)
    return field(r.input, field_names::business_id).empty()
               ? answer(failure("missing_field", "Which location would you like?"))
               : unknown_location();
  context.location_id = l->id;
  auto when = date_in(r.input, domain::local_date(r.now, l->time_zone), false,
                      holiday_country(r.clinic, r.region));
  if (is_answer(when)) return take_answer(when);
  const auto day = std::get<domain::date_request>(when).first;
  const domain::service* asked_for = nullptr;
  if (!service_named(r.input).empty()) {
    auto what = service_for(context, r.clinic, r.input, "", l->id, "");
    if (is_answer(what)) return take_answer(what);
    asked_for = std::get<const domain::service*>(what);
  }
  auto found = bookable_at(*r.clinic.directory, *l, asked_for);
  if (found.sources.empty() && asked_for &&
      !domain::sources_for(*r.clinic.directory, "", asked_for->id, l->id).empty())
    return answer(booked_by_the_clinic(asked_for->name, ""));
  if (found.sources.empty())
    return answer(
        failure("no_practitioners", "No one is taking those appointments at " + place(*l) + "."));
  slot_request ask{r.clinic.id, std::move(found.sources), day, day, seconds_of(r.now), r.call};
  return ask_step<slot_request, times_reply>{
      std::move(ask),
      [l, day, people = std::move(found.people)](booking_context&, const times_reply& reply)
          -> tool_step { return who_is_free(*l, day, people, reply); }};
}

tool_step find_next_available(booking_context& context, const tool_request& r) {
  const auto& d = *r.clinic.directory;
  auto days = max_days_in(r.input);
  if (is_answer(days)) return take_answer(days);
  auto named = named_location(r.clinic, r.input, field_names::location_query);
  if (is_answer(named)) return take_answer(named);
  search_names n{r.clinic};
  n.max_days = std::get<int>(days);
  n.location = std::get<const domain::location*>(named);
  if (!n.location) n.location = d.find_location(context.location_id);
  // A named practitioner: only their times. A service or "anyone": whoever offers it.
  if (const auto said = field(r.input, field_names::practitioner);
      !said.empty() && !domain::means_anyone(said)) {
    auto who = practitioner_in(context, r.clinic, r.input);
    if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
    n.practitioner = std::get<const domain::practitioner*>(who);
  } else if (service_named(r.input).empty()) {
    return answer(failure("missing_field", "Which practitioner or which service would you like?"));
  }
  const auto practitioner_id = n.practitioner ? n.practitioner->id : std::string{};
  const auto location_id = n.location ? n.location->id : std::string{};
  auto what = service_for(context, r.clinic, r.input, practitioner_id, location_id,
                          n.practitioner ? std::string_view{n.practitioner->display_name} : "",
                          &n.service_assumed);
  if (is_answer(what)) return take_answer(what);
  n.service = std::get<const domain::service*>(what);
  auto sources = domain::sources_for(d, practitioner_id, n.service->id, location_id);
  if (sources.empty())
    return answer(failure("no_availability", "No one offers " + n.service->name +
                                                 (n.location ? " at " + place(*n.location) : "") +
                                                 "."));
  std::erase_if(sources, [](const domain::offering& o) { return !o.online; });
  if (sources.empty())
    return answer(booked_by_the_clinic(
        n.service->name, n.practitioner ? std::string_view{n.practitioner->display_name} : ""));
  const auto from = earliest_today(sources, r.now);
  slot_request ask{
      r.clinic.id, std::move(sources), from, plus_days(from, n.max_days - 1), seconds_of(r.now),
      r.call};
  return ask_step<slot_request, found_slot>{
      std::move(ask), [n](booking_context& context, const found_slot& found) -> tool_step {
        return next_found(context, n, found);
      }};
}

}  // namespace frontdesk::tools
