#include "replay/replay.hpp"

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <map>
#include <memory>

#include "messages/error.hpp"
#include "recording/codec.hpp"
#include "recording/script.hpp"

namespace frontdesk::replay {
namespace {

using namespace std::chrono_literals;

struct deterministic_config : caf::actor_system_config {
  deterministic_config() { set("scheduler.policy", caf::atom("testing")); }
};

/// What a stand-in gives: the recorded reply, or an error; `missing` when the recording has no
/// answer to the question.
struct given {
  const json_value* reply = nullptr;
  caf::error error;
  bool missing = false;
};

// The recording as the stand-ins answer from it, and what they did.
class world {
 public:
  world(const recording::recording& recorded, recording::script script, const options& o)
      : script_(std::move(script)), o_(o) {
    for (const auto& c : script_.calls) used_.emplace_back(c.asks.size(), false);
    asked_.resize(script_.calls.size(), 0);
    if (o.at >= 1 && o.at <= static_cast<int>(recorded.entries.size()))
      replaced_ = &recorded.entries[static_cast<std::size_t>(o.at) - 1];
  }

  void start_call(int n) {
    call_ = n;
    clock_read_ = 0;
  }

  // The recorded readings in order; a reading the recording lacks repeats its last.
  domain::instant now() {
    const auto& readings = script_.calls[call_ - 1].clock;
    auto at = last_;
    if (clock_read_ < readings.size()) at = readings[clock_read_] + o_.clock_shift;
    ++clock_read_;
    last_ = at;
    return at;
  }

  // The first recorded question of this kind in this call not yet answered.
  given answer(std::string_view to, std::string_view what) {
    const auto index = static_cast<std::size_t>(call_ - 1);
    const auto k = asked_[index]++;
    if (const auto* source =
            recording::take_ask(script_.calls[index].asks, used_[index], to, what)) {
      if (source == replaced_) {
        source = &o_.answer;
        notes_[{call_, k}] = "replaced (--at " + std::to_string(o_.at) + ")";
      }
      return given_by(*source);
    }
    notes_[{call_, k}] = "not in the recording: the step failed";
    ++unanswerable;
    return {nullptr, make_error(error_code::invalid_request, "not in the recording"), true};
  }

  void asked_live() {
    const auto index = static_cast<std::size_t>(call_ - 1);
    notes_[{call_, asked_[index] - 1}] = "not in the recording: asked live";
    --unanswerable;
  }

  const recording::script& script() const { return script_; }
  const options& opts() const { return o_; }

  // Each stand-in's part, noted on the question it answered.
  void annotate(recording::recording& today) const {
    std::map<int, int> seen;
    for (auto& e : today.entries) {
      if (recording::kind_of(e) != "ask") continue;
      const auto n = recording::call_of(e);
      const auto k = seen[n]++;
      if (const auto it = notes_.find({n, k}); it != notes_.end())
        e.set("replayed", json_value{it->second});
    }
  }

  int unanswerable = 0;

 private:
  given given_by(const json_value& source) {
    if (const auto* reply = source.find("reply")) return {reply, {}, false};
    caf::error e = make_error(error_code::invalid_request, "a recorded error does not read");
    if (const auto* error = source.find("error")) recording::decode(*error, e);
    return {nullptr, std::move(e), false};
  }

  recording::script script_;
  const options& o_;
  const json_value* replaced_ = nullptr;
  int call_ = 0;
  std::size_t clock_read_ = 0;
  domain::instant last_{};
  std::vector<std::vector<bool>> used_;
  std::vector<int> asked_;
  std::map<std::pair<int, int>, std::string> notes_;
};

using world_ptr = std::shared_ptr<world>;

// Today's collaborator, for a question the recording never saw (the caller's thread waits).
template <class Reply, class Handle, class... Ts>
caf::result<Reply> ask_live(const world_ptr& w, const Handle& live, Ts... xs) {
  caf::scoped_actor self{*w->opts().live_system};
  caf::result<Reply> out{make_error(error_code::deadline_exceeded, "no live answer")};
  self->request(live, 10s, xs...)
      .receive([&](Reply& reply) { out = std::move(reply); },
               [&](caf::error& e) { out = std::move(e); });
  w->asked_live();
  return out;
}

template <class Reply, class Handle, class Atom, class Ask>
caf::result<Reply> respond(const world_ptr& w, const Handle& live, Atom atom, const Ask& question) {
  const auto kind = recording::kind_of(tools::ask_step<Ask, Reply>{});
  auto g = w->answer(kind.to, kind.what);
  if (g.missing && w->opts().live_system && live) return ask_live<Reply>(w, live, atom, question);
  if (!g.reply) return std::move(g.error);
  Reply reply;
  if (!recording::decode(*g.reply, reply))
    return make_error(error_code::invalid_request, "the recorded reply does not read");
  return reply;
}

caf::result<clinic_view> clinic_reply(const world_ptr& w, const std::string& number) {
  auto g = w->answer(recording::clinic_question.to, recording::clinic_question.what);
  const auto& live = w->opts().live.directory;
  if (g.missing && w->opts().live_system && live)
    return ask_live<clinic_view>(w, live, clinic_atom::value, number);
  if (!g.reply) return std::move(g.error);
  const json_value holder{json_value::object{{"reply", *g.reply}}};
  auto clinic = recording::clinic_in(w->script(), holder);
  if (!clinic) return make_error(error_code::invalid_request, "the recorded clinic does not read");
  return *clinic;
}

// Each stand-in takes one unused argument: CAF 0.17 dereferences the empty argument tuple of an
// actor spawned without any.
directory_actor::behavior_type directory_stand_in(directory_actor::pointer, const world_ptr& w,
                                                  int) {
  return {
      [w](clinic_atom, const std::string& number) { return clinic_reply(w, number); },
      [](agent_atom, const std::string&) -> caf::result<clinic_view> {
        return make_error(error_code::unknown_clinic);
      },
      [](invalidate_atom, clinic_id) {},
      [](load_atom, const clinic_record&) {},
      [](stats_atom) { return actor_stats{}; },
  };
}

availability_actor::behavior_type availability_stand_in(availability_actor::pointer,
                                                        const world_ptr& w, int) {
  return {
      [w](available_times_atom atom, const slot_request& q) {
        return respond<times_reply>(w, w->opts().live.availability, atom, q);
      },
      [w](next_available_atom atom, const slot_request& q) {
        return respond<found_slot>(w, w->opts().live.availability, atom, q);
      },
      [](failed_atom, clinic_id, const std::string&, unix_seconds) {},
      [](invalidate_atom, clinic_id, const std::vector<std::string>&) {},
      [](offerings_atom, clinic_id, const std::vector<domain::offering>&) {},
      [](lead_atom, clinic_id, bool) {},
      [](stats_atom) { return actor_stats{}; },
  };
}

// A replay never changes a calendar: a booking, move or cancellation the recording lacks fails
// even with --live; only the caller's history is read live.
bookings_actor::behavior_type bookings_stand_in(bookings_actor::pointer, const world_ptr& w, int) {
  const auto& live = w->opts().live.bookings;
  const bookings_actor never{};
  return {
      [w, never](book_atom atom, const booking_request& q) {
        return respond<booking_outcome>(w, never, atom, q);
      },
      [w, never](move_atom atom, const move_request& q) {
        return respond<booking_outcome>(w, never, atom, q);
      },
      [w, never](cancel_atom atom, const cancel_request& q) {
        return respond<booking_outcome>(w, never, atom, q);
      },
      [w, live](history_atom atom, const history_request& q) {
        return respond<std::vector<appointment>>(w, live, atom, q);
      },
      [](reconcile_atom, std::int64_t) { return std::int64_t{0}; },
      [](tick_atom) {},
      [](stats_atom) { return actor_stats{}; },
  };
}

// Keeps what the replayed session records: today's recording.
recorder_actor::behavior_type recorder_stand_in(recorder_actor::pointer,
                                                const std::shared_ptr<recording::recording>& today,
                                                int) {
  return {
      [today](record_atom, const session_steps& steps) {
        for (auto& e : recording::made_of(steps).entries) today->entries.push_back(std::move(e));
        return write_outcome::stored;
      },
      [](flush_atom) { return std::int64_t{0}; },
      [](tick_atom) {},
      [](prune_atom) {},
      [](stats_atom) { return actor_stats{}; },
  };
}

}  // namespace

int outcome::exit_code() const {
  if (!why_not.empty()) return 2;
  return recording::answers_differ(report) ? 1 : 0;
}

outcome run(const recording::recording& recorded, const options& o) {
  outcome out;
  auto script = recording::script_of(recorded, &out.why_not);
  if (!script) return out;
  if (script->calls.empty()) {
    out.why_not = "it holds no tool call";
    return out;
  }
  if (o.at != 0 && (o.at < 1 || o.at > static_cast<int>(recorded.entries.size()) ||
                    recording::kind_of(recorded.entries[o.at - 1]) != "ask")) {
    out.why_not = "--at " + std::to_string(o.at) + " is not a question in the recording";
    return out;
  }
  auto w = std::make_shared<world>(recorded, std::move(*script), o);
  auto today = std::make_shared<recording::recording>();
  today->session_id = recorded.session_id;
  today->clinic = recorded.clinic;
  today->build = o.build;
  today->region = recorded.region;

  deterministic_config cfg;
  caf::actor_system system{cfg};
  system.await_actors_before_shutdown(false);
  auto& scheduler = dynamic_cast<caf::scheduler::test_coordinator&>(system.scheduler());
  const session_peers peers{system.spawn(directory_stand_in, w, 0),
                            system.spawn(availability_stand_in, w, 0),
                            system.spawn(bookings_stand_in, w, 0),
                            system.spawn(recorder_stand_in, today, 0),
                            {}};
  session_config config;
  config.clock = {[w] { return w->now(); }, [] { return std::chrono::steady_clock::now(); }};
  config.region = recorded.region.empty() ? "AU" : recorded.region;
  config.build = o.build;
  auto sessions = spawn_session_registry(system, peers, config);

  const auto& calls = w->script().calls;
  for (std::size_t i = 0; i < calls.size(); ++i) {
    w->start_call(static_cast<int>(i + 1));
    system.spawn(
        [sessions, call = calls[i].call](caf::event_based_actor* self, int) {
          self->request(sessions, caf::infinite, call)
              .then([](tool_answer&) {}, [](caf::error&) {});
        },
        0);
    scheduler.run();
  }
  caf::anon_send_exit(sessions, caf::exit_reason::user_shutdown);
  scheduler.run();
  w->annotate(*today);
  out.unanswerable = w->unanswerable;
  out.report = recording::compare(recorded, *today);
  out.today = std::move(*today);
  return out;
}

}  // namespace frontdesk::replay
