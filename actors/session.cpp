#include "actors/session.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <type_traits>
#include <variant>

#include "domain/redact.hpp"
#include "messages/call.hpp"
#include "messages/error.hpp"
#include "recording/codec.hpp"
#include "recording/rebuild.hpp"
#include "recording/script.hpp"
#include "tools/answers.hpp"
#include "tools/catalogue.hpp"
#include "tools/errors.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;

// A recording not read or stored in this time is given up on: the call goes on as known here.
constexpr auto recording_timeout = 2s;

/// What the registry counts of its sessions, whichever session counted it.
struct session_counters {
  /// Sessions that took up a conversation from its recording (another node's, or before a
  /// restart), and calls of theirs that today's tools answer differently from the recording.
  std::atomic<std::int64_t> rebuilt{0}, diverged{0};
  /// Answers not kept because another node answered the conversation at the same time.
  std::atomic<std::int64_t> conflicts{0};
};
using counters_ptr = std::shared_ptr<session_counters>;

/// A tool call waiting for the one before it in its conversation.
struct queued_call {
  tool_call call;
  caf::typed_response_promise<tool_answer> rp;
};

struct session_state {
  session_state() = default;
  session_peers peers;
  session_config config;
  tools::booking_context context;
  bool one_shot = false;
  std::uint64_t generation = 0;
  /// The conversation, or the name of a one-shot session's recording.
  std::string id;
  /// Tool calls so far: each recorded entry names the one it belongs to.
  int calls = 0;
  clinic_id clinic = 0;
  /// The directory last written into the recording, by content and by address.
  std::string directory_hash;
  const domain::clinic_directory* directory_seen = nullptr;
  /// Recorded entries not yet handed to the recorder: they go with each answer.
  std::vector<noted_entry> unsent;
  /// One call at a time: the next waits for the answer before it, as it would on the phone.
  bool busy = false;
  std::deque<queued_call> queued;
  /// The last answer was not stored (another node went on): the recording is read in full.
  bool stale = false;
  /// The call under way has waited on Cliniko (an answer from the availability actor said so).
  bool waited_on_cliniko = false;
  counters_ptr counters;
  static inline const char* name = "session";
};

using session_pointer = session_actor::stateful_pointer<session_state>;
using promise = caf::typed_response_promise<tool_answer>;

/// A tool call under way: where its answer goes, and its number in the conversation.
struct in_call {
  promise rp;
  int number = 0;
};

// Every call restarts the idle clock; a tick that finds no newer call ends the session.
void touch(session_pointer self) {
  const auto generation = ++self->state.generation;
  self->delayed_send(self, self->state.config.idle, tick_atom::value, generation);
}

// --- The recording: what came in, what was asked and got, what went out (recording.hpp) ---

bool recording(session_pointer self) {
  return self->state.peers.recorder && !self->state.id.empty();
}

// Noted as it happens, with copies; made into JSON by the recorder, after the answer is sent.
void note(session_pointer self, noted_entry make) {
  self->state.unsent.push_back(std::move(make));
}

domain::instant read_clock(session_pointer self, int call) {
  const auto now = self->state.config.clock.now();
  if (recording(self))
    note(self, [call, now] {
      return recording::entry("clock", call, {{"now", json_value{domain::format_utc(now)}}});
    });
  return now;
}

// The clinic, its directory recorded once per content (a directory is shared while cached).
void note_clinic(session_pointer self, int call, const std::string& number,
                 const clinic_view& clinic) {
  auto& s = self->state;
  s.clinic = clinic.id;
  if (!recording(self)) return;
  if (clinic.directory.get() != s.directory_seen) {
    s.directory_seen = clinic.directory.get();
    auto snapshot = recording::snapshot_of(clinic.directory);
    if (snapshot->hash != s.directory_hash) {
      s.directory_hash = snapshot->hash;
      note(self, [call, snapshot] {
        return recording::entry(
            "directory", call,
            {{"hash", json_value{snapshot->hash}}, {"directory", snapshot->encoded}});
      });
    }
  }
  note(self, [call, number, clinic, hash = s.directory_hash] {
    return recording::ask_entry(call, recording::clinic_question, json_value{number}, "reply",
                                recording::encode(clinic, hash));
  });
}

// --- Answering ---

void next_call(session_pointer self);

// The call is answered: a one-shot session ends; another takes its next call.
void answered(session_pointer self) {
  if (self->state.one_shot) return self->quit();
  next_call(self);
}

// The answer leaves once what the call changed is stored, so that any node can go on from it.
void finish(session_pointer self, in_call c, tool_answer answer) {
  auto& s = self->state;
  answer.waited_on_cliniko = std::exchange(s.waited_on_cliniko, false);
  if (!recording(self)) {
    c.rp.deliver(std::move(answer));
    return answered(self);
  }
  note(self, [call = c.number, answer] {
    return recording::entry("answer", call, {{"answer", recording::encode(answer)}});
  });
  session_steps steps{{s.id, s.clinic, s.config.build, s.config.region}, std::move(s.unsent)};
  s.unsent.clear();
  steps.calls_before = s.one_shot ? -1 : c.number - 1;
  self->request(s.peers.recorder, recording_timeout, record_atom::value, std::move(steps))
      .then(
          [self, c, answer](write_outcome outcome) mutable {
            if (outcome == write_outcome::conflict) {
              self->state.stale = true;
              ++self->state.counters->conflicts;
              answer = tools::error_answer(make_error(error_code::conversation_moved));
            }
            c.rp.deliver(std::move(answer));
            answered(self);
          },
          [self, c, answer](const caf::error& e) mutable {
            spdlog::warn("session {}: its recording was not confirmed ({}); answering anyway",
                         domain::redact_phones(self->state.id), caf::to_string(e));
            c.rp.deliver(std::move(answer));
            answered(self);
          });
}

call_options options_of(session_pointer self, const call_context& call) {
  if (call.deadline_ns > 0) return {priority::interactive, call.deadline_ns};
  return call_options::within(self->state.config.deadline, priority::interactive);
}

void act_on_step(session_pointer self, const in_call& c, tools::tool_step step);

// Asks `target`, then carries on with its answer in the context as it is then.
template <class Target, class Atom, class Ask, class Reply>
void ask(session_pointer self, const in_call& c, const Target& target, Atom atom,
         tools::ask_step<Ask, Reply>& step) {
  const auto kind = recording::kind_of(step);
  // The question as asked, kept for the recording (only when recording).
  const auto asked = recording(self) ? std::make_shared<const Ask>(step.ask) : nullptr;
  self->request(target, caf::infinite, atom, std::move(step.ask))
      .then(
          [self, c, kind, asked, then = std::move(step.then)](Reply& reply) {
            if constexpr (requires { reply.waited; })
              self->state.waited_on_cliniko = self->state.waited_on_cliniko || reply.waited;
            if (asked)
              note(self, [call = c.number, kind, asked, reply] {
                return recording::ask_entry(call, kind, recording::encode(*asked), "reply",
                                            recording::encode(reply));
              });
            act_on_step(self, c, then(self->state.context, reply));
          },
          [self, c, kind, asked](caf::error& e) {
            if (asked)
              note(self, [call = c.number, kind, asked, e] {
                return recording::ask_entry(call, kind, recording::encode(*asked), "error",
                                            recording::encode(e));
              });
            finish(self, c, tools::error_answer(e));
          });
}

// One overload per kind of step: an answer ends the call; a question goes to the actor that answers
// it, and its answer gives the next step.
void act_on(session_pointer self, const in_call& c, tool_answer& answer) {
  finish(self, c, std::move(answer));
}

// Whom a kind of question goes to.
template <tools::peer To>
decltype(auto) peer_of(const session_peers& peers) {
  if constexpr (To == tools::peer::availability)
    return (peers.availability);
  else
    return (peers.bookings);
}

template <class Ask, class Reply>
void act_on(session_pointer self, const in_call& c, tools::ask_step<Ask, Reply>& step) {
  using question = tools::question_for_t<Ask, Reply>;
  ask(self, c, peer_of<question::to>(self->state.peers), question::atom::value, step);
}

void act_on_step(session_pointer self, const in_call& c, tools::tool_step step) {
  std::visit([&](auto& next) { act_on(self, c, next); }, step);
}

// The call's first step, now that its clinic is known.
void start_tool(session_pointer self, const in_call& c, const tool_call& call,
                const clinic_view& clinic, domain::instant now) {
  const auto* tool = tools::find_tool(call.tool);
  if (!tool) return finish(self, c, {404, tools::failure("not_found", "There is no such tool.")});
  const tools::tool_request request{clinic,
                                    call.input,
                                    now,
                                    options_of(self, call.call),
                                    call.call.session_id,
                                    call.call.caller_phone,
                                    self->state.config.region};
  act_on_step(self, c, tool->run(self->state.context, request));
}

void begin_call(session_pointer self, const tool_call& call, promise rp) {
  const in_call c{std::move(rp), ++self->state.calls};
  if (recording(self))
    note(self, [number = c.number, call] {
      return recording::entry("call", number, {{"request", recording::encode(call)}});
    });
  const auto now = read_clock(self, c.number);
  if (call.call.dialed_number.empty())
    return finish(
        self, c,
        {200, tools::failure("missing_field",
                             "dialedNumber is required: bind it to {{system__called_number}}.")});
  self->request(self->state.peers.directory, caf::infinite, clinic_atom::value,
                call.call.dialed_number)
      .then(
          [self, c, call, now](const clinic_view& clinic) {
            note_clinic(self, c.number, call.call.dialed_number, clinic);
            start_tool(self, c, call, clinic, now);
          },
          [self, c, call](caf::error& e) {
            if (code_of(e) == error_code::unknown_clinic)
              spdlog::warn("no active clinic answers the dialed number of session {}",
                           domain::redact_phones(call.call.session_id));
            if (recording(self))
              note(self, [number = c.number, dialed = call.call.dialed_number, e] {
                return recording::ask_entry(number, recording::clinic_question, json_value{dialed},
                                            "error", recording::encode(e));
              });
            finish(self, c, tools::error_answer(e));
          });
}

// The conversation as its recording left it, when that is further than this session knows
// (another node answered calls of it, or this process restarted).
void take_up(session_pointer self, const session_recording& r) {
  auto& s = self->state;
  std::string why;
  auto prior = recording::rebuild(r, s.config.region, &why);
  if (!why.empty()) spdlog::warn("session {}: its recording {}", domain::redact_phones(s.id), why);
  s.context = std::move(prior.context);
  s.calls = prior.calls;
  s.directory_hash = std::move(prior.directory_hash);
  s.directory_seen = nullptr;
  ++s.counters->rebuilt;
  s.counters->diverged += prior.diverged;
}

// Before each call: has the conversation gone on elsewhere? One indexed read when it has not.
void catch_up_then_begin(session_pointer self, queued_call q) {
  auto& s = self->state;
  if (!recording(self) || s.one_shot || !s.peers.recordings)
    return begin_call(self, q.call, std::move(q.rp));
  const std::int64_t known = s.stale ? -1 : s.calls;
  self->request(s.peers.recordings, recording_timeout, load_atom::value, s.id, known,
                static_cast<std::int64_t>(s.config.idle.count()))
      .then(
          [self, q](const session_recording& r) mutable {
            if (!r.entries.empty()) take_up(self, r);
            self->state.stale = false;
            begin_call(self, q.call, std::move(q.rp));
          },
          [self, q](const caf::error& e) mutable {
            spdlog::warn("session {}: its recording could not be read ({}); going on as known here",
                         domain::redact_phones(self->state.id), caf::to_string(e));
            begin_call(self, q.call, std::move(q.rp));
          });
}

void next_call(session_pointer self) {
  auto& s = self->state;
  if (s.queued.empty()) {
    s.busy = false;
    return;
  }
  s.busy = true;
  auto q = std::move(s.queued.front());
  s.queued.pop_front();
  catch_up_then_begin(self, std::move(q));
}

caf::result<tool_answer> handle(session_pointer self, tool_call& call) {
  touch(self);
  auto rp = self->make_response_promise<tool_answer>();
  self->state.queued.push_back({std::move(call), rp});
  if (!self->state.busy) next_call(self);
  return rp;
}

struct session_start {
  std::string id;
  bool one_shot = false;
  counters_ptr counters;
};

session_actor::behavior_type session(session_pointer self, session_peers peers,
                                     session_config config, session_start start) {
  auto& s = self->state;
  s.peers = std::move(peers);
  s.config = std::move(config);
  s.one_shot = start.one_shot;
  s.id = std::move(start.id);
  s.counters = std::move(start.counters);
  return {
      [self](tool_call& call) { return handle(self, call); },
      [self](tick_atom, std::uint64_t generation) {
        if (generation == self->state.generation) self->quit();
      },
      [self](end_atom) { self->quit(); },
  };
}

struct registry_state {
  registry_state() = default;
  session_peers peers;
  session_config config;
  std::map<std::string, session_actor> sessions;
  std::map<caf::actor_addr, std::string> names;
  counters_ptr counters = std::make_shared<session_counters>();
  /// Names the recordings of calls that came without a sessionId.
  std::uint32_t salt = std::random_device{}();
  std::uint64_t unnamed = 0;
  static inline const char* name = "session_registry";
};

using registry_pointer = session_registry_actor::stateful_pointer<registry_state>;

// Sessions are linked: they end with the registry (a normal end of one leaves it be). A session
// reads its conversation's recording before its first call, so a conversation begun on another
// node, or before a restart, goes on where it was.
session_actor start_session(registry_pointer self, const std::string& id) {
  auto& s = self->state;
  auto fresh = self->spawn<caf::monitored + caf::linked>(session, s.peers, s.config,
                                                         session_start{id, false, s.counters});
  s.sessions.emplace(id, fresh);
  s.names.emplace(fresh.address(), id);
  return fresh;
}

// A call without a sessionId is recorded too, under a name of its own (never a conversation's).
std::string unnamed_id(registry_pointer self) {
  auto& s = self->state;
  char id[64];
  // Not the wall clock: a replay's clock gives the session its recorded readings, in order.
  const auto started = std::chrono::duration_cast<std::chrono::milliseconds>(
      s.config.clock.steady().time_since_epoch());
  std::snprintf(id, sizeof id, "no-session-%08x-%llx-%llu", s.salt,
                static_cast<unsigned long long>(started.count()),
                static_cast<unsigned long long>(++s.unnamed));
  return id;
}

caf::result<tool_answer> route(registry_pointer self, tool_call& call) {
  auto& s = self->state;
  const auto id = call.call.session_id;
  if (id.empty())
    return self->delegate(
        self->spawn<caf::linked>(session, s.peers, s.config,
                                 session_start{unnamed_id(self), true, s.counters}),
        std::move(call));
  auto it = s.sessions.find(id);
  return self->delegate(it != s.sessions.end() ? it->second : start_session(self, id),
                        std::move(call));
}

session_registry_actor::behavior_type registry(registry_pointer self, session_peers peers,
                                               session_config config) {
  self->state.peers = std::move(peers);
  self->state.config = std::move(config);
  self->set_down_handler([self](caf::down_msg& down) {
    auto it = self->state.names.find(down.source);
    if (it == self->state.names.end()) return;
    self->state.sessions.erase(it->second);
    self->state.names.erase(it);
  });
  return {
      [self](tool_call& call) { return route(self, call); },
      [self](stats_atom) {
        const auto& c = *self->state.counters;
        return actor_stats{
            "sessions",
            {{"live", static_cast<std::int64_t>(self->state.sessions.size()), stat_kind::gauge},
             {"rebuilt", c.rebuilt.load()},
             {"replays_diverged", c.diverged.load()},
             {"conflicts", c.conflicts.load()}},
            {}};
      },
      [self](end_atom, const std::string& id) {
        // An exit of reason normal is ignored by an actor that does not trap exits: ask it.
        if (auto it = self->state.sessions.find(id); it != self->state.sessions.end())
          self->send(it->second, end_atom::value);
      },
  };
}

}  // namespace

session_registry_actor spawn_session_registry(caf::actor_system& system, session_peers peers,
                                              session_config config) {
  return system.spawn(registry, std::move(peers), std::move(config));
}

}  // namespace frontdesk
