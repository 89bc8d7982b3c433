#include "tools/bookings.hpp"

#include <algorithm>

#include "domain/bookings.hpp"
#include "domain/numbers.hpp"
#include "domain/patients.hpp"
#include "domain/phone.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "domain/words.hpp"
#include "tools/answers.hpp"
#include "tools/caller.hpp"
#include "tools/field_names.hpp"
#include "tools/reading.hpp"

namespace frontdesk::tools {
namespace {

using domain::instant;
using outcome_kind = booking_outcome::kind;

enum class change { book, move, cancel };

// ---- what the call says ----

// The patient's number (patientPhone, else the caller's) as E.164; "" when there is none.
choice<std::string> phone_in(const tool_request& r) {
  if (const auto given = field(r.input, field_names::patient_phone); !given.empty()) {
    auto e164 = domain::to_e164(given, r.region);
    if (!e164)
      return answer(failure("invalid_field",
                            "That phone number didn't sound right. Could you say it again?"));
    return *e164;
  }
  return own_number(r);
}

caller_details caller_in(const json_value& input, std::string phone) {
  caller_details c;
  if (const auto full = field(input, field_names::patient_name); !full.empty()) {
    std::tie(c.first_name, c.last_name) = domain::split_name(full);
  } else {
    c.first_name = field(input, field_names::first_name);
    c.last_name = field(input, field_names::last_name);
  }
  c.phone = std::move(phone);
  c.email = field(input, field_names::patient_email);
  return c;
}

std::vector<std::string> spoken_times(const std::vector<offered_time>& offered) {
  std::vector<std::string> out;
  out.reserve(offered.size());
  for (const auto& o : offered) out.push_back(domain::spoken_time(at(o.start), o.source.zone));
  return out;
}

// When: a date and time said, or the time just offered (with whose it was).
struct start_choice {
  unix_seconds start = 0;
  std::optional<domain::offering> offered;
};

choice<start_choice> start_in(const booking_context& context, const tool_request& r,
                              const std::string& zone) {
  const auto said_date = field(r.input, field_names::date),
             said_time = field(r.input, field_names::time);
  const auto& offered = context.offered;
  const bool agent_said = !field(r.input, field_names::agent_date).empty() ||
                          !field(r.input, field_names::agent_time).empty();
  if (said_date.empty() && said_time.empty() && !agent_said) {
    if (offered.size() == 1) return start_choice{offered.front().start, offered.front().source};
    if (offered.empty())
      return answer(failure("missing_field", "Which day and time would you like?"));
    json_value::array slots;
    for (const auto& o : offered) slots.push_back(slot_json(at(o.start), o.source.zone));
    return clarify(
        "Which of those times would you like: " + domain::spoken_list(spoken_times(offered)) + "?",
        "time", json_value{std::move(slots)});
  }
  const auto today = domain::local_date(r.now, zone);
  const auto country = holiday_country(r.clinic, r.region);
  auto time = time_in(r.input, today, country);
  if (is_answer(time)) return take_answer(time);
  const auto& wanted = std::get<std::optional<domain::time_request>>(time);
  if (!wanted || wanted->what != domain::time_request::kind::at)
    return answer(failure("invalid_time", "What time would you like?"));
  std::optional<domain::calendar_date> said_day;
  if (!said_date.empty() || !field(r.input, field_names::agent_date).empty()) {
    auto day = date_in(r.input, today, false, country);
    if (is_answer(day)) return take_answer(day);
    said_day = std::get<domain::date_request>(day).first;
  }
  // A time without a day is one of those just offered.
  for (const auto& o : offered)
    if (domain::local_minutes(at(o.start), o.source.zone) == wanted->from &&
        (!said_day || *said_day == domain::local_date(at(o.start), o.source.zone)))
      return start_choice{o.start, o.source};
  if (!said_day) return answer(failure("missing_field", "Which day would that be?"));
  const auto first = *said_day;
  return start_choice{seconds_of(domain::at_local_time(first, wanted->from, zone)), std::nullopt};
}

// ---- reading outcomes back ----

json_value appointment_json(const appointment& a, const clinic_view& clinic) {
  const auto& d = *clinic.directory;
  const auto* l = d.find_location(a.business_id);
  const auto zone = l ? l->time_zone : clinic.time_zone;
  auto out = slot_json(at(a.starts_at), zone);
  out.set("id", json_value{a.id});
  if (const auto* p = d.find_practitioner(a.practitioner_id))
    out.set("practitioner", practitioner_json(*p));
  if (l) out.set("location", location_json(*l));
  for (const auto& s : d.services)
    if (s.id == a.appointment_type_id) out.set("service", service_json(s));
  json_value patient{json_value::object{}};
  patient.set("id", json_value{a.patient_id});
  patient.set("name", json_value{a.patient_name});
  out.set("patient", std::move(patient));
  out.set("cancelled", json_value{a.cancelled_at != 0});
  return out;
}

// "Dr Sarah Chen for an Initial Consultation at Bondi Junction on Wednesday the 25th ...".
std::string phrase_of(const appointment& a, const clinic_view& clinic) {
  const auto& d = *clinic.directory;
  const auto* p = d.find_practitioner(a.practitioner_id);
  const auto* l = d.find_location(a.business_id);
  std::string service;
  for (const auto& s : d.services)
    if (s.id == a.appointment_type_id) service = s.name;
  return domain::appointment_phrase(p ? p->display_name : "your practitioner", service,
                                    l ? place(*l) : "", at(a.starts_at),
                                    l ? l->time_zone : clinic.time_zone);
}

std::string done_message(change what, bool repeated, const appointment& a,
                         const clinic_view& clinic) {
  const auto reference = "Your reference number is " + domain::spoken_reference(a.id) + ".";
  switch (what) {
    case change::book:
      return (repeated ? "You're already booked with " : "You're booked with ") +
             phrase_of(a, clinic) + ". " + reference;
    case change::move:
      return "Done. Your appointment is now with " + phrase_of(a, clinic) + ". " + reference;
    case change::cancel:
      return "Your appointment with " + phrase_of(a, clinic) + " is cancelled.";
  }
  return {};
}

tool_answer done(booking_context& context, change what, const booking_outcome& o,
                 const clinic_view& clinic) {
  const auto& a = o.result;
  context.offered.clear();
  context.appointment_id = what == change::cancel ? std::string{} : a.id;
  if (what == change::book) context.booked_in_call = a.id;
  context.known_appointments.push_back(a.id);
  auto body = success(done_message(what, o.what == outcome_kind::repeated, a, clinic));
  body.set("appointmentId", json_value{a.id});
  body.set("appointment", appointment_json(a, clinic));
  body.set("reference", json_value{a.id.substr(a.id.size() > 6 ? a.id.size() - 6 : 0)});
  if (what == change::cancel) body.set("cancelled", json_value{true});
  return answer(std::move(body));
}

tool_answer taken(booking_context& context, const booking_outcome& o,
                  const domain::offering& source, unix_seconds wanted, const clinic_view& clinic) {
  const auto* p = clinic.directory->find_practitioner(source.practitioner_id);
  const auto who = p ? p->display_name : std::string{"They"};
  const auto when = domain::spoken_time(at(wanted), source.zone) + " on " +
                    domain::spoken_date(domain::local_date(at(wanted), source.zone));
  // Only a time read out in this call was free a moment ago; any other was never on offer (not a
  // time they work, or booked long since), and "just taken" would not be true.
  const bool was_offered =
      std::any_of(context.offered.begin(), context.offered.end(), [&](const offered_time& t) {
        return t.start == wanted && t.source.practitioner_id == source.practitioner_id;
      });
  std::string message = was_offered ? "Sorry, " + when + " has just been taken. "
                                    : "Sorry, " + who + " isn't available at " + when + ". ";
  context.offered.clear();
  json_value::array slots;
  std::vector<instant> times;
  for (const auto t : o.alternatives) {
    context.offered.push_back({t, source});
    slots.push_back(slot_json(at(t), source.zone));
    times.push_back(at(t));
  }
  message += times.empty()
                 ? "There's nothing else free that day. Shall I look for the next opening?"
                 : domain::offer_sentence(who, times, source.zone);
  auto body = failure("slot_taken", message);
  body.set("alternatives", json_value{std::move(slots)});
  return answer(std::move(body));
}

tool_answer choose_patient(const booking_outcome& o) {
  std::vector<std::string> names;
  json_value::array options;
  for (const auto& p : o.patients) {
    names.push_back(p.first_name + " " + p.last_name);
    json_value option{json_value::object{}};
    option.set("id", json_value{p.id});
    option.set("name", json_value{names.back()});
    options.push_back(std::move(option));
  }
  return clarify("I have a few people on this number: " + domain::spoken_list(names, "and") +
                     ". Who is the appointment for?",
                 "patient", json_value{std::move(options)});
}

tool_answer choose_appointment(booking_context& context, const booking_outcome& o,
                               const clinic_view& clinic) {
  std::vector<std::string> spoken;
  json_value::array options;
  for (const auto& a : o.appointments) {
    context.known_appointments.push_back(a.id);
    spoken.push_back(phrase_of(a, clinic));
    auto option = appointment_json(a, clinic);
    option.set("appointmentId", json_value{a.id});
    options.push_back(std::move(option));
  }
  return clarify("I can see " + std::to_string(o.appointments.size()) + " upcoming appointments: " +
                     domain::spoken_list(spoken, "and") + ". Which one do you mean?",
                 "appointment", json_value{std::move(options)});
}

// The clinic's policy is heard before a late cancellation is made; the agent asks again with
// acceptPolicy once the caller accepts it.
tool_answer late_cancellation(const booking_outcome& o, const clinic_view& clinic) {
  const auto hours = clinic.directory->cancellation_notice_hours;
  auto body = failure("inside_cancellation_notice",
                      "The clinic asks for " + std::to_string(hours) +
                          " hours' notice of a cancellation, and your appointment with " +
                          phrase_of(o.result, clinic) +
                          " is sooner than that, so the clinic's cancellation policy may apply. "
                          "Would you still like me to cancel it?");
  body.set("needsConfirmation", json_value{true});
  body.set("confirmWith", json_value{std::string{"acceptPolicy"}});
  body.set("noticeHours", json_value{std::int64_t{hours}});
  return answer(std::move(body));
}

// The outcome in words. `source` and `wanted` are what was asked for (for a taken time).
tool_answer outcome_answer(booking_context& context, change what, const booking_outcome& o,
                           const clinic_view& clinic, const domain::offering& source,
                           unix_seconds wanted) {
  switch (o.what) {
    case outcome_kind::done:
    case outcome_kind::repeated:
      return done(context, what, o, clinic);
    case outcome_kind::in_progress:
      return answer(failure("in_progress", "I'm just finishing that. One moment, please."));
    case outcome_kind::taken:
      return taken(context, o, source, wanted, clinic);
    case outcome_kind::choose_patient:
      return choose_patient(o);
    case outcome_kind::need_name:
      return answer(failure("missing_field", "May I have the patient's full name, please?"));
    case outcome_kind::choose_appointment:
      return choose_appointment(context, o, clinic);
    case outcome_kind::verify: {
      // Nothing of the appointment is told until the caller says whose it is.
      auto body = failure("verification_needed",
                          "For the patient's privacy, could I have the full name and date of "
                          "birth the appointment is under?");
      body.set("needsClarification", json_value{true});
      body.set("clarify", json_value{std::string("identity")});
      return answer(std::move(body));
    }
    case outcome_kind::not_found:
      return answer(failure("appointment_not_found",
                            "I couldn't find an upcoming appointment for that. Could you tell me "
                            "the date of the appointment, or its reference number?"));
    case outcome_kind::already_cancelled:
      return answer(failure("already_cancelled", "That appointment has already been cancelled."));
    case outcome_kind::in_the_past:
      return answer(failure("in_the_past",
                            "That appointment has already taken place, so I can't change it."));
    case outcome_kind::inside_notice:
      return late_cancellation(o, clinic);
  }
  return answer(failure("internal_error", "Something went wrong on our side."));
}

template <class Request>
tool_step ask_bookings(Request request, change what, const clinic_view& clinic,
                       const domain::offering& source, unix_seconds wanted) {
  return ask_step<Request, booking_outcome>{
      std::move(request),
      [what, clinic, source, wanted](booking_context& context, const booking_outcome& o) {
        return tool_step{outcome_answer(context, what, o, clinic, source, wanted)};
      }};
}

// A booking whose family members must not be named: asked for the patient's name instead.
void name_no_one(tool_step& step) {
  auto& ask = std::get<ask_step<booking_request, booking_outcome>>(step);
  ask.then = [then = std::move(ask.then)](booking_context& context, const booking_outcome& o) {
    if (o.what != outcome_kind::choose_patient) return then(context, o);
    return tool_step{
        answer(failure("missing_field", "May I have the patient's full name, please?"))};
  };
}

// ---- who, what and where of a booking ----

// The practitioner asked for, or whose time was offered, or the one settled earlier.
choice<const domain::practitioner*> practitioner_for(
    booking_context& context, const tool_request& r,
    const std::optional<domain::offering>& offered) {
  const auto& d = *r.clinic.directory;
  const auto said = field(r.input, field_names::practitioner);
  if (!said.empty() && !domain::means_anyone(said)) {
    auto who = practitioner_in(context, r.clinic, r.input);
    if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
    return std::get<const domain::practitioner*>(who);
  }
  if (offered) return d.find_practitioner(offered->practitioner_id);
  if (said.empty())
    if (const auto* p = d.find_practitioner(context.practitioner_id)) return p;
  return answer(failure("missing_field",
                        "Which practitioner would you like, or shall I find the next available "
                        "time?"));
}

// Where the booking is: a location named in the call (checked against where they work), else
// where the time offered with them was, else as the call and its context settle it.
choice<const domain::location*> booking_location(booking_context& context, const tool_request& r,
                                                 const domain::practitioner& p,
                                                 const domain::location* asked_at,
                                                 const domain::offering* offered) {
  if (!asked_at && offered)
    if (const auto* l = r.clinic.directory->find_location(offered->location_id)) return l;
  return location_for(context, r.clinic, r.input, p);
}

// What it is for: as named, else the service of the time offered there, else as settled.
choice<const domain::service*> booking_service(booking_context& context, const tool_request& r,
                                               const domain::practitioner& p,
                                               const domain::location& l,
                                               const domain::offering* offered) {
  if (service_named(r.input).empty() && offered && offered->location_id == l.id)
    for (const auto& candidate : r.clinic.directory->services)
      if (candidate.id == offered->service_id) return &candidate;
  return service_for(context, r.clinic, r.input, p.id, l.id, p.display_name);
}

tool_step book(booking_context& context, const tool_request& r) {
  const auto& d = *r.clinic.directory;
  auto phone = phone_in(r);
  if (is_answer(phone)) return take_answer(phone);
  auto named = named_location(r.clinic, r.input, "location");
  if (is_answer(named)) return take_answer(named);
  const auto* asked_at = std::get<const domain::location*>(named);
  const auto* zone_of = asked_at ? asked_at : d.find_location(context.location_id);
  auto when = start_in(context, r, zone_of ? zone_of->time_zone : r.clinic.time_zone);
  if (is_answer(when)) return take_answer(when);
  const auto start = std::get<start_choice>(when);
  auto who = practitioner_for(context, r, start.offered);
  if (is_answer(who)) return take_answer(who);
  const auto* p = std::get<const domain::practitioner*>(who);
  // The time offered counts only if it was offered with this practitioner.
  const auto* offered =
      start.offered && start.offered->practitioner_id == p->id ? &*start.offered : nullptr;
  auto where = booking_location(context, r, *p, asked_at, offered);
  if (is_answer(where)) return take_answer(where);
  const auto* l = std::get<const domain::location*>(where);
  auto what = booking_service(context, r, *p, *l, offered);
  if (is_answer(what)) return take_answer(what);
  const auto* s = std::get<const domain::service*>(what);
  if (domain::sources_for(d, p->id, s->id, l->id).empty())
    return answer(failure(
        "not_offered", p->display_name + " doesn't offer " + s->name + " at " + place(*l) + "."));
  if (start.start < seconds_of(r.now))
    return answer(failure("invalid_date", "That time has already passed. When would you like?"));
  context.practitioner_id = p->id;
  context.location_id = l->id;
  context.service_id = s->id;
  const auto source = d.offering_at(*l, p->id, s->id);
  if (!source.online) return answer(booked_by_the_clinic(s->name, p->display_name));
  booking_request request{r.clinic.id,
                          r.session_id,
                          source,
                          start.start,
                          s->duration_minutes,
                          caller_in(r.input, std::get<std::string>(phone)),
                          field(r.input, field_names::notes),
                          r.call};
  auto step = ask_bookings(std::move(request), change::book, r.clinic, source, start.start);
  // The people on a number said rather than called from are not read out (the privacy rule).
  if (std::get<std::string>(phone) != own_number(r)) name_no_one(step);
  return step;
}

// ---- finding an existing appointment ----

// What the privacy rule needs: whether this call already knows the appointment, the caller's
// own number (the phone system's, not what was said), and the name and date of birth said.
void identify_caller(const booking_context& context, const tool_request& r,
                     appointment_pick& pick) {
  const auto& known = context.known_appointments;
  pick.known_to_call = !pick.appointment_id.empty() &&
                       std::find(known.begin(), known.end(), pick.appointment_id) != known.end();
  pick.caller_phone = own_number(r);
  const auto caller = caller_in(r.input, "");
  pick.said_name = domain::full_name(caller);
  if (const auto born = domain::parse_date(field(r.input, field_names::date_of_birth)))
    pick.said_birth_date = domain::format_date(*born);
}

// Which appointment the call means. With no id, no number and (when `date_picks`, for a
// cancellation) no date, it is the one this call just booked.
choice<appointment_pick> pick_in(const booking_context& context, const tool_request& r,
                                 bool date_picks) {
  appointment_pick pick;
  pick.appointment_id = field(r.input, field_names::appointment_id);
  // Cliniko's ids are whole numbers that fit 64 bits; anything else names no appointment, and
  // Cliniko need not be asked to say so.
  if (!pick.appointment_id.empty() && !domain::is_cliniko_id(pick.appointment_id))
    return answer(failure("appointment_not_found",
                          "I couldn't find an appointment with that reference. Could you tell me "
                          "the date of the appointment instead?"));
  if (pick.appointment_id.empty() && field(r.input, field_names::patient_phone).empty() &&
      !(date_picks && !field(r.input, field_names::date).empty()))
    pick.appointment_id = context.appointment_id;
  auto phone = phone_in(r);
  if (is_answer(phone)) return take_answer(phone);
  pick.phone = std::get<std::string>(phone);
  pick.zone = r.clinic.time_zone;
  identify_caller(context, r, pick);
  if (pick.appointment_id.empty() && pick.phone.empty())
    return answer(failure("missing_field",
                          "Could I have the appointment's reference number, or the phone number "
                          "it was booked with?"));
  return pick;
}

tool_step reschedule(booking_context& context, const tool_request& r) {
  auto pick = pick_in(context, r, false);
  if (is_answer(pick)) return take_answer(pick);
  auto named = named_location(r.clinic, r.input, "location");
  if (is_answer(named)) return take_answer(named);
  const auto* l = std::get<const domain::location*>(named);
  const auto zone = l ? l->time_zone : r.clinic.time_zone;
  auto when = start_in(context, r, zone);
  if (is_answer(when)) return take_answer(when);
  const auto start = std::get<start_choice>(when);
  move_request request;
  request.clinic = r.clinic.id;
  request.session_id = r.session_id;
  request.which = std::get<appointment_pick>(pick);
  request.which.zone = zone;
  request.start = start.start;
  request.call = r.call;
  if (start.offered) {
    request.practitioner_id = start.offered->practitioner_id;
    request.location_id = start.offered->location_id;
    request.service_id = start.offered->service_id;
  }
  if (const auto said = field(r.input, field_names::practitioner);
      !said.empty() && !domain::means_anyone(said)) {
    auto who = practitioner_in(context, r.clinic, r.input);
    if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
    request.practitioner_id = std::get<const domain::practitioner*>(who)->id;
  }
  if (l) request.location_id = l->id;
  if (!service_named(r.input).empty()) {
    auto what =
        service_for(context, r.clinic, r.input, request.practitioner_id, request.location_id, "");
    if (is_answer(what)) return take_answer(what);
    const auto* s = std::get<const domain::service*>(what);
    request.service_id = s->id;
    request.duration_minutes = s->duration_minutes;
  }
  const domain::offering asked{request.location_id, request.practitioner_id, request.service_id,
                               zone};
  return ask_bookings(std::move(request), change::move, r.clinic, asked, start.start);
}

tool_step cancel(booking_context& context, const tool_request& r) {
  auto pick = pick_in(context, r, true);
  if (is_answer(pick)) return take_answer(pick);
  cancel_request request;
  request.clinic = r.clinic.id;
  request.session_id = r.session_id;
  request.which = std::get<appointment_pick>(pick);
  request.call = r.call;
  const auto zone = r.clinic.time_zone;
  if (!field(r.input, field_names::date).empty() ||
      !field(r.input, field_names::agent_date).empty()) {
    const auto today = domain::local_date(r.now, zone);
    const auto country = holiday_country(r.clinic, r.region);
    auto day = date_in(r.input, today, false, country);
    if (is_answer(day)) return take_answer(day);
    const auto first = std::get<domain::date_request>(day).first;
    request.which.date = domain::format_date(first);
    auto time = time_in(r.input, today, country);
    if (is_answer(time)) return take_answer(time);
    if (const auto& t = std::get<std::optional<domain::time_request>>(time);
        t && t->what == domain::time_request::kind::at)
      request.which.start = seconds_of(domain::at_local_time(first, t->from, zone));
  }
  if (const auto said = field(r.input, field_names::practitioner); !said.empty()) {
    auto who = practitioner_in(context, r.clinic, r.input);
    if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
    request.which.practitioner_id = std::get<const domain::practitioner*>(who)->id;
  }
  const auto reason = field(r.input, field_names::reason);
  request.why = {static_cast<cancellation_reason>(domain::cancellation_code(reason)), reason};
  request.notice_hours = r.clinic.directory->cancellation_notice_hours;
  // An appointment booked in this very call was never held against the clinic's notice.
  request.policy_accepted =
      agreed(r.input, field_names::accept_policy) ||
      (!context.booked_in_call.empty() && request.which.appointment_id == context.booked_in_call);
  return ask_bookings(std::move(request), change::cancel, r.clinic, {}, 0);
}

}  // namespace

tool_step handle_appointment(booking_context& context, const tool_request& r) {
  const auto action = domain::normalize(field(r.input, field_names::action));
  if (action == "book") return book(context, r);
  if (action == "reschedule" || action == "modify") return reschedule(context, r);
  if (action == "cancel") return cancel(context, r);
  return answer(failure("missing_field",
                        "Would you like to book, move or cancel an appointment? (action: book, "
                        "reschedule, modify or cancel)"));
}

tool_step cancel_appointment(booking_context& context, const tool_request& r) {
  return cancel(context, r);
}

}  // namespace frontdesk::tools
