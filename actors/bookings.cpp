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

#include "actors/background.hpp"
#include "actors/fan_in.hpp"
#include "domain/bookings.hpp"
#include "domain/patients.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using promise = caf::typed_response_promise<booking_outcome>;
using outcome_kind = booking_outcome::kind;
using domain::at;
using domain::plus_days;

constexpr auto database_timeout = 10s;
/// How long settling one intent may take; it runs in the background.
constexpr auto settle_budget = 20s;
/// Kept back from a write's deadline to look for what it did when no answer comes.
constexpr auto settle_reserve = 1500ms;
/// How far ahead the alternatives to a taken time are looked for when its day has none.
constexpr int alternatives_days = 14;

struct bookings_state {
  bookings_state() = default;
  intents_actor intents;
  local_copy_actor local_copy;
  availability_actor availability;
  bookings_config config;
  background_failures failures;
  static inline const char* name = "bookings";
};

using bookings_pointer = bookings_actor::stateful_pointer<bookings_state>;

unix_seconds now_of(bookings_pointer self) {
  return domain::seconds_of(self->state.config.clock.now());
}

booking_outcome outcome(outcome_kind what, appointment a = {}, patient who = {}) {
  booking_outcome out;
  out.what = what;
  out.result = std::move(a);
  out.who = std::move(who);
  return out;
}

const cliniko_gateway_actor* gateway_of(bookings_pointer self, clinic_id clinic) {
  const auto& gateways = self->state.config.gateways;
  const auto it = gateways.find(clinic);
  return it == gateways.end() ? nullptr : &it->second;
}

caf::error no_gateway() {
  return make_error(error_code::unknown_clinic, "no Cliniko gateway for the clinic");
}

// Answers on `rp` (the handlers here return void; a promise's deliver returns the promise).
template <class Promise, class T>
void reply(Promise rp, T&& x) {
  rp.deliver(std::forward<T>(x));
}

auto deliver_error(const promise& rp) {
  return [rp](caf::error& e) mutable { reply(rp, std::move(e)); };
}

bool surely_not_made(const caf::error& e) {
  return domain::surely_not_made(code_of(e).value_or(error_code::cliniko_unavailable));
}

std::string why_of(const caf::error& e) {
  const auto context = context_of(e);
  return context.empty() ? to_string(code_of(e).value_or(error_code::cliniko_unavailable))
                         : context;
}

// The deadline of a write: the call's, less time to look for its outcome afterwards.
call_options write_call(call_options call) {
  if (call.time_left() > 2 * settle_reserve)
    call.deadline_ns -=
        std::chrono::duration_cast<std::chrono::nanoseconds>(settle_reserve).count();
  return call;
}

// ---- recording ----

// Marks the intent done and puts the appointment in the local copy (the next sync would, later),
// then answers (`then`).
void record_done(bookings_pointer self, const booking_intent& intent, const appointment& a,
                 const std::function<void()>& then) {
  self->request(self->state.intents, database_timeout, complete_atom::value, intent.clinic,
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
  self->request(self->state.intents, database_timeout, fail_intent_atom::value, intent.id, why)
      .then([then](bool) { then(); },
            [then, id = intent.id](caf::error& e) {
              // Left pending: the next settling pass looks in Cliniko and fails it there.
              spdlog::error("booking intent {}: failed but not recorded: {}", id, why_of(e));
              then();
            });
}

// Records the failure and answers with the error itself.
void fail_with(bookings_pointer self, const booking_intent& intent, const promise& rp,
               const caf::error& e) {
  record_failed(self, intent, why_of(e), [rp, e] { reply(rp, e); });
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

auto unsettled(const settled_fn& then) {
  return [then](caf::error& e) {
    spdlog::warn("a booking intent could not be settled yet: {}", why_of(e));
    then(false, std::nullopt);
  };
}

// A booking is looked for among the practitioner's appointments at its start.
void settle_booking(bookings_pointer self, const cliniko_gateway_actor& gateway,
                    const booking_intent& intent, const call_options& call,
                    const settled_fn& then) {
  appointment_query q;
  q.starts_from = intent.starts_at;
  q.starts_until = intent.starts_at;
  q.practitioner_id = intent.practitioner_id;
  self->request(gateway, call.time_left(), appointments_atom::value, q, call)
      .then(
          [self, intent, then](std::vector<appointment>& found) {
            settle_with(self, intent, domain::booking_made(intent, std::move(found)), then);
          },
          unsettled(then));
}

// A move or cancellation is read from the appointment itself.
void settle_change(bookings_pointer self, const cliniko_gateway_actor& gateway,
                   const booking_intent& intent, const call_options& call, const settled_fn& then) {
  self->request(gateway, call.time_left(), appointment_atom::value, intent.appointment_id, call)
      .then(
          [self, intent, then](appointment& a) {
            const auto made = domain::change_made(intent, a);
            settle_with(self, intent, made ? std::optional<appointment>{a} : std::nullopt, then);
          },
          [self, intent, then](caf::error& e) mutable {
            if (code_of(e) == error_code::cliniko_not_found)
              return settle_with(self, intent, std::nullopt, then);
            unsettled(then)(e);
          });
}

// Looks in Cliniko for what the intent meant to do, and records whether it happened.
void settle(bookings_pointer self, const booking_intent& intent, const call_options& call,
            const settled_fn& then) {
  const auto* gateway = gateway_of(self, intent.clinic);
  if (!gateway) return then(false, std::nullopt);
  if (intent.kind == intent_kind::book) return settle_booking(self, *gateway, intent, call, then);
  settle_change(self, *gateway, intent, call, then);
}

// Settles each intent in the background; answers how many were settled.
void settle_all(bookings_pointer self, const caf::typed_response_promise<std::int64_t>& rp,
                const std::vector<booking_intent>& pending) {
  if (pending.empty()) return reply(rp, std::int64_t{0});
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
}

caf::result<std::int64_t> reconcile(bookings_pointer self, std::int64_t older_than) {
  auto rp = self->make_response_promise<std::int64_t>();
  self->request(self->state.intents, database_timeout, pending_atom::value, older_than)
      .then([self, rp](std::vector<booking_intent>& pending) { settle_all(self, rp, pending); },
            [rp](caf::error& e) mutable { reply(rp, std::move(e)); });
  return rp;
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

void deliver_taken(const promise& rp, std::vector<unix_seconds> alternatives) {
  auto out = outcome(outcome_kind::taken);
  out.alternatives = std::move(alternatives);
  reply(rp, std::move(out));
}

/// Where a taken time's alternatives are looked for: its practitioner's service and place.
struct taken_time {
  clinic_id clinic = 0;
  domain::offering source;
  unix_seconds wanted = 0;
  call_options call;
  /// How long the appointment lasts: a time offered instead must not overlap one just claimed.
  unix_seconds length = 0;
};

slot_request day_request(bookings_pointer self, const taken_time& t, domain::calendar_date day) {
  return {t.clinic, {t.source}, day, day, now_of(self), t.call};
}

// Of `free` (Cliniko's list, or a cache of it), those no live claim overlaps: the appointment
// just made by another caller, on any node, is in the claims before Cliniko's list shows it.
void unclaimed(bookings_pointer self, const taken_time& t, std::vector<unix_seconds> free,
               const std::function<void(std::vector<unix_seconds>)>& then) {
  if (free.empty()) return then(std::move(free));
  const auto [first, last] = std::minmax_element(free.begin(), free.end());
  self->request(self->state.intents, database_timeout, held_atom::value, t.clinic,
                t.source.practitioner_id, *first, *last + std::max<unix_seconds>(t.length, 1))
      .then(
          [t, free, then](const std::vector<appointment>& held) mutable {
            then(domain::without_held(std::move(free), held, t.length));
          },
          [free, then](const caf::error&) mutable { then(std::move(free)); });
}

// Nothing left on the time's day: the nearest on the next day that has any.
void offer_later_day(bookings_pointer self, const taken_time& t, const promise& rp) {
  const auto day = domain::local_date(at(t.wanted), t.source.zone);
  const slot_request later{t.clinic,          {t.source},
                           plus_days(day, 1), plus_days(day, alternatives_days),
                           now_of(self),      t.call};
  auto& availability = self->state.availability;
  self->request(availability, t.call.time_left(), next_available_atom::value, later)
      .then(
          [=](found_slot& found) {
            if (found.start == 0) return deliver_taken(rp, {});
            const auto next_day = domain::local_date(at(found.start), t.source.zone);
            self->request(availability, t.call.time_left(), available_times_atom::value,
                          day_request(self, t, next_day))
                .then(
                    [=](times_reply& reply) {
                      unclaimed(self, t, reply.times.front(), [=](std::vector<unix_seconds> free) {
                        deliver_taken(
                            rp, domain::nearest_free(free, t.wanted, self->state.config.clock.now(),
                                                     t.source.zone));
                      });
                    },
                    [=](caf::error&) { deliver_taken(rp, {found.start}); });
          },
          [=](caf::error&) { deliver_taken(rp, {}); });
}

// The time asked for is gone: offers the nearest on its day (`day_free`) or, when that day has
// nothing left, on the next day that has.
void offer_instead(bookings_pointer self, const taken_time& t, const promise& rp,
                   const std::vector<unix_seconds>& day_free) {
  unclaimed(self, t, day_free, [self, t, rp](std::vector<unix_seconds> free) {
    auto near = domain::nearest_free(free, t.wanted, self->state.config.clock.now(), t.source.zone);
    if (!near.empty()) return deliver_taken(rp, std::move(near));
    offer_later_day(self, t, rp);
  });
}

// As offer_instead, once the day's free times are known.
void offer_instead(bookings_pointer self, const taken_time& t, const promise& rp) {
  const auto day = domain::local_date(at(t.wanted), t.source.zone);
  self->request(self->state.availability, t.call.time_left(), available_times_atom::value,
                day_request(self, t, day))
      .then([=](times_reply& reply) { offer_instead(self, t, rp, reply.times.front()); },
            [=](caf::error&) { offer_instead(self, t, rp, {}); });
}

// The time could not be had: not to be offered again for a while, and the nearest offered.
void answer_taken(bookings_pointer self, const taken_time& t, const promise& rp,
                  std::optional<std::vector<unix_seconds>> day_free = std::nullopt) {
  self->send(self->state.availability, failed_atom::value, t.clinic, t.source.practitioner_id,
             t.wanted);
  if (day_free) return offer_instead(self, t, rp, *day_free);
  offer_instead(self, t, rp);
}

// Whether `start` is free right now, asked of Cliniko itself (never the cache); with the day's
// free times.
void recheck(bookings_pointer self, const taken_time& t,
             const std::function<void(caf::expected<std::vector<unix_seconds>>)>& then) {
  const auto* gateway = gateway_of(self, t.clinic);
  if (!gateway) return then(no_gateway());
  const auto day = domain::format_date(domain::local_date(at(t.wanted), t.source.zone));
  const slot_query q{t.source.location_id, t.source.practitioner_id, t.source.service_id, day, day};
  self->request(*gateway, t.call.time_left(), available_times_atom::value, q, t.call)
      .then([then](std::vector<unix_seconds>& free) { then(std::move(free)); },
            [then](caf::error& e) { then(std::move(e)); });
}

bool is_free(const std::vector<unix_seconds>& free, unix_seconds start) {
  return std::find(free.begin(), free.end(), start) != free.end();
}

// ---- claims and writes, shared by booking, moving and cancelling ----

void claim_then(bookings_pointer self, const booking_intent& intent, const taken_time& wanted,
                const promise& rp, const patient& who,
                const std::function<void(booking_intent)>& go);

// The same request, left pending by a node that is gone: what it did is looked up in Cliniko
// now. Made: that is the answer. Not made: the request is claimed afresh. Unknown: still "I'm
// finishing that".
void settle_then_claim(bookings_pointer self, const booking_intent& left,
                       const booking_intent& intent, const taken_time& wanted, const promise& rp,
                       const patient& who, const std::function<void(booking_intent)>& go) {
  spdlog::info("settling intent {} left pending by a node that is gone", left.id);
  settle(self, left, wanted.call,
         [self, left, intent, wanted, rp, who, go](bool settled, std::optional<appointment> made) {
           if (settled && made) return reply(rp, outcome(outcome_kind::done, *made, who));
           if (settled) return claim_then(self, intent, wanted, rp, who, go);
           reply(rp, domain::repeated_outcome(left, who));
         });
}

// Claims `intent`, then runs `go`; a repeat or a taken time is answered here.
void claim_then(bookings_pointer self, const booking_intent& intent, const taken_time& wanted,
                const promise& rp, const patient& who,
                const std::function<void(booking_intent)>& go) {
  self->request(self->state.intents, database_timeout, claim_atom::value, intent)
      .then(
          [self, intent, wanted, rp, who, go](claim_outcome& claimed) mutable {
            switch (claimed.what) {
              case claim_outcome::kind::repeated:
                if (claimed.orphaned)
                  return settle_then_claim(self, claimed.intent, intent, wanted, rp, who, go);
                return reply(rp, domain::repeated_outcome(claimed.intent, who));
              case claim_outcome::kind::taken:
                return answer_taken(self, wanted, rp);
              case claim_outcome::kind::claimed:
                return go(std::move(claimed.intent));
            }
          },
          deliver_error(rp));
}

// The fresh look found the time gone: the intent fails, and the nearest times are offered.
void taken_on_recheck(bookings_pointer self, const booking_intent& intent, const taken_time& t,
                      const promise& rp, const std::vector<unix_seconds>& day_free,
                      const char* why) {
  record_failed(self, intent, why,
                [self, t, rp, day_free] { answer_taken(self, t, rp, day_free); });
}

// A write's outcome completes `intent`: recorded, the times forgotten, answered.
void completed(bookings_pointer self, const booking_intent& intent, const appointment& a,
               const promise& rp, const patient& who,
               const std::vector<std::string>& practitioners) {
  forget_times(self, intent.clinic, practitioners);
  record_done(self, intent, a,
              [rp, a, who]() mutable { reply(rp, outcome(outcome_kind::done, a, who)); });
}

// A move or cancellation Cliniko refused fails; one without a clear answer is looked for in
// Cliniko before answering.
void change_failed(bookings_pointer self, const booking_intent& intent, const call_options& call,
                   const promise& rp, const caf::error& e) {
  if (!surely_not_made(e)) return settle_then_answer(self, intent, e, call, rp, {});
  record_failed(self, intent, why_of(e), [rp, e] {
    if (code_of(e) == error_code::cliniko_not_found)
      return reply(rp, outcome(outcome_kind::not_found));
    reply(rp, e);
  });
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

taken_time wanted_of(const booking_request& r) {
  return {r.clinic, r.source, r.start, r.call, r.duration_minutes * 60};
}

void write_booking(bookings_pointer self, const run_ptr& run) {
  const auto& r = run->request;
  const new_appointment wanted{
      r.start, run->who.id, r.source.practitioner_id, r.source.service_id, r.source.location_id,
      r.notes};
  const auto call = write_call(r.call);
  self->request(*gateway_of(self, r.clinic), call.time_left(), book_atom::value, wanted, call)
      .then(
          [self, run](appointment& a) {
            completed(self, run->intent, a, run->rp, run->who,
                      {run->request.source.practitioner_id});
          },
          [self, run](caf::error& e) {
            if (surely_not_made(e)) return fail_with(self, run->intent, run->rp, e);
            settle_then_answer(self, run->intent, e, run->request.call, run->rp, run->who);
          });
}

// Both the fresh look at the time and (for a new patient) their creation are in: book, or say
// why not.
void after_check(bookings_pointer self, const run_ptr& run,
                 caf::expected<std::vector<unix_seconds>> free, const caf::error& patient_error) {
  if (!free || patient_error)
    return fail_with(self, run->intent, run->rp, free ? patient_error : free.error());
  if (!is_free(*free, run->request.start))
    return taken_on_recheck(self, run->intent, wanted_of(run->request), run->rp, *free,
                            "taken before it could be booked");
  write_booking(self, run);
}

// Creates the new patient in Cliniko and in the phone index (so the next call finds them before
// a sync would), then `then` with the error, if any.
void create_patient(bookings_pointer self, const run_ptr& run,
                    const std::function<void(caf::error)>& then) {
  const auto& r = run->request;
  self->request(*gateway_of(self, r.clinic), r.call.time_left(), create_patient_atom::value,
                domain::patient_for(r.caller), r.call)
      .then(
          [self, run, then](patient& p) {
            run->who = p;
            self->request(self->state.local_copy, database_timeout, save_patients_atom::value,
                          run->request.clinic, std::vector<patient>{p}, self->state.config.region)
                .then([then](std::int64_t) { then({}); }, [then](caf::error&) { then({}); });
          },
          [then](caf::error& e) { then(std::move(e)); });
}

// The fresh look and the new patient go to Cliniko side by side: one round trip, not two.
void check_and_create(bookings_pointer self, const run_ptr& run) {
  struct answers {
    caf::expected<std::vector<unix_seconds>> free{std::vector<unix_seconds>{}};
    caf::error patient_error;
  };
  auto got = std::make_shared<answers>();
  auto gather = make_fan_in(
      [self, run, got] { after_check(self, run, std::move(got->free), got->patient_error); });
  gather->add();
  recheck(self, wanted_of(run->request), [got, gather](auto free) {
    got->free = std::move(free);
    gather->release();
  });
  if (run->who.id.empty()) {
    gather->add();
    create_patient(self, run, [got, gather](caf::error e) {
      got->patient_error = std::move(e);
      gather->release();
    });
  }
  gather->release();
}

void claim_time(bookings_pointer self, const run_ptr& run) {
  claim_then(self, domain::booking_intent_for(run->request, run->who), wanted_of(run->request),
             run->rp, run->who, [self, run](booking_intent claimed) {
               run->intent = std::move(claimed);
               check_and_create(self, run);
             });
}

// Which patient is booking: one on the caller's number, a new one, or a question.
void choose_patient(bookings_pointer self, const run_ptr& run, std::vector<patient> on_number) {
  std::vector<domain::patient_name> names;
  names.reserve(on_number.size());
  for (const auto& p : on_number)
    names.push_back({p.first_name, p.last_name, p.preferred_first_name});
  const auto choice = domain::choose_patient(names, domain::full_name(run->request.caller));
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
  if (!gateway_of(self, r.clinic)) return no_gateway();
  auto run = std::make_shared<booking_run>();
  run->rp = self->make_response_promise<booking_outcome>();
  run->request = std::move(r);
  if (run->request.caller.phone.empty()) {
    choose_patient(self, run, {});
    return run->rp;
  }
  self->request(self->state.local_copy, database_timeout, phone_lookup_atom::value,
                run->request.clinic, run->request.caller.phone)
      .then(
          [self, run](std::vector<patient>& found) { choose_patient(self, run, std::move(found)); },
          deliver_error(run->rp));
  return run->rp;
}

// ---- finding an appointment to move or cancel ----

using found_fn = std::function<void(appointment)>;

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

// One of the upcoming appointments fits: fetched; several: the caller is asked which. Found by
// a number that is not the caller's own, only those of the patient they named are told of.
void pick_upcoming(bookings_pointer self, clinic_id clinic, std::vector<appointment> fits,
                   const appointment_pick& which, const call_options& call, const promise& rp,
                   const found_fn& then) {
  if (which.phone != which.caller_phone) {
    std::erase_if(fits, [&](const appointment& a) { return !domain::name_matches(which, a); });
    if (fits.empty()) return reply(rp, outcome(outcome_kind::verify));
  }
  if (fits.empty()) return reply(rp, outcome(outcome_kind::not_found));
  if (fits.size() > 1) {
    auto out = outcome(outcome_kind::choose_appointment);
    out.appointments = std::move(fits);
    return reply(rp, std::move(out));
  }
  fetch_appointment(self, clinic, fits.front().id, call, rp, then);
}

void find_appointment(bookings_pointer self, clinic_id clinic, const appointment_pick& which,
                      const call_options& call, const promise& rp, const found_fn& then) {
  if (!which.appointment_id.empty())
    return fetch_appointment(self, clinic, which.appointment_id, call, rp, then);
  if (which.phone.empty()) return reply(rp, outcome(outcome_kind::not_found));
  self->request(self->state.local_copy, database_timeout, upcoming_atom::value, clinic, which.phone,
                now_of(self))
      .then(
          [self, clinic, which, call, rp, then](std::vector<appointment>& upcoming) mutable {
            pick_upcoming(self, clinic, domain::fitting(std::move(upcoming), which), which, call,
                          rp, then);
          },
          deliver_error(rp));
}

// ---- whose appointment it is (the privacy rule, domain/bookings.hpp) ----

// The caller said whose it is: the patient's name, and their date of birth where it is on record.
void check_identity(bookings_pointer self, clinic_id clinic, const appointment_pick& which,
                    const appointment& a, const promise& rp, const std::function<void()>& then) {
  if (!domain::name_matches(which, a)) return reply(rp, outcome(outcome_kind::verify));
  self->request(self->state.local_copy, database_timeout, patient_atom::value, clinic, a.patient_id)
      .then(
          [which, rp, then](std::vector<patient>& record) {
            const auto on_record = record.empty() ? std::string{} : record.front().date_of_birth;
            if (!domain::birth_date_matches(which, on_record))
              return reply(rp, outcome(outcome_kind::verify));
            then();
          },
          deliver_error(rp));
}

// `then` once the caller has shown that `a` is theirs to change; otherwise they are asked, and
// told nothing of it.
void when_theirs(bookings_pointer self, clinic_id clinic, const appointment_pick& which,
                 const appointment& a, const promise& rp, const std::function<void()>& then) {
  if (which.known_to_call) return then();
  if (which.caller_phone.empty()) return check_identity(self, clinic, which, a, rp, then);
  self->request(self->state.local_copy, database_timeout, phone_lookup_atom::value, clinic,
                which.caller_phone)
      .then(
          [self, clinic, which, a, rp, then](std::vector<patient>& on_number) {
            if (domain::caller_is_patient(on_number, a)) return then();
            check_identity(self, clinic, which, a, rp, then);
          },
          deliver_error(rp));
}

// Finds the appointment `which` names, then `found` with it, unless it can no longer change.
template <class Request>
caf::result<booking_outcome> change(bookings_pointer self, const Request& r,
                                    void (*found)(bookings_pointer, const Request&, const promise&,
                                                  const appointment&)) {
  if (!gateway_of(self, r.clinic)) return no_gateway();
  auto rp = self->make_response_promise<booking_outcome>();
  find_appointment(self, r.clinic, r.which, r.call, rp, [self, r, rp, found](const appointment& a) {
    when_theirs(self, r.clinic, r.which, a, rp, [self, r, rp, found, a] {
      if (auto no = domain::unchangeable(a, self->state.config.clock.now()))
        return reply(rp, outcome(*no, a));
      found(self, r, rp, a);
    });
  });
  return rp;
}

// ---- moving ----

void write_move(bookings_pointer self, const move_request& r, const promise& rp,
                const appointment& a, const booking_intent& intent) {
  const appointment_change to{intent.starts_at,  intent.ends_at,     intent.practitioner_id,
                              intent.service_id, intent.location_id, ""};
  const auto call = write_call(r.call);
  self->request(*gateway_of(self, r.clinic), call.time_left(), move_atom::value, a.id, to, call)
      .then(
          [self, intent, rp, from = a.practitioner_id](appointment& moved) {
            completed(self, intent, moved, rp, {}, {from, intent.practitioner_id});
          },
          [self, intent, rp, call = r.call](caf::error& e) {
            change_failed(self, intent, call, rp, e);
          });
}

void move_claimed(bookings_pointer self, const move_request& r, const promise& rp,
                  const appointment& a, const booking_intent& intent, const taken_time& target) {
  recheck(self, target, [=](caf::expected<std::vector<unix_seconds>> free) {
    if (!free) return fail_with(self, intent, rp, free.error());
    if (!is_free(*free, r.start))
      return taken_on_recheck(self, intent, target, rp, *free, "taken before it could be moved to");
    write_move(self, r, rp, a, intent);
  });
}

void move_found(bookings_pointer self, const move_request& r, const promise& rp,
                const appointment& a) {
  const auto intent = domain::move_intent(a, r);
  if (domain::changes_nothing(intent, a)) return reply(rp, outcome(outcome_kind::done, a));
  const taken_time target{
      r.clinic,
      {intent.location_id, intent.practitioner_id, intent.service_id, r.which.zone},
      r.start,
      r.call,
      intent.ends_at - intent.starts_at};
  claim_then(self, intent, target, rp, {}, [self, r, rp, a, target](const booking_intent& claimed) {
    move_claimed(self, r, rp, a, claimed, target);
  });
}

// ---- cancelling ----

void cancel_found(bookings_pointer self, const cancel_request& r, const promise& rp,
                  const appointment& a) {
  if (!r.policy_accepted &&
      domain::inside_notice(a, self->state.config.clock.now(), r.notice_hours))
    return reply(rp, outcome(outcome_kind::inside_notice, a));
  const taken_time unused{r.clinic, {}, a.starts_at, r.call};
  claim_then(self, domain::cancel_intent(a, r), unused, rp, {},
             [self, r, rp, a](const booking_intent& intent) {
               const auto call = write_call(r.call);
               self->request(*gateway_of(self, r.clinic), call.time_left(), cancel_atom::value,
                             a.id, r.why, call)
                   .then(
                       [self, intent, rp, a](const std::string&) {
                         auto cancelled = a;
                         cancelled.cancelled_at = now_of(self);
                         completed(self, intent, cancelled, rp, {}, {a.practitioner_id});
                       },
                       [self, intent, rp, call = r.call](caf::error& e) {
                         change_failed(self, intent, call, rp, e);
                       });
             });
}

// A caller's past appointments only help choose a service: when they cannot be read, the call
// goes on as for a caller not seen before.
caf::result<std::vector<appointment>> history(bookings_pointer self, const history_request& r) {
  auto rp = self->make_response_promise<std::vector<appointment>>();
  self->request(self->state.local_copy, database_timeout, history_atom::value, r.clinic, r.phone,
                r.before)
      .then([rp](std::vector<appointment>& past) mutable { rp.deliver(std::move(past)); },
            [rp](caf::error& e) mutable {
              spdlog::warn("a caller's past appointments could not be read: {}", why_of(e));
              rp.deliver(std::vector<appointment>{});
            });
  return rp;
}

void settle_periodically(bookings_pointer self) {
  const auto& c = self->state.config;
  self->request(caf::actor_cast<bookings_actor>(self), database_timeout + settle_budget,
                reconcile_atom::value, std::int64_t{c.settle_after.count()})
      .then([](std::int64_t) {}, self->state.failures.on_error("settling pending bookings"));
  self->delayed_send(self, c.settle_every, tick_atom::value);
}

bookings_actor::behavior_type bookings(bookings_pointer self, intents_actor intents,
                                       local_copy_actor local_copy, availability_actor availability,
                                       bookings_config config) {
  auto& s = self->state;
  s.intents = std::move(intents);
  s.local_copy = std::move(local_copy);
  s.availability = std::move(availability);
  s.config = std::move(config);
  if (s.config.settle_every.count() > 0)
    self->send(caf::actor_cast<bookings_actor>(self), tick_atom::value);
  return {
      [self](book_atom, booking_request& r) { return book(self, std::move(r)); },
      [self](move_atom, const move_request& r) { return change(self, r, move_found); },
      [self](cancel_atom, const cancel_request& r) { return change(self, r, cancel_found); },
      [self](history_atom, const history_request& r) { return history(self, r); },
      [self](reconcile_atom, std::int64_t older_than) { return reconcile(self, older_than); },
      [self](tick_atom) { settle_periodically(self); },
      [self](stats_atom) {
        return actor_stats{"bookings", {}, {}, self->state.failures.metrics("bookings")};
      },
  };
}

}  // namespace

bookings_actor spawn_bookings(caf::actor_system& system, intents_actor intents,
                              local_copy_actor local_copy, availability_actor availability,
                              bookings_config config) {
  return system.spawn(bookings, std::move(intents), std::move(local_copy), std::move(availability),
                      std::move(config));
}

}  // namespace frontdesk
