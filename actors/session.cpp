#include "actors/session.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <cstdio>
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

// One message per tool call, after its answer: the call never waits on the recorder.
void send_recording(session_pointer self) {
  auto& s = self->state;
  if (!recording(self) || s.unsent.empty()) return;
  self->send(s.peers.recorder, record_atom::value,
             session_steps{{s.id, s.clinic, s.config.build, s.config.region}, std::move(s.unsent)});
  s.unsent.clear();
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

void finish(session_pointer self, in_call c, tool_answer answer) {
  if (recording(self))
    note(self, [call = c.number, answer] {
      return recording::entry("answer", call, {{"answer", recording::encode(answer)}});
    });
  c.rp.deliver(std::move(answer));
  send_recording(self);
  if (self->state.one_shot) self->quit();
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

caf::result<tool_answer> handle(session_pointer self, tool_call& call) {
  touch(self);
  const in_call c{self->make_response_promise<tool_answer>(), ++self->state.calls};
  if (recording(self))
    note(self, [number = c.number, call] {
      return recording::entry("call", number, {{"request", recording::encode(call)}});
    });
  const auto now = read_clock(self, c.number);
  if (call.call.dialed_number.empty()) {
    finish(
        self, c,
        {200, tools::failure("missing_field",
                             "dialedNumber is required: bind it to {{system__called_number}}.")});
    return c.rp;
  }
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
  return c.rp;
}

/// A session's start: fresh, or as its recording left it before a restart.
struct session_start {
  std::string id;
  bool one_shot = false;
  recording::rebuilt_session prior;
};

session_actor::behavior_type session(session_pointer self, session_peers peers,
                                     session_config config, session_start start) {
  auto& s = self->state;
  s.peers = std::move(peers);
  s.config = std::move(config);
  s.one_shot = start.one_shot;
  s.id = std::move(start.id);
  s.context = std::move(start.prior.context);
  s.calls = start.prior.calls;
  s.directory_hash = std::move(start.prior.directory_hash);
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
  /// The conversations under way before this process started, once the reader has said which
  /// (until then every new one is asked after): only their sessions are rebuilt.
  std::optional<std::set<std::string>> under_way;
  /// Calls waiting while their conversation's recording is read (the first after a restart).
  std::map<std::string, std::vector<std::pair<tool_call, promise>>> waiting;
  std::int64_t rebuilt = 0;
  /// Calls of rebuilt sessions that today's tools answer differently from their recording.
  std::int64_t diverged = 0;
  /// Names the recordings of calls that came without a sessionId.
  std::uint32_t salt = std::random_device{}();
  std::uint64_t unnamed = 0;
  static inline const char* name = "session_registry";
};

using registry_pointer = session_registry_actor::stateful_pointer<registry_state>;

constexpr auto recording_timeout = 2s;

// Sessions are linked: they end with the registry (a normal end of one leaves it be).
session_actor start_session(registry_pointer self, const std::string& id,
                            recording::rebuilt_session prior) {
  auto& s = self->state;
  auto fresh = self->spawn<caf::monitored + caf::linked>(
      session, s.peers, s.config, session_start{id, false, std::move(prior)});
  s.sessions.emplace(id, fresh);
  s.names.emplace(fresh.address(), id);
  return fresh;
}

// The conversation was under way before a restart when it has a recent recording: its session
// is rebuilt from it, asking no one, and the calls that waited go to it.
void resume(registry_pointer self, const std::string& id, const session_recording& r) {
  auto& s = self->state;
  recording::rebuilt_session prior;
  if (!r.entries.empty()) {
    std::string why;
    prior = recording::rebuild(r, s.config.region, &why);
    if (!why.empty()) spdlog::warn("session {}: its recording {}", domain::redact_phones(id), why);
    ++s.rebuilt;
    s.diverged += prior.diverged;
  }
  auto target = start_session(self, id, std::move(prior));
  auto calls = std::move(s.waiting[id]);
  s.waiting.erase(id);
  for (auto& [call, rp] : calls) rp.delegate(target, std::move(call));
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

// The call waits while its conversation's recording is read; calls after it wait with it.
caf::result<tool_answer> after_recording(registry_pointer self, tool_call& call) {
  auto& s = self->state;
  const auto id = call.call.session_id;
  auto rp = self->make_response_promise<tool_answer>();
  auto& queue = s.waiting[id];
  queue.emplace_back(std::move(call), rp);
  if (queue.size() > 1) return rp;
  self->request(s.peers.recordings, recording_timeout, load_atom::value, id,
                static_cast<std::int64_t>(s.config.idle.count()))
      .then([self, id](const session_recording& r) { resume(self, id, r); },
            [self, id](const caf::error& e) {
              spdlog::warn("session {}: its recording could not be read ({}); starting afresh",
                           domain::redact_phones(id), caf::to_string(e));
              resume(self, id, {});
            });
  return rp;
}

caf::result<tool_answer> route(registry_pointer self, tool_call& call) {
  auto& s = self->state;
  const auto id = call.call.session_id;
  if (id.empty())
    return self->delegate(self->spawn<caf::linked>(session, s.peers, s.config,
                                                   session_start{unnamed_id(self), true, {}}),
                          std::move(call));
  if (auto it = s.sessions.find(id); it != s.sessions.end())
    return self->delegate(it->second, std::move(call));
  if (s.waiting.count(id) > 0) return after_recording(self, call);
  const bool maybe_under_way = s.peers.recordings && (!s.under_way || s.under_way->erase(id) > 0);
  if (!maybe_under_way) return self->delegate(start_session(self, id, {}), std::move(call));
  return after_recording(self, call);
}

session_registry_actor::behavior_type registry(registry_pointer self, session_peers peers,
                                               session_config config) {
  self->state.peers = std::move(peers);
  self->state.config = std::move(config);
  if (const auto& recordings = self->state.peers.recordings)
    self->request(recordings, caf::infinite, pending_atom::value)
        .then([self](std::vector<std::string>& ids) {
          self->state.under_way.emplace(ids.begin(), ids.end());
        });
  self->set_down_handler([self](caf::down_msg& down) {
    auto it = self->state.names.find(down.source);
    if (it == self->state.names.end()) return;
    self->state.sessions.erase(it->second);
    self->state.names.erase(it);
  });
  return {
      [self](tool_call& call) { return route(self, call); },
      [self](stats_atom) {
        return actor_stats{
            "sessions",
            {{"live", static_cast<std::int64_t>(self->state.sessions.size()), stat_kind::gauge},
             {"rebuilt", self->state.rebuilt},
             {"replays_diverged", self->state.diverged}},
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
