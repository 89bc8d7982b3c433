#include "actors/bookings.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <caf/actor_cast.hpp>
#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <functional>
#include <memory>

#include "domain/availability.hpp"
#include "domain/patients.hpp"
#include "domain/redact.hpp"
#include "domain/words.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using promise = caf::typed_response_promise<booking_outcome>;
using outcome_kind = booking_outcome::kind;

constexpr auto database_timeout = 10s;
/// How long settling one intent may take; it runs in the background.
constexpr auto settle_budget = 20s;

struct bookings_state {
  bookings_state() = default;
  database_actor database;
  availability_actor availability;
  bookings_config config;
  static inline const char* name = "bookings";
};

using bookings_pointer = bookings_actor::stateful_pointer<bookings_state>;

unix_seconds wall_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

using domain::at;
using domain::plus_days;

booking_outcome outcome(outcome_kind what) {
  booking_outcome out;
  out.what = what;
  return out;
}

booking_outcome outcome(outcome_kind what, appointment a, patient who = {}) {
  auto out = outcome(what);
  out.result = std::move(a);
  out.who = std::move(who);
  return out;
}

// The appointment an intent describes, before or without Cliniko's copy of it.
appointment appointment_of(const booking_intent& i) {
  appointment a;
  a.id = i.appointment_id;
  a.starts_at = i.starts_at;
  a.ends_at = i.ends_at;
  a.patient_id = i.patient_id;
  a.patient_name = i.patient_name;
  a.practitioner_id = i.practitioner_id;
  a.business_id = i.location_id;
  a.appointment_type_id = i.service_id;
  return a;
}

const cliniko_gateway_actor* gateway_of(bookings_pointer self, clinic_id clinic) {
  const auto& gateways = self->state.config.gateways;
  const auto it = gateways.find(clinic);
  return it == gateways.end() ? nullptr : &it->second;
}

// Answers on `rp` (the handlers here return void; a promise's deliver returns the promise).
template <class Promise, class T>
void reply(Promise rp, T&& x) {
  rp.deliver(std::forward<T>(x));
}

auto deliver_error(const promise& rp) {
  return [rp](caf::error& e) mutable { reply(rp, std::move(e)); };
}

// Whether an error from a write means Cliniko certainly did not make the change.
bool surely_not_made(const caf::error& e) {
  switch (code_of(e).value_or(error_code::cliniko_unavailable)) {
    case error_code::cliniko_validation:
    case error_code::cliniko_unauthorized:
    case error_code::cliniko_not_found:
    case error_code::cliniko_rate_limited:
    case error_code::invalid_request:
    case error_code::unknown_clinic:
      return true;
    default:
      return false;
  }
}

std::string why_of(const caf::error& e) {
  const auto context = context_of(e);
  return context.empty() ? to_string(code_of(e).value_or(error_code::cliniko_unavailable))
                         : context;
}

// ---- recording ----

// Marks the intent done and puts the appointment in the local copy (the next sync would, later),
// then answers (`then`).
void record_done(bookings_pointer self, const booking_intent& intent, const appointment& a,
                 const std::function<void()>& then) {
  self->request(self->state.database, database_timeout, complete_atom::value, intent.clinic,
                intent.id, a)
      .then([then](bool) { then(); },
            [then, id = intent.id](caf::error& e) {
              // Cliniko has it; the intent stays pending and the next settling pass completes it.
              spdlog::error("booking intent {}: done in Cliniko but not recorded: {}", id,
                            why_of(e));
              then();
            });
}

// Marks the intent failed, then answers (`then`): what the caller hears is on record first.
void record_failed(bookings_pointer self, const booking_intent& intent, const std::string& why,
                   const std::function<void()>& then) {
  self->request(self->state.database, database_timeout, fail_intent_atom::value, intent.id, why)
      .then([then](bool) { then(); },
            [then, id = intent.id](caf::error& e) {
              // Left pending: the next settling pass looks in Cliniko and fails it there.
              spdlog::error("booking intent {}: failed but not recorded: {}", id, why_of(e));
              then();
            });
}

void forget_times(bookings_pointer self, clinic_id clinic, std::vector<std::string> practitioners) {
  self->send(self->state.availability, invalidate_atom::value, clinic, std::move(practitioners));
}

// ---- settling what a crash (or an unanswered write) left open ----

using settled_fn = std::function<void(bool settled, std::optional<appointment>)>;

void settle_with(bookings_pointer self, const booking_intent& intent,
                 const std::optional<appointment>& found, const settled_fn& then) {
  if (!found)
    return record_failed(self, intent, "not made in Cliniko", [then] { then(true, std::nullopt); });
  record_done(self, intent, *found, [then, found] { then(true, found); });
  forget_times(self, intent.clinic, {intent.practitioner_id});
}

// Looks in Cliniko for what the intent meant to do, and records whether it happened.
void settle(bookings_pointer self, const booking_intent& intent, const call_options& call,
            const settled_fn& then) {
  const auto* gateway = gateway_of(self, intent.clinic);
  if (!gateway) return then(false, std::nullopt);
  const auto unsettled = [then](caf::error& e) {
    spdlog::warn("a booking intent could not be settled yet: {}", why_of(e));
    then(false, std::nullopt);
  };
  if (intent.kind == intent_kind::book) {
    appointment_query q;
    q.starts_from = intent.starts_at;
    q.starts_until = intent.starts_at;
    q.practitioner_id = intent.practitioner_id;
    self->request(*gateway, call.time_left(), appointments_atom::value, q, call)
        .then(
            [self, intent, then](std::vector<appointment>& found) {
              std::optional<appointment> made;
              for (auto& a : found)
                if (a.cancelled_at == 0 && !a.archived && a.starts_at == intent.starts_at &&
                    (intent.patient_id.empty() ? domain::normalize(a.patient_name) ==
                                                     domain::normalize(intent.patient_name)
                                               : a.patient_id == intent.patient_id))
                  made = std::move(a);
              settle_with(self, intent, made, then);
            },
            unsettled);
    return;
  }
  self->request(*gateway, call.time_left(), appointment_atom::value, intent.appointment_id, call)
      .then(
          [self, intent, then](appointment& a) {
            const bool happened = intent.kind == intent_kind::cancel
                                      ? a.cancelled_at != 0
                                      : a.cancelled_at == 0 && a.starts_at == intent.starts_at &&
                                            a.practitioner_id == intent.practitioner_id;
            settle_with(self, intent, happened ? std::optional<appointment>{a} : std::nullopt,
                        then);
          },
          [self, intent, then, unsettled](caf::error& e) mutable {
            if (code_of(e) == error_code::cliniko_not_found)
              return settle_with(self, intent, std::nullopt, then);
            unsettled(e);
          });
}

caf::result<std::int64_t> reconcile(bookings_pointer self, std::int64_t older_than) {
  auto rp = self->make_response_promise<std::int64_t>();
  self->request(self->state.database, database_timeout, pending_atom::value, older_than)
      .then(
          [self, rp](std::vector<booking_intent>& pending) mutable {
            if (pending.empty()) {
              reply(rp, std::int64_t{0});
              return;
            }
            spdlog::info("settling {} booking intent(s) left pending", pending.size());
            auto left = std::make_shared<std::size_t>(pending.size());
            auto settled = std::make_shared<std::int64_t>(0);
            const auto call = call_options::within(settle_budget, priority::background);
            for (const auto& intent : pending)
              settle(self, intent, call,
                     [rp, left, settled](bool done, const std::optional<appointment>&) mutable {
                       if (done) ++*settled;
                       if (--*left == 0) reply(rp, *settled);
                     });
          },
          [rp](caf::error& e) mutable { reply(rp, std::move(e)); });
  return rp;
}

/// Kept back from a write's deadline to look for what it did when no answer comes.
constexpr auto settle_reserve = 1500ms;

// The deadline of a write: the call's, less time to look for its outcome afterwards.
call_options write_call(call_options call) {
  if (call.time_left() > 2 * settle_reserve)
    call.deadline_ns -=
        std::chrono::duration_cast<std::chrono::nanoseconds>(settle_reserve).count();
  return call;
}

// After a write that got no clear answer: what happened decides the reply.
void settle_then_answer(bookings_pointer self, const booking_intent& intent, const caf::error& e,
                        const call_options& call, const promise& rp, const patient& who) {
  settle(self, intent, call, [rp, e, who](bool settled, std::optional<appointment> made) mutable {
    if (settled && made) return reply(rp, outcome(outcome_kind::done, *made, who));
    reply(rp, e);
  });
}

// ---- the nearest free times, when the one asked for is gone ----

std::vector<unix_seconds> nearest(const std::vector<unix_seconds>& free, unix_seconds wanted,
                                  const std::string& zone) {
  std::vector<domain::instant> times;
  times.reserve(free.size());
  for (const auto t : free) times.push_back(at(t));
  std::vector<unix_seconds> out;
  for (const auto t : domain::alternatives_to(at(wanted), times, at(wall_now()), zone))
    out.push_back(t.time_since_epoch().count());
  return out;
}

/// How far ahead the alternatives to a taken time are looked for when its day has none.
constexpr int alternatives_days = 14;

void deliver_taken(const promise& rp, std::vector<unix_seconds> alternatives) {
  auto out = outcome(outcome_kind::taken);
  out.alternatives = std::move(alternatives);
  reply(rp, std::move(out));
}

// The time asked for is gone: offers the nearest on its day (`day_free`, asked for when not
// known) or, when that day has nothing left, on the next day that has.
void answer_taken(bookings_pointer self, clinic_id clinic, const domain::slot_source& source,
                  unix_seconds wanted, const call_options& call, const promise& rp,
                  std::optional<std::vector<unix_seconds>> day_free = std::nullopt) {
  const auto day = domain::local_date(at(wanted), source.zone);
  auto& availability = self->state.availability;
  if (!day_free) {
    self->request(availability, call.time_left(), available_times_atom::value,
                  slot_request{clinic, {source}, day, day, wall_now(), call})
        .then(
            [=](times_reply& reply) {
              answer_taken(self, clinic, source, wanted, call, rp, reply.times.front());
            },
            [=](caf::error&) { answer_taken(self, clinic, source, wanted, call, rp, {{}}); });
    return;
  }
  if (auto near = nearest(*day_free, wanted, source.zone); !near.empty())
    return deliver_taken(rp, std::move(near));
  const slot_request later{
      clinic, {source}, plus_days(day, 1), plus_days(day, alternatives_days), wall_now(), call};
  self->request(availability, call.time_left(), next_available_atom::value, later)
      .then(
          [=](found_slot& found) {
            if (found.start == 0) return deliver_taken(rp, {});
            const auto next_day = domain::local_date(at(found.start), source.zone);
            self->request(availability, call.time_left(), available_times_atom::value,
                          slot_request{clinic, {source}, next_day, next_day, wall_now(), call})
                .then(
                    [=](times_reply& reply) {
                      deliver_taken(rp, nearest(reply.times.front(), wanted, source.zone));
                    },
                    [=](caf::error&) { deliver_taken(rp, {found.start}); });
          },
          [=](caf::error&) { deliver_taken(rp, {}); });
}

// The time is claimed by another call: not to be offered again for a while.
void taken_by_claim(bookings_pointer self, clinic_id clinic, const domain::slot_source& source,
                    unix_seconds wanted, const call_options& call, const promise& rp) {
  self->send(self->state.availability, failed_atom::value, clinic, source.practitioner_id, wanted);
  answer_taken(self, clinic, source, wanted, call, rp);
}

// Whether `start` is free right now, asked of Cliniko itself (never the cache); with the day's
// free times.
void recheck(bookings_pointer self, clinic_id clinic, const domain::slot_source& source,
             unix_seconds start, const call_options& call,
             const std::function<void(caf::expected<std::vector<unix_seconds>>)>& then) {
  const auto* gateway = gateway_of(self, clinic);
  if (!gateway) return then(make_error(error_code::unknown_clinic, "no gateway"));
  const auto day = domain::format_date(domain::local_date(at(start), source.zone));
  self->request(*gateway, call.time_left(), available_times_atom::value,
                slot_query{source.location_id, source.practitioner_id, source.service_id, day, day},
                call)
      .then([then](std::vector<unix_seconds>& free) { then(std::move(free)); },
            [then](caf::error& e) { then(std::move(e)); });
}

bool is_free(const std::vector<unix_seconds>& free, unix_seconds start) {
  return std::find(free.begin(), free.end(), start) != free.end();
}

// ---- booking ----

struct booking_run {
  booking_request request;
  booking_intent intent;
  /// Without an id until created in Cliniko: a new patient.
  patient who;
  promise rp;
};
using run_ptr = std::shared_ptr<booking_run>;

std::string full_name(const caller_details& c) {
  return c.last_name.empty() ? c.first_name : c.first_name + " " + c.last_name;
}

std::string booking_key(const booking_request& r) {
  return "book|" + r.session_id + "|" + r.source.practitioner_id + "|" + std::to_string(r.start) +
         "|" + domain::normalize(full_name(r.caller)) + "|" + r.caller.phone;
}

void write_booking(bookings_pointer self, const run_ptr& run) {
  const auto& r = run->request;
  const auto* gateway = gateway_of(self, r.clinic);
  new_appointment wanted{
      r.start, run->who.id, r.source.practitioner_id, r.source.service_id, r.source.location_id,
      r.notes};
  const auto call = write_call(r.call);
  self->request(*gateway, call.time_left(), book_atom::value, wanted, call)
      .then(
          [self, run](appointment& a) {
            forget_times(self, run->request.clinic, {run->request.source.practitioner_id});
            record_done(self, run->intent, a,
                        [run, a] { reply(run->rp, outcome(outcome_kind::done, a, run->who)); });
          },
          [self, run](caf::error& e) {
            if (surely_not_made(e))
              return record_failed(self, run->intent, why_of(e), [run, e] { reply(run->rp, e); });
            settle_then_answer(self, run->intent, e, run->request.call, run->rp, run->who);
          });
}

// Both the fresh look at the time and (for a new patient) their creation are in: book, or say
// why not.
void after_check(bookings_pointer self, const run_ptr& run,
                 caf::expected<std::vector<unix_seconds>> free, const caf::error& patient_error) {
  const auto& r = run->request;
  if (!free || patient_error) {
    const auto e = free ? patient_error : free.error();
    return record_failed(self, run->intent, why_of(e), [run, e] { reply(run->rp, e); });
  }
  if (!is_free(*free, r.start)) {
    self->send(self->state.availability, failed_atom::value, r.clinic, r.source.practitioner_id,
               r.start);
    return record_failed(
        self, run->intent, "taken before it could be booked", [self, run, day_free = *free] {
          const auto& r = run->request;
          answer_taken(self, r.clinic, r.source, r.start, r.call, run->rp, day_free);
        });
  }
  write_booking(self, run);
}

// The fresh look and the new patient go to Cliniko side by side: one round trip, not two.
void check_and_create(bookings_pointer self, const run_ptr& run) {
  struct joined {
    int left = 2;
    caf::expected<std::vector<unix_seconds>> free{std::vector<unix_seconds>{}};
    caf::error patient_error;
  };
  auto j = std::make_shared<joined>();
  const auto one_done = [self, run, j] {
    if (--j->left == 0) after_check(self, run, std::move(j->free), j->patient_error);
  };
  const auto& r = run->request;
  recheck(self, r.clinic, r.source, r.start, r.call, [j, one_done](auto free) {
    j->free = std::move(free);
    one_done();
  });
  if (!run->who.id.empty()) return one_done();
  new_patient details{r.caller.first_name, r.caller.last_name, r.caller.email, {}};
  if (!r.caller.phone.empty()) details.phones.push_back({"Mobile", r.caller.phone});
  self->request(*gateway_of(self, r.clinic), r.call.time_left(), create_patient_atom::value,
                details, r.call)
      .then(
          [self, run, one_done](patient& p) {
            run->who = p;
            // The phone index learns of them before the booking answers: the next call finds
            // them.
            self->request(self->state.database, database_timeout, save_patients_atom::value,
                          run->request.clinic, std::vector<patient>{p}, self->state.config.region)
                .then([one_done](std::int64_t) { one_done(); },
                      [one_done](caf::error&) { one_done(); });
          },
          [j, one_done](caf::error& e) {
            j->patient_error = std::move(e);
            one_done();
          });
}

void claim_time(bookings_pointer self, const run_ptr& run) {
  const auto& r = run->request;
  auto& i = run->intent;
  i.clinic = r.clinic;
  i.kind = intent_kind::book;
  i.request_key = booking_key(r);
  i.session_id = r.session_id;
  i.patient_id = run->who.id;
  i.patient_name = full_name(r.caller);
  i.practitioner_id = r.source.practitioner_id;
  i.location_id = r.source.location_id;
  i.service_id = r.source.service_id;
  i.starts_at = r.start;
  i.ends_at = r.start + std::int64_t{std::max(1, r.duration_minutes)} * 60;
  self->request(self->state.database, database_timeout, claim_atom::value, i)
      .then(
          [self, run](claim_outcome& claimed) {
            switch (claimed.what) {
              case claim_outcome::kind::repeated:
                return reply(run->rp, outcome(claimed.intent.state == intent_state::done
                                                  ? outcome_kind::repeated
                                                  : outcome_kind::in_progress,
                                              appointment_of(claimed.intent), run->who));
              case claim_outcome::kind::taken:
                return taken_by_claim(self, run->request.clinic, run->request.source,
                                      run->request.start, run->request.call, run->rp);
              case claim_outcome::kind::claimed:
                run->intent = std::move(claimed.intent);
                return check_and_create(self, run);
            }
          },
          deliver_error(run->rp));
}

// Which patient is booking: one on the caller's number, a new one, or a question.
void choose_patient(bookings_pointer self, const run_ptr& run, std::vector<patient> on_number) {
  std::vector<domain::patient_name> names;
  names.reserve(on_number.size());
  for (const auto& p : on_number)
    names.push_back({p.first_name, p.last_name, p.preferred_first_name});
  const auto choice = domain::choose_patient(names, full_name(run->request.caller));
  switch (choice.what) {
    case domain::patient_choice::kind::ask: {
      auto out = outcome(outcome_kind::choose_patient);
      out.patients = std::move(on_number);
      return reply(run->rp, std::move(out));
    }
    case domain::patient_choice::kind::need_name:
      return reply(run->rp, outcome(outcome_kind::need_name));
    case domain::patient_choice::kind::existing:
      run->who = on_number[choice.index];
      break;
    case domain::patient_choice::kind::new_patient:
      run->who.first_name = run->request.caller.first_name;
      run->who.last_name = run->request.caller.last_name;
      break;
  }
  claim_time(self, run);
}

caf::result<booking_outcome> book(bookings_pointer self, booking_request r) {
  auto run = std::make_shared<booking_run>();
  run->rp = self->make_response_promise<booking_outcome>();
  run->request = std::move(r);
  if (!gateway_of(self, run->request.clinic))
    return make_error(error_code::unknown_clinic, "no Cliniko gateway for the clinic");
  if (run->request.caller.phone.empty()) {
    choose_patient(self, run, {});
    return run->rp;
  }
  self->request(self->state.database, database_timeout, phone_lookup_atom::value,
                run->request.clinic, run->request.caller.phone)
      .then(
          [self, run](std::vector<patient>& found) { choose_patient(self, run, std::move(found)); },
          deliver_error(run->rp));
  return run->rp;
}

// ---- finding an appointment to move or cancel ----

using found_fn = std::function<void(appointment)>;

// Picks among the caller's upcoming appointments those that fit what was said.
std::vector<appointment> fitting(std::vector<appointment> upcoming, const appointment_pick& w) {
  std::erase_if(upcoming, [&](const appointment& a) {
    return (!w.practitioner_id.empty() && a.practitioner_id != w.practitioner_id) ||
           (w.start != 0 && a.starts_at != w.start) ||
           (!w.date.empty() && !w.zone.empty() &&
            domain::format_date(domain::local_date(at(a.starts_at), w.zone)) != w.date);
  });
  return upcoming;
}

// The appointment as Cliniko has it now, or the outcome that says why there is none.
void fetch_appointment(bookings_pointer self, clinic_id clinic, const std::string& id,
                       const call_options& call, const promise& rp, const found_fn& then) {
  self->request(*gateway_of(self, clinic), call.time_left(), appointment_atom::value, id, call)
      .then([then](appointment& a) { then(std::move(a)); },
            [rp](caf::error& e) mutable {
              if (code_of(e) == error_code::cliniko_not_found)
                return reply(rp, outcome(outcome_kind::not_found));
              reply(rp, std::move(e));
            });
}

void find_appointment(bookings_pointer self, clinic_id clinic, const appointment_pick& which,
                      const call_options& call, const promise& rp, const found_fn& then) {
  if (!which.appointment_id.empty())
    return fetch_appointment(self, clinic, which.appointment_id, call, rp, then);
  if (which.phone.empty()) return reply(rp, outcome(outcome_kind::not_found));
  self->request(self->state.database, database_timeout, upcoming_atom::value, clinic, which.phone,
                wall_now())
      .then(
          [self, clinic, which, call, rp, then](std::vector<appointment>& upcoming) mutable {
            auto fits = fitting(std::move(upcoming), which);
            if (fits.empty()) return reply(rp, outcome(outcome_kind::not_found));
            if (fits.size() > 1) {
              auto out = outcome(outcome_kind::choose_appointment);
              out.appointments = std::move(fits);
              return reply(rp, std::move(out));
            }
            fetch_appointment(self, clinic, fits.front().id, call, rp, then);
          },
          deliver_error(rp));
}

// Cancelled or past appointments cannot be changed: the outcome that says so, if any.
std::optional<booking_outcome> unchangeable(const appointment& a) {
  if (a.cancelled_at != 0 || a.archived) return outcome(outcome_kind::already_cancelled, a);
  if (a.starts_at < wall_now()) return outcome(outcome_kind::in_the_past, a);
  return std::nullopt;
}

// Claims `intent`, then runs `go`; a repeat or a taken time is answered here.
void claim_then(bookings_pointer self, const booking_intent& intent,
                const domain::slot_source& source, const call_options& call, const promise& rp,
                const std::function<void(booking_intent)>& go) {
  self->request(self->state.database, database_timeout, claim_atom::value, intent)
      .then(
          [self, source, call, rp, go](claim_outcome& claimed) mutable {
            switch (claimed.what) {
              case claim_outcome::kind::repeated:
                return reply(rp, outcome(claimed.intent.state == intent_state::done
                                             ? outcome_kind::repeated
                                             : outcome_kind::in_progress,
                                         appointment_of(claimed.intent)));
              case claim_outcome::kind::taken:
                return taken_by_claim(self, claimed.intent.clinic, source, claimed.intent.starts_at,
                                      call, rp);
              case claim_outcome::kind::claimed:
                return go(std::move(claimed.intent));
            }
          },
          deliver_error(rp));
}

// Sends a write whose outcome completes `intent`: recorded, the times forgotten, answered. A
// write without a clear answer is looked for in Cliniko before answering.
template <class Reply, class Write, class Convert>
void write_change(bookings_pointer self, const booking_intent& intent, const call_options& call,
                  const promise& rp, const std::vector<std::string>& practitioners, Write write,
                  Convert to_appointment) {
  write.then(
      [self, intent, rp, practitioners, to_appointment](Reply& written) mutable {
        const appointment a = to_appointment(written);
        forget_times(self, intent.clinic, practitioners);
        record_done(self, intent, a,
                    [rp, a]() mutable { reply(rp, outcome(outcome_kind::done, a)); });
      },
      [self, intent, call, rp](caf::error& e) mutable {
        if (!surely_not_made(e)) return settle_then_answer(self, intent, e, call, rp, {});
        record_failed(self, intent, why_of(e), [rp, e] {
          if (code_of(e) == error_code::cliniko_not_found)
            reply(rp, outcome(outcome_kind::not_found));
          else
            reply(rp, e);
        });
      });
}

// An intent to change `a`, as it stands.
booking_intent intent_for(const appointment& a, intent_kind kind, clinic_id clinic,
                          const std::string& session_id) {
  booking_intent i;
  i.clinic = clinic;
  i.kind = kind;
  i.session_id = session_id;
  i.appointment_id = a.id;
  i.patient_id = a.patient_id;
  i.patient_name = a.patient_name;
  i.practitioner_id = a.practitioner_id;
  i.location_id = a.business_id;
  i.service_id = a.appointment_type_id;
  i.starts_at = a.starts_at;
  i.ends_at = a.ends_at;
  return i;
}

void move_found(bookings_pointer self, const move_request& r, const promise& rp,
                const appointment& a) {
  if (auto no = unchangeable(a)) return reply(rp, std::move(*no));
  auto i = intent_for(a, intent_kind::move, r.clinic, r.session_id);
  if (!r.practitioner_id.empty()) i.practitioner_id = r.practitioner_id;
  if (!r.location_id.empty()) i.location_id = r.location_id;
  if (!r.service_id.empty()) i.service_id = r.service_id;
  i.starts_at = r.start;
  i.ends_at = r.start + (r.duration_minutes > 0 ? std::int64_t{r.duration_minutes} * 60
                                                : a.ends_at - a.starts_at);
  i.request_key = "move|" + a.id + "|" + std::to_string(r.start) + "|" + i.practitioner_id;
  if (i.starts_at == a.starts_at && i.practitioner_id == a.practitioner_id &&
      i.service_id == a.appointment_type_id && i.location_id == a.business_id)
    return reply(rp, outcome(outcome_kind::done, a));
  const domain::slot_source target{i.location_id, i.practitioner_id, i.service_id, r.which.zone};
  claim_then(self, i, target, r.call, rp, [self, r, rp, a, target](const booking_intent& intent) {
    recheck(
        self, r.clinic, target, r.start, r.call,
        [self, r, rp, a, target, intent](caf::expected<std::vector<unix_seconds>> free) mutable {
          if (!free)
            return record_failed(self, intent, why_of(free.error()),
                                 [rp, e = free.error()] { reply(rp, e); });
          if (!is_free(*free, r.start))
            return record_failed(self, intent, "taken before it could be moved to",
                                 [self, r, rp, target, day_free = *free] {
                                   answer_taken(self, r.clinic, target, r.start, r.call, rp,
                                                day_free);
                                 });
          const appointment_change change{intent.starts_at,       intent.ends_at,
                                          intent.practitioner_id, intent.service_id,
                                          intent.location_id,     ""};
          const auto call = write_call(r.call);
          write_change<appointment>(self, intent, r.call, rp,
                                    {a.practitioner_id, intent.practitioner_id},
                                    self->request(*gateway_of(self, r.clinic), call.time_left(),
                                                  move_atom::value, a.id, change, call),
                                    [](const appointment& moved) { return moved; });
        });
  });
}

caf::result<booking_outcome> move(bookings_pointer self, const move_request& r) {
  if (!gateway_of(self, r.clinic))
    return make_error(error_code::unknown_clinic, "no Cliniko gateway for the clinic");
  auto rp = self->make_response_promise<booking_outcome>();
  find_appointment(self, r.clinic, r.which, r.call, rp,
                   [self, r, rp](const appointment& a) { move_found(self, r, rp, a); });
  return rp;
}

void cancel_found(bookings_pointer self, const cancel_request& r, const promise& rp,
                  const appointment& a) {
  if (auto no = unchangeable(a)) return reply(rp, std::move(*no));
  auto i = intent_for(a, intent_kind::cancel, r.clinic, r.session_id);
  i.request_key = "cancel|" + a.id;
  claim_then(self, i, {}, r.call, rp, [self, r, rp, a](const booking_intent& intent) {
    const auto call = write_call(r.call);
    write_change<std::string>(self, intent, r.call, rp, {a.practitioner_id},
                              self->request(*gateway_of(self, r.clinic), call.time_left(),
                                            cancel_atom::value, a.id, r.why, call),
                              [a](const std::string&) {
                                auto cancelled = a;
                                cancelled.cancelled_at = wall_now();
                                return cancelled;
                              });
  });
}

caf::result<booking_outcome> cancel(bookings_pointer self, const cancel_request& r) {
  if (!gateway_of(self, r.clinic))
    return make_error(error_code::unknown_clinic, "no Cliniko gateway for the clinic");
  auto rp = self->make_response_promise<booking_outcome>();
  find_appointment(self, r.clinic, r.which, r.call, rp,
                   [self, r, rp](const appointment& a) { cancel_found(self, r, rp, a); });
  return rp;
}

bookings_actor::behavior_type bookings(bookings_pointer self, database_actor database,
                                       availability_actor availability, bookings_config config) {
  auto& s = self->state;
  s.database = std::move(database);
  s.availability = std::move(availability);
  s.config = std::move(config);
  if (s.config.settle_every.count() > 0)
    self->send(caf::actor_cast<bookings_actor>(self), tick_atom::value);
  return {
      [self](book_atom, booking_request& r) { return book(self, std::move(r)); },
      [self](move_atom, const move_request& r) { return move(self, r); },
      [self](cancel_atom, const cancel_request& r) { return cancel(self, r); },
      [self](reconcile_atom, std::int64_t older_than) { return reconcile(self, older_than); },
      [self](tick_atom) {
        const auto& c = self->state.config;
        self->request(caf::actor_cast<bookings_actor>(self), database_timeout + settle_budget,
                      reconcile_atom::value, std::int64_t{c.settle_after.count()})
            .then([](std::int64_t) {}, [](caf::error&) {});
        self->delayed_send(self, c.settle_every, tick_atom::value);
      },
  };
}

}  // namespace

bookings_actor spawn_bookings(caf::actor_system& system, database_actor database,
                              availability_actor availability, bookings_config config) {
  return system.spawn(bookings, std::move(database), std::move(availability), std::move(config));
}

}  // namespace frontdesk
