#include "actors/session.hpp"

#include <caf/typed_event_based_actor.hpp>

#include "actor_test.hpp"
#include "http/json.hpp"
#include "messages/error.hpp"
#include "recording/recording.hpp"
#include "support/directories.hpp"
#include "unit/recording/recordings.hpp"

// The session and its registry, driven call by call on the deterministic scheduler, with
// stand-ins for the directory, the availability actor and the bookings actor that answer as each
// test says and record what they were asked.
using namespace frontdesk;
using namespace frontdesk::actor_testing;
using namespace std::chrono_literals;

namespace {

const std::string dialed = "+61290000000";

/// What the stand-ins were asked, in order.
struct asked {
  std::vector<std::string> clinics;
  std::vector<slot_request> times;
  std::vector<booking_request> bookings;
  std::vector<std::string> histories;
};

/// What the stand-ins answer.
struct answers {
  caf::expected<times_reply> times = times_reply{};
  caf::expected<booking_outcome> booking = booking_outcome{};
};

class SessionActor : public actor_test {
 protected:
  // Each stand-in is spawned with an argument: CAF 0.17 dereferences the empty argument tuple of
  // an actor spawned without any, which UBSan reports (see actor_test.hpp).
  SessionActor() {
    auto log = log_;
    auto script = script_;
    auto clinic = test_support::two_locations();
    directory = system.spawn(
        [log, clinic](directory_actor::pointer, int) -> directory_actor::behavior_type {
          return {
              [log, clinic](clinic_atom, const std::string& number) -> caf::result<clinic_view> {
                log->clinics.push_back(number);
                if (number != dialed) return make_error(error_code::unknown_clinic);
                return clinic;
              },
              [](agent_atom, const std::string&) -> caf::result<clinic_view> {
                return make_error(error_code::unknown_clinic);
              },
              [](invalidate_atom, clinic_id) {},
              [](load_atom, const clinic_record&) {},
              [](stats_atom) { return actor_stats{}; },
          };
        },
        0);
    availability = system.spawn(
        [log, script](availability_actor::pointer, int) -> availability_actor::behavior_type {
          return {
              [log, script](available_times_atom,
                            const slot_request& r) -> caf::result<times_reply> {
                log->times.push_back(r);
                if (!script->times) return script->times.error();
                return *script->times;
              },
              [](next_available_atom, const slot_request&) -> caf::result<found_slot> {
                return make_error(error_code::cliniko_unavailable);
              },
              [](failed_atom, clinic_id, const std::string&, unix_seconds) {},
              [](invalidate_atom, clinic_id, const std::vector<std::string>&) {},
              [](offerings_atom, clinic_id, const std::vector<domain::offering>&) {},
              [](lead_atom, clinic_id, bool) {},
              [](stats_atom) { return actor_stats{}; },
          };
        },
        0);
    bookings = system.spawn(
        [log, script](bookings_actor::pointer, int) -> bookings_actor::behavior_type {
          return {
              [log, script](book_atom, const booking_request& r) -> caf::result<booking_outcome> {
                log->bookings.push_back(r);
                if (!script->booking) return script->booking.error();
                return *script->booking;
              },
              [](move_atom, const move_request&) -> caf::result<booking_outcome> {
                return make_error(error_code::cliniko_unavailable);
              },
              [](cancel_atom, const cancel_request&) -> caf::result<booking_outcome> {
                return make_error(error_code::cliniko_unavailable);
              },
              [log](history_atom, const history_request& r) {
                log->histories.push_back(r.phone);
                return std::vector<appointment>{};
              },
              [](reconcile_atom, std::int64_t) { return std::int64_t{0}; },
              [](tick_atom) {},
              [](stats_atom) { return actor_stats{}; },
          };
        },
        0);
    // Wednesday the 25th of November 2026, 11 AM in Sydney.
    clock.now = *domain::parse_instant("2026-11-25T00:00:00Z");
    session_config config;
    config.clock = clock.reader();
    sessions = spawn_session_registry(system, {directory, availability, bookings}, config);
  }

  /// A recorder that hands each session's steps to `take` and answers what it says.
  recorder_actor recorder_taking(std::function<write_outcome(const session_steps&)> take) {
    return system.spawn(
        [take](recorder_actor::pointer, int) -> recorder_actor::behavior_type {
          return {
              [take](record_atom, const session_steps& steps) { return take(steps); },
              [](flush_atom) { return std::int64_t{0}; },
              [](tick_atom) {},
              [](prune_atom) {},
              [](stats_atom) { return actor_stats{}; },
          };
        },
        0);
  }

  /// Sessions recorded by `recorder`, their recordings read back from `recordings`.
  void record_sessions(const recorder_actor& recorder, const recordings_actor& recordings) {
    session_config config;
    config.clock = clock.reader();
    sessions = spawn_session_registry(
        system, {directory, availability, bookings, recorder, recordings}, config);
  }

  /// Calls `tool` in conversation `session` (none: "") with these fields besides the envelope.
  json_value call(const std::string& tool, const std::string& session, const std::string& fields,
                  unsigned status = 200) {
    auto input = *http::parse_json(fields);
    const auto number =
        input.find("dialedNumber") ? text_field(input, "dialedNumber").value_or("") : dialed;
    const call_context envelope{session, number, text_field(input, "callerPhone").value_or(""), 0};
    auto answer = ask<tool_answer>(sessions, tool_call{tool, envelope, input});
    if (!answer) {
      ADD_FAILURE() << tool << " failed: " << to_string(answer.error());
      return {};
    }
    EXPECT_EQ(answer->status, status) << tool << ": " << http::to_json(answer->body);
    return answer->body;
  }

  static std::string text(const json_value& v, std::string_view key) {
    return text_field(v, key).value_or("");
  }

  std::int64_t live_sessions() {
    auto stats = ask<actor_stats>(sessions, stats_atom::value);
    return stats ? stats->value("live") : -1;
  }

  std::shared_ptr<asked> log_ = std::make_shared<asked>();
  std::shared_ptr<answers> script_ = std::make_shared<answers>();
  directory_actor directory;
  availability_actor availability;
  bookings_actor bookings;
  session_registry_actor sessions;
};

}  // namespace

TEST_F(SessionActor, KeepsWhatACallSettledForTheCallsAfterIt) {
  const auto where = call("/location-resolver", "conv_1", R"({"locationQuery":"Bondi"})");
  EXPECT_EQ(text(*where.find("location"), "business_id"), "11");
  const auto who = call("/get-location-practitioners", "conv_1", "{}");
  EXPECT_EQ(text(*who.find("location"), "business_id"), "11");
  EXPECT_EQ(text(who.find("practitioners")->as<json_value::array>().at(0), "id"), "21");
  // Another conversation has settled nothing.
  const auto elsewhere = call("/get-location-practitioners", "conv_2", "{}");
  EXPECT_EQ(text(elsewhere, "error"), "missing_field");
  EXPECT_EQ(log_->clinics, (std::vector<std::string>{dialed, dialed, dialed}));
}

TEST_F(SessionActor, AsksForFreeTimesOnceWithTheDatesOfItsOwnClock) {
  const auto nine_thirty = *domain::parse_instant("2026-11-25T22:30:00Z");  // 9:30 AM Thursday
  script_->times = times_reply{{{domain::seconds_of(nine_thirty)}}, 0};
  const auto reply = call("/availability-checker", "conv_1",
                          R"({"practitioner":"Sarah Chen","business_id":"11","date":"tomorrow"})");
  ASSERT_EQ(log_->times.size(), 1u);
  const auto& asked_for = log_->times.front();
  EXPECT_EQ(asked_for.clinic, 1);
  EXPECT_EQ(domain::format_date(asked_for.from), "2026-11-26");
  // The rest of the day's window too (seven dates from today): a full day gives way to a later
  // one in the same request.
  EXPECT_EQ(domain::format_date(asked_for.to), "2026-12-01");
  EXPECT_EQ(asked_for.not_before, domain::seconds_of(clock.now));
  ASSERT_EQ(asked_for.sources.size(), 1u);
  EXPECT_EQ(asked_for.sources.front().practitioner_id, "21");
  EXPECT_EQ(asked_for.sources.front().service_id, "31");
  EXPECT_TRUE(reply.find("available")->as<bool>());
  const auto& slots = reply.find("slots")->as<json_value::array>();
  ASSERT_EQ(slots.size(), 1u);
  EXPECT_EQ(text(slots.front(), "startTime"), "2026-11-26T09:30:00+11:00");
}

TEST_F(SessionActor, ReadsTheCallersPastAppointmentsOnceAndOnlyWhenTheyMayChooseTheService) {
  const auto nine_thirty = domain::seconds_of(*domain::parse_instant("2026-11-25T22:30:00Z"));
  script_->times = times_reply{{{nine_thirty}}, 0};
  // A service named, or no number to know the caller by: nothing to read.
  call("/availability-checker", "conv_1",
       R"({"practitioner":"Sarah Chen","service":"initial","business_id":"11",)"
       R"("callerPhone":"+61412345678"})");
  call("/availability-checker", "conv_2", R"({"practitioner":"Sarah Chen","business_id":"11"})");
  EXPECT_TRUE(log_->histories.empty());
  // A practitioner named without a service: read once for the conversation, by E.164.
  call("/availability-checker", "conv_3",
       R"({"practitioner":"Sarah Chen","business_id":"11","callerPhone":"0412 345 678"})");
  call("/find-next-available", "conv_3", R"({"practitioner":"Sean","callerPhone":"0412 345 678"})");
  EXPECT_EQ(log_->histories, (std::vector<std::string>{"+61412345678"}));
}

TEST_F(SessionActor, BooksTheOneTimeJustReadOut) {
  const auto nine_thirty = domain::seconds_of(*domain::parse_instant("2026-11-25T22:30:00Z"));
  script_->times = times_reply{{{nine_thirty}}, 0};
  call("/availability-checker", "conv_1",
       R"({"practitioner":"Sarah Chen","business_id":"11","date":"tomorrow"})");
  booking_outcome done;
  done.result.id = "514810976554457777";
  done.result.starts_at = nine_thirty;
  done.result.practitioner_id = "21";
  done.result.business_id = "11";
  done.result.appointment_type_id = "31";
  done.who.first_name = "Noah";
  script_->booking = done;
  const auto booked = call("/appointment-handler", "conv_1",
                           R"({"action":"book","patientName":"Noah Nguyen",)"
                           R"("callerPhone":"0412 345 678"})");
  ASSERT_EQ(log_->bookings.size(), 1u);
  const auto& r = log_->bookings.front();
  EXPECT_EQ(r.start, nine_thirty);
  EXPECT_EQ(r.source.practitioner_id, "21");
  EXPECT_EQ(r.source.location_id, "11");
  EXPECT_EQ(r.session_id, "conv_1");
  EXPECT_EQ(r.caller.first_name, "Noah");
  EXPECT_EQ(r.caller.last_name, "Nguyen");
  EXPECT_EQ(r.caller.phone, "+61412345678");
  EXPECT_EQ(text(booked, "appointmentId"), "514810976554457777");
  EXPECT_NE(text(booked, "message").find("4 5 7 7 7 7"), std::string::npos)
      << text(booked, "message");
}

TEST_F(SessionActor, ABusyCalendarIsAHoldOnNotAnOutage) {
  script_->times = make_error(error_code::cliniko_rate_limited);
  const auto reply = call("/availability-checker", "conv_1",
                          R"({"practitioner":"Sarah Chen","business_id":"11","date":"tomorrow"})");
  EXPECT_EQ(text(reply, "error"), "busy");
  script_->times = make_error(error_code::cliniko_unavailable);
  const auto down =
      call("/availability-checker", "conv_1",
           R"({"practitioner":"Sarah Chen","business_id":"11","date":"tomorrow"})", 503);
  EXPECT_EQ(text(down, "error"), "cliniko_unavailable");
}

TEST_F(SessionActor, ACallWithoutItsClinicAsksNoOneElse) {
  const auto no_number =
      call("/location-resolver", "conv_1", R"({"dialedNumber":"","locationQuery":"Bondi"})");
  EXPECT_EQ(text(no_number, "error"), "missing_field");
  EXPECT_TRUE(log_->clinics.empty());
  const auto stranger = call("/location-resolver", "conv_1",
                             R"({"dialedNumber":"+61399999999","locationQuery":"Bondi"})");
  EXPECT_EQ(text(stranger, "error"), "clinic_not_found");
  const auto unknown = call("/no-such-tool", "conv_1", "{}", 404);
  EXPECT_EQ(text(unknown, "error"), "not_found");
  EXPECT_TRUE(log_->times.empty());
}

TEST_F(SessionActor, ASessionEndsAfterItsIdleTimeAndForgetsTheCall) {
  call("/location-resolver", "conv_1", R"({"locationQuery":"Bondi"})");
  EXPECT_EQ(live_sessions(), 1);
  advance(29min);
  EXPECT_EQ(live_sessions(), 1);
  advance(2min);
  EXPECT_EQ(live_sessions(), 0);
  const auto afresh = call("/get-location-practitioners", "conv_1", "{}");
  EXPECT_EQ(text(afresh, "error"), "missing_field");
}

TEST_F(SessionActor, ACallWithoutASessionIdLeavesNoSessionBehind) {
  call("/location-resolver", "", R"({"locationQuery":"Bondi"})");
  EXPECT_EQ(live_sessions(), 0);
  const auto forgotten = call("/get-location-practitioners", "", "{}");
  EXPECT_EQ(text(forgotten, "error"), "missing_field");
}

TEST_F(SessionActor, APostCallEventEndsTheSessionAndItsContext) {
  call("/location-resolver", "conv_1", R"({"locationQuery":"Bondi"})");
  call("/location-resolver", "conv_2", R"({"locationQuery":"Bondi"})");
  EXPECT_EQ(live_sessions(), 2);
  caf::anon_send(sessions, end_atom::value, std::string{"conv_1"});
  run();
  EXPECT_EQ(live_sessions(), 1);
  EXPECT_EQ(text(call("/get-location-practitioners", "conv_1", "{}"), "error"), "missing_field");
  // The other call goes on as it was.
  EXPECT_NE(text(call("/get-location-practitioners", "conv_2", "{}"), "error"), "missing_field");
}

namespace {

// A recorder and a reader of recordings that keep what they are told, and give back one
// recorded conversation ("conv_back"), as after a restart.
struct recorded_world {
  std::vector<json_value> entries;
  std::vector<std::string> asked_for;
};

}  // namespace

TEST_F(SessionActor, AConversationUnderWayBeforeARestartGoesOnFromItsRecording) {
  const auto start = domain::seconds_of(*domain::parse_instant("2026-11-26T22:00:00Z"));
  auto world = std::make_shared<recorded_world>();
  const auto before = recording_testing::sean_is_free_at(start);
  auto recordings = system.spawn(
      [world, before](recordings_actor::pointer, int) -> recordings_actor::behavior_type {
        return {
            [world, before](load_atom, const std::string& id, std::int64_t known, std::int64_t) {
              world->asked_for.push_back(id);
              return id == "conv_back" && known == 0 ? before : session_recording{};
            },
        };
      },
      0);
  record_sessions(recorder_taking([world](const session_steps& steps) {
                    for (auto& e : recording::made_of(steps).entries) world->entries.push_back(e);
                    return write_outcome::stored;
                  }),
                  recordings);

  booking_outcome done;
  done.result.id = "514810976554457777";
  done.result.starts_at = start;
  done.result.ends_at = start + 2700;
  done.result.practitioner_id = "22";
  done.result.business_id = "12";
  done.result.appointment_type_id = "31";
  done.result.patient_name = "Mia Clarke";
  script_->booking = done;
  // Two calls at once while its recording is read: both go to the one rebuilt session.
  auto second = std::make_shared<std::optional<tool_answer>>();
  for (int i = 0; i < 2; ++i)
    system.spawn(
        [this, second](caf::event_based_actor* self, int) {
          const call_context envelope{"conv_back", dialed, "", 0};
          self->request(sessions, caf::infinite,
                        tool_call{"/get-practitioner-info", envelope,
                                  *http::parse_json(R"({"practitioner":"Sean"})")})
              .then([second](tool_answer& a) { *second = std::move(a); }, [](caf::error&) {});
        },
        0);
  run();
  ASSERT_TRUE(*second);
  EXPECT_EQ(ask<actor_stats>(sessions, stats_atom::value)->value("live"), 1);
  world->entries.clear();
  // Nothing but who: the practitioner, place and time come from the recording.
  const auto booked =
      call("/appointment-handler", "conv_back", R"({"action":"book","patientName":"Mia Clarke"})");
  EXPECT_TRUE(booked.find("success")->as<bool>()) << http::to_json(booked);
  ASSERT_EQ(log_->bookings.size(), 1u);
  EXPECT_EQ(log_->bookings[0].start, start);
  EXPECT_EQ(log_->bookings[0].source.practitioner_id, "22");
  EXPECT_TRUE(log_->times.empty());  // no one was asked again
  // Asked before each call whether the conversation went on elsewhere; read in full once.
  EXPECT_EQ(world->asked_for, (std::vector<std::string>(3, "conv_back")));
  // The recording goes on: this was the conversation's second call, and its directory is not
  // recorded again.
  ASSERT_FALSE(world->entries.empty());
  EXPECT_EQ(recording::call_of(world->entries.front()), 4);
  for (const auto& e : world->entries) EXPECT_NE(recording::kind_of(e), "directory");
  EXPECT_EQ(recording::kind_of(world->entries.back()), "answer");
  auto stats = ask<actor_stats>(sessions, stats_atom::value);
  EXPECT_EQ(stats->value("rebuilt"), 1);

  // A new conversation is not rebuilt, and is recorded from its first call.
  world->entries.clear();
  call("/location-resolver", "conv_new", R"({"locationQuery":"Bondi"})");
  ASSERT_FALSE(world->entries.empty());
  EXPECT_EQ(recording::call_of(world->entries.front()), 1);
  EXPECT_EQ(ask<actor_stats>(sessions, stats_atom::value)->value("rebuilt"), 1);
  EXPECT_EQ(world->asked_for.back(), "conv_new");
}

// Two nodes answered one conversation at once and the other's answer was stored first: this
// one is not heard, and the next call reads the conversation in full before it is answered.
TEST_F(SessionActor, AnAnswerAnotherNodeOvertookIsNotHeardAndTheNextCallCatchesUp) {
  auto known = std::make_shared<std::vector<std::int64_t>>();
  auto recordings = system.spawn(
      [known](recordings_actor::pointer, int) -> recordings_actor::behavior_type {
        return {[known](load_atom, const std::string&, std::int64_t calls, std::int64_t) {
          known->push_back(calls);
          return session_recording{};
        }};
      },
      0);
  auto outcomes = std::make_shared<std::vector<write_outcome>>(
      std::vector<write_outcome>{write_outcome::conflict, write_outcome::stored});
  record_sessions(recorder_taking([outcomes](const session_steps& steps) {
                    EXPECT_GE(steps.calls_before, 0);
                    const auto out = outcomes->front();
                    if (outcomes->size() > 1) outcomes->erase(outcomes->begin());
                    return out;
                  }),
                  recordings);
  const auto first = call("/location-resolver", "conv_race", R"({"locationQuery":"Bondi"})", 503);
  EXPECT_EQ(first.find("error")->as<std::string>(), "retry") << http::to_json(first);
  const auto second = call("/location-resolver", "conv_race", R"({"locationQuery":"Bondi"})");
  EXPECT_TRUE(second.find("success")->as<bool>()) << http::to_json(second);
  EXPECT_EQ(*known, (std::vector<std::int64_t>{0, -1}));
  EXPECT_EQ(ask<actor_stats>(sessions, stats_atom::value)->value("conflicts"), 1);
}
