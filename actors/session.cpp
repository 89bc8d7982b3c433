#include "actors/session.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>
#include <type_traits>
#include <variant>

#include "domain/redact.hpp"
#include "messages/call.hpp"
#include "messages/error.hpp"
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
  static inline const char* name = "session";
};

using session_pointer = session_actor::stateful_pointer<session_state>;
using promise = caf::typed_response_promise<tool_answer>;

constexpr auto directory_timeout = 5s;

// Every call restarts the idle clock; a tick that finds no newer call ends the session.
void touch(session_pointer self) {
  const auto generation = ++self->state.generation;
  self->delayed_send(self, self->state.config.idle, tick_atom::value, generation);
}

void finish(session_pointer self, promise rp, tool_answer answer) {
  rp.deliver(std::move(answer));
  if (self->state.one_shot) self->quit();
}

call_options options_of(session_pointer self, const call_context& call) {
  if (call.deadline_ns > 0) return {priority::interactive, call.deadline_ns};
  return call_options::within(self->state.config.deadline, priority::interactive);
}

void act_on_step(session_pointer self, promise rp, tools::tool_step step);

// Asks `target`, then carries on with its answer in the context as it is then.
template <class Target, class Atom, class Ask, class Reply>
void ask(session_pointer self, promise rp, const Target& target, Atom atom,
         tools::ask_step<Ask, Reply>& step) {
  const auto timeout = step.ask.call.time_left() + 50ms;
  self->request(target, timeout, atom, std::move(step.ask))
      .then([self, rp, then = std::move(step.then)](
                Reply& reply) mutable { act_on_step(self, rp, then(self->state.context, reply)); },
            [self, rp](caf::error& e) mutable { finish(self, rp, tools::error_answer(e)); });
}

// One overload per kind of step: an answer ends the call; a question goes to the actor that answers
// it, and its answer gives the next step.
void act_on(session_pointer self, promise rp, tool_answer& answer) {
  finish(self, std::move(rp), std::move(answer));
}

void act_on(session_pointer self, promise rp, tools::ask_step<slot_request, times_reply>& step) {
  ask(self, std::move(rp), self->state.peers.availability, available_times_atom::value, step);
}

void act_on(session_pointer self, promise rp, tools::ask_step<slot_request, found_slot>& step) {
  ask(self, std::move(rp), self->state.peers.availability, next_available_atom::value, step);
}

void act_on(session_pointer self, promise rp,
            tools::ask_step<booking_request, booking_outcome>& step) {
  ask(self, std::move(rp), self->state.peers.bookings, book_atom::value, step);
}

void act_on(session_pointer self, promise rp,
            tools::ask_step<move_request, booking_outcome>& step) {
  ask(self, std::move(rp), self->state.peers.bookings, move_atom::value, step);
}

void act_on(session_pointer self, promise rp,
            tools::ask_step<cancel_request, booking_outcome>& step) {
  ask(self, std::move(rp), self->state.peers.bookings, cancel_atom::value, step);
}

void act_on(session_pointer self, promise rp,
            tools::ask_step<history_request, std::vector<appointment>>& step) {
  ask(self, std::move(rp), self->state.peers.bookings, history_atom::value, step);
}

void act_on_step(session_pointer self, promise rp, tools::tool_step step) {
  std::visit([&](auto& next) { act_on(self, rp, next); }, step);
}

// The call's first step, now that its clinic is known.
void start_tool(session_pointer self, promise rp, const tool_call& call,
                const clinic_view& clinic) {
  const auto* tool = tools::find_tool(call.tool);
  if (!tool) return finish(self, rp, {404, tools::failure("not_found", "There is no such tool.")});
  const tools::tool_request request{clinic,
                                    call.input,
                                    self->state.config.clock.now(),
                                    options_of(self, call.call),
                                    call.call.session_id,
                                    call.call.caller_phone,
                                    self->state.config.region};
  act_on_step(self, std::move(rp), tool->run(self->state.context, request));
}

caf::result<tool_answer> handle(session_pointer self, tool_call& call) {
  touch(self);
  if (call.call.dialed_number.empty()) {
    if (self->state.one_shot) self->quit();
    return tool_answer{200, tools::failure("missing_field",
                                           "dialedNumber is required: bind it to "
                                           "{{system__called_number}}.")};
  }
  auto rp = self->make_response_promise<tool_answer>();
  self->request(self->state.peers.directory, directory_timeout, clinic_atom::value,
                call.call.dialed_number)
      .then([self, rp, call](const clinic_view& clinic) { start_tool(self, rp, call, clinic); },
            [self, rp, call](caf::error& e) {
              if (code_of(e) == error_code::unknown_clinic)
                spdlog::warn("no active clinic answers the dialed number of session {}",
                             domain::redact_phones(call.call.session_id));
              finish(self, rp, tools::error_answer(e));
            });
  return rp;
}

session_actor::behavior_type session(session_pointer self, session_peers peers,
                                     session_config config, bool one_shot) {
  self->state.peers = std::move(peers);
  self->state.config = std::move(config);
  self->state.one_shot = one_shot;
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
  static inline const char* name = "session_registry";
};

using registry_pointer = session_registry_actor::stateful_pointer<registry_state>;

session_actor session_for(registry_pointer self, const std::string& id) {
  auto& s = self->state;
  // Sessions are linked: they end with the registry (a normal end of one leaves it be).
  if (id.empty()) return self->spawn<caf::linked>(session, s.peers, s.config, true);
  if (auto it = s.sessions.find(id); it != s.sessions.end()) return it->second;
  auto fresh = self->spawn<caf::monitored + caf::linked>(session, s.peers, s.config, false);
  s.sessions.emplace(id, fresh);
  s.names.emplace(fresh.address(), id);
  return fresh;
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
      [self](tool_call& call) {
        auto target = session_for(self, call.call.session_id);
        return self->delegate(target, std::move(call));
      },
      [self](stats_atom) {
        return actor_stats{
            "sessions", {{"live", static_cast<std::int64_t>(self->state.sessions.size())}}, {}};
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
