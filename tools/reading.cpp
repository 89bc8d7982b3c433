#include "tools/reading.hpp"

#include <algorithm>

#include "domain/resolve.hpp"
#include "domain/second_reading.hpp"
#include "domain/speech.hpp"
#include "domain/words.hpp"
#include "tools/answers.hpp"
#include "tools/field_names.hpp"

namespace frontdesk::tools {

using domain::calendar_date;
using domain::instant;
using domain::resolution;

std::vector<std::string> names_of(const std::vector<const domain::service*>& services) {
  std::vector<std::string> names;
  names.reserve(services.size());
  for (const auto* s : services) names.push_back(s->name);
  return names;
}

std::vector<std::string> names_of(const std::vector<const domain::practitioner*>& people) {
  std::vector<std::string> names;
  names.reserve(people.size());
  for (const auto* p : people) names.push_back(p->display_name);
  return names;
}

tool_answer clarify(const std::string& message, std::string_view what, json_value options) {
  auto body = success(message);
  body.set("needsClarification", json_value{true});
  body.set("clarify", json_value{std::string(what)});
  body.set("options", std::move(options));
  return answer(std::move(body));
}

tool_answer ask_location(const std::string& message,
                         const std::vector<const domain::location*>& options) {
  return clarify(message, "location", array_of(options, location_json));
}

tool_answer ask_service(const std::vector<const domain::service*>& options,
                        std::string_view understood) {
  std::string question = "Is that for " + domain::spoken_list(names_of(options)) + "?";
  if (!understood.empty())
    question = std::string(understood) + ", is that for " + question.substr(12);
  return clarify(question, "service", array_of(options, service_json));
}

// A location the caller named by id or in words; nothing when they named none.
choice<const domain::location*> named_location(const clinic_view& clinic, const json_value& input,
                                               std::string_view words_field) {
  const auto& d = *clinic.directory;
  if (const auto id = field(input, field_names::business_id); !id.empty()) {
    const auto* l = d.find_location(id);
    if (!l) return unknown_location();
    return l;
  }
  const auto said = field(input, words_field);
  if (said.empty()) return static_cast<const domain::location*>(nullptr);
  const auto found = domain::resolve_location(said, d);
  using kind = domain::resolution<domain::location>::kind;
  if (found.what == kind::found) return found.chosen;
  if (found.what == kind::ask)
    return ask_location("Did you mean " + domain::spoken_list(places(found.options)) + "?",
                        found.options);
  return unknown_location();
}

// Where to see the practitioner: as named, as confirmed earlier, or the one place they work.
choice<const domain::location*> location_for(const booking_context& context,
                                             const clinic_view& clinic, const json_value& input,
                                             const domain::practitioner& p) {
  const auto where = domain::locations_of(*clinic.directory, p.id);
  if (where.empty())
    return answer(failure("no_services", p.display_name + " isn't taking bookings at the moment."));
  const auto works_at = [&](const domain::location* l) {
    return std::find(where.begin(), where.end(), l) != where.end();
  };
  auto named = named_location(clinic, input, "location");
  if (is_answer(named)) return take_answer(named);
  const auto* l = std::get<const domain::location*>(named);
  if (!l) {
    const auto* confirmed = clinic.directory->find_location(context.location_id);
    if (confirmed && works_at(confirmed)) return confirmed;
    if (where.size() == 1) return where.front();
    return ask_location(p.display_name + " works at " + domain::spoken_list(places(where)) +
                            ". Which location would suit you?",
                        where);
  }
  if (works_at(l)) return l;
  auto body =
      failure("not_at_location", p.display_name + " doesn't work at " + place(*l) +
                                     ". They work at " + domain::spoken_list(places(where)) + ".");
  body.set("options", array_of(where, location_json));
  return answer(std::move(body));
}

namespace {

tool_answer nothing_offered(std::string_view who) {
  return answer(failure("no_services", who.empty() ? "There's nothing we can book there at the "
                                                     "moment."
                                                   : domain::services_sentence(who, {}, "")));
}

}  // namespace

std::string service_named(const json_value& input) {
  auto said = field(input, field_names::appointment_type);
  return said.empty() ? field(input, field_names::service) : said;
}

// What the appointment is for: as named, as settled earlier, or the only thing on offer.
// `who` is the practitioner's name, or empty when any practitioner will do.
choice<const domain::service*> service_for(const booking_context& context,
                                           const clinic_view& clinic, const json_value& input,
                                           const std::string& practitioner_id,
                                           const std::string& location_id, std::string_view who,
                                           bool* assumed, std::string_view day) {
  const auto& d = *clinic.directory;
  const auto offered = domain::services_of(d, practitioner_id, location_id);
  // What was understood so far, said back with a question so the caller can correct it.
  std::string understood;
  if (!who.empty()) understood = "For " + std::string(who);
  if (const auto* l = d.find_location(location_id))
    understood += (understood.empty() ? "At " : " at ") + place(*l);
  if (!day.empty() && !understood.empty()) understood.append(" ").append(day);
  if (const auto said = service_named(input); !said.empty()) {
    // Asked for by name, a service hidden from online bookings is found too: the caller is then
    // told the clinic books it itself, never that it is full.
    const auto found = domain::resolve_service(said, d, practitioner_id, location_id);
    using kind = domain::resolution<domain::service>::kind;
    if (found.what == kind::found) return found.chosen;
    if (found.what == kind::ask) return ask_service(found.options, understood);
    if (offered.empty()) return nothing_offered(who);
    std::string message = "I couldn't find " + said + ". ";
    message += who.empty() ? std::string("We offer") : std::string(who) + " offers";
    message += ' ';
    message += domain::spoken_list(names_of(offered), "and");
    message += '.';
    auto body = failure("service_not_found", message);
    body.set("options", array_of(offered, service_json));
    return answer(std::move(body));
  }
  if (offered.empty()) return nothing_offered(who);
  for (const auto* s : offered)
    if (s->id == context.service_id) return s;
  if (offered.size() == 1) return offered.front();
  static const std::vector<appointment> no_history;
  if (const auto* p = d.find_practitioner(practitioner_id); p && assumed)
    if (const auto* usual = domain::usual_service(
            d, *p, location_id, context.history ? *context.history : no_history)) {
      *assumed = true;
      return usual;
    }
  return ask_service(offered, understood);
}

std::string_view holiday_country(const clinic_view& clinic, std::string_view region) {
  const auto& country = clinic.directory->country;
  return country.empty() ? region : std::string_view{country};
}

namespace {

// How a reading is spoken back in a question: "Friday the 11th of December", "7 PM".
std::string spoken(const domain::date_request& d) {
  using kind = domain::date_request::kind;
  if (d.what == kind::soonest) return "the first time free";
  if (d.what == kind::day) return domain::spoken_date(d.first);
  return domain::spoken_date(d.first) + " to " + domain::spoken_date(d.last);
}

std::string spoken(const domain::time_request& t) {
  if (t.what == domain::time_request::kind::at) return domain::spoken_time(t.from);
  return domain::spoken_time_range(t.from, t.to);
}

json_value option_json(const domain::date_request& d) {
  json_value o{json_value::object{}};
  if (d.what == domain::date_request::kind::soonest) {
    o.set("soonest", json_value{true});
  } else {
    o.set("date", json_value{domain::format_date(d.first)});
    if (d.what == domain::date_request::kind::span)
      o.set("lastDate", json_value{domain::format_date(d.last)});
  }
  o.set("display", json_value{spoken(d)});
  return o;
}

std::string clock_text(std::chrono::minutes m) {
  const auto two = [](long n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(m.count() / 60) + ":" + two(m.count() % 60);
}

json_value option_json(const domain::time_request& t) {
  json_value o{json_value::object{}};
  o.set("time", json_value{clock_text(t.from)});
  if (t.what == domain::time_request::kind::between) o.set("until", json_value{clock_text(t.to)});
  o.set("display", json_value{spoken(t)});
  return o;
}

// "Did you mean Friday the 11th of December or Thursday the 10th of December?"
template <class T>
tool_answer ask_which(const domain::reading<T>& r, std::string_view what) {
  std::vector<std::string> said;
  json_value::array options;
  for (const auto& o : r.options) {
    said.push_back(spoken(o));
    options.push_back(option_json(o));
  }
  return clarify("Did you mean " + domain::spoken_list(said) + "?", what,
                 json_value{std::move(options)});
}

// Both readings of a field and which decided, kept in the answer (and so in the recording).
void note(json_value* understood, std::string_view what, const std::string& said,
          const std::string& agent, domain::decided_by by) {
  if (!understood) return;
  if (!understood->is<json_value::object>()) *understood = json_value{json_value::object{}};
  json_value n{json_value::object{}};
  if (!said.empty()) n.set("said", json_value{said});
  if (!agent.empty()) n.set("agent", json_value{agent});
  n.set("decidedBy", json_value{std::string(domain::decided_name(by))});
  understood->set(what, std::move(n));
}

}  // namespace

// The day or days asked for; "soonest" when asked, or when no day was given and `soonest`.
choice<domain::date_request> date_in(const json_value& input, calendar_date today, bool soonest,
                                     std::string_view country, json_value* understood) {
  using kind = domain::date_request::kind;
  const auto said = field(input, field_names::date);
  const auto agent_said = field(input, field_names::agent_date);
  const auto agent = domain::parse_date(agent_said);
  if (said.empty() && !agent)
    return domain::date_request{soonest ? kind::soonest : kind::day, today, today};
  const auto words = said.empty() ? domain::reading<domain::date_request>{}
                                  : domain::read_date(said, today, country);
  domain::decided_by by{};
  const auto read = domain::with_agent_date(words, agent, &by);
  note(understood, "date", said, agent ? agent_said : std::string{}, by);
  if (read.verdict == domain::certainty::unknown)
    return answer(failure("invalid_date",
                          "Sorry, which day would you like? For example, "
                          "tomorrow or Monday the 30th."));
  if (read.verdict == domain::certainty::ask) return ask_which(read, "date");
  auto asked = read.best();
  if (asked.what == kind::soonest) return domain::date_request{kind::soonest, today, today};
  if (date::sys_days{asked.last} < date::sys_days{today})
    return answer(
        failure("invalid_date", "That day has already passed. Which day would you like?"));
  asked.first = calendar_date{std::max(date::sys_days{asked.first}, date::sys_days{today})};
  return asked;
}

choice<std::optional<domain::time_request>> time_in(const json_value& input, calendar_date today,
                                                    std::string_view country,
                                                    json_value* understood) {
  const auto said = field(input, field_names::time);
  const auto agent_said = field(input, field_names::agent_time);
  const auto agent = domain::parse_clock(agent_said);
  domain::reading<domain::time_request> words;
  if (!said.empty()) {
    words = domain::read_time(said);
  } else {
    // "Thursday arvo", "Monday at 10" in the date field: its time is the time asked for.
    std::vector<domain::time_request> times;
    for (const auto& w : domain::read_when(field(input, field_names::date), today, country).options)
      if (w.time) times.push_back(*w.time);
    words = domain::reading_of(times);
  }
  domain::decided_by by{};
  const auto read = domain::with_agent_time(words, agent, &by);
  if (said.empty() && read.verdict == domain::certainty::unknown) return std::nullopt;
  note(understood, "time", said, agent ? agent_said : std::string{}, by);
  if (read.verdict == domain::certainty::unknown)
    return answer(failure("invalid_time", "Sorry, what time would suit you?"));
  if (read.verdict == domain::certainty::ask) return ask_which(read, "time");
  return read.best();
}

bool agreed(const json_value& input, std::string_view key) {
  const auto* v = input.find(key);
  if (v && v->is<bool>()) return v->as<bool>();
  const auto said = domain::normalize(field(input, key));
  return said == "true" || said == "yes";
}

std::string field(const json_value& input, std::string_view key) {
  return text_field(input, key).value_or("");
}

std::string place(const domain::location& l) {
  return domain::spoken_location(l.name, l.label);
}

std::vector<std::string> places(const std::vector<const domain::location*>& locations) {
  std::vector<std::string> names;
  names.reserve(locations.size());
  for (const auto* l : locations) names.push_back(place(*l));
  return names;
}

const domain::location* location_in(const booking_context& context, const clinic_view& clinic,
                                    const json_value& input) {
  const auto id = field(input, field_names::business_id);
  return clinic.directory->find_location(id.empty() ? context.location_id : id);
}

tool_answer unknown_location() {
  return answer(failure("location_not_found",
                        "I couldn't find that location. Which of our locations did you mean?"));
}

std::variant<const domain::practitioner*, tool_answer> practitioner_in(booking_context& context,
                                                                       const clinic_view& clinic,
                                                                       const json_value& input) {
  const auto said = field(input, field_names::practitioner);
  if (said.empty())
    return answer(failure("missing_field", "Which practitioner would you like to see?"));
  const auto found = domain::resolve_practitioner(said, *clinic.directory);
  if (found.what == resolution<domain::practitioner>::kind::found) {
    context.practitioner_id = found.chosen->id;
    return found.chosen;
  }
  if (found.what == resolution<domain::practitioner>::kind::ask) {
    std::vector<std::string> names;
    for (const auto* p : found.options) names.push_back(p->display_name);
    auto body = success("Did you mean " + domain::spoken_list(names) + "?");
    body.set("needsClarification", json_value{true});
    body.set("options", array_of(found.options, practitioner_json));
    return answer(std::move(body));
  }
  return answer(failure("practitioner_not_found", "I couldn't find a practitioner called " + said +
                                                      ". Could you say the name again?"));
}

}  // namespace frontdesk::tools
