#include "actors/session.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>
#include <variant>

#include "http/tool_json.hpp"
#include "http/tools.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;

struct session_state {
  session_state() = default;
  directory_actor directory;
  session_config config;
  booking_context context;
  bool one_shot = false;
  std::uint64_t generation = 0;
  static inline const char* name = "session";
};

using session_pointer = session_actor::stateful_pointer<session_state>;

tool_answer answer(http::json_value body) {
  return {200, std::move(body)};
}

tool_answer error_answer(const caf::error& e) {
  switch (code_of(e).value_or(error_code::database_error)) {
    case error_code::unknown_clinic:
      return answer(http::failure(
          "clinic_not_found",
          "I'm sorry, I can't reach this clinic's bookings right now. Please call back shortly."));
    case error_code::database_unavailable:
      return {503, http::failure(
                       "database_unavailable",
                       "The booking system is briefly unavailable. Please try again in a moment.")};
    default:
      return {503,
              http::failure("unavailable", "That took too long. Please try again in a moment.")};
  }
}

// Every call restarts the idle clock; a tick that finds no newer call ends the session.
void touch(session_pointer self) {
  const auto generation = ++self->state.generation;
  self->delayed_send(self, self->state.config.idle, tick_atom::value, generation);
}

caf::result<tool_answer> handle(session_pointer self, tool_call& call) {
  touch(self);
  if (call.call.dialed_number.empty()) {
    if (self->state.one_shot) self->quit();
    return answer(http::failure("missing_field",
                                "dialedNumber is required: bind it to {{system__called_number}}."));
  }
  auto rp = self->make_response_promise<tool_answer>();
  self->request(self->state.directory, 5s, clinic_atom::value, call.call.dialed_number)
      .then(
          [self, rp, call](const clinic_view& clinic) mutable {
            auto answer = http::run_tool(call.tool, clinic, self->state.context, call.input);
            rp.deliver(
                answer ? std::move(*answer)
                       : tool_answer{404, http::failure("not_found", "There is no such tool.")});
            if (self->state.one_shot) self->quit();
          },
          [self, rp, call](caf::error& e) mutable {
            if (code_of(e) == error_code::unknown_clinic)
              spdlog::warn("no active clinic answers the dialed number of session {}",
                           call.call.session_id);
            rp.deliver(error_answer(e));
            if (self->state.one_shot) self->quit();
          });
  return rp;
}

session_actor::behavior_type session(session_pointer self, directory_actor directory,
                                     session_config config, bool one_shot) {
  self->state.directory = std::move(directory);
  self->state.config = config;
  self->state.one_shot = one_shot;
  return {
      [self](tool_call& call) { return handle(self, call); },
      [self](tick_atom, std::uint64_t generation) {
        if (generation == self->state.generation) self->quit();
      },
  };
}

struct registry_state {
  registry_state() = default;
  directory_actor directory;
  session_config config;
  std::map<std::string, session_actor> sessions;
  std::map<caf::actor_addr, std::string> names;
  static inline const char* name = "session_registry";
};

using registry_pointer = session_registry_actor::stateful_pointer<registry_state>;

session_actor session_for(registry_pointer self, const std::string& id) {
  auto& s = self->state;
  // Sessions are linked: they end with the registry (a normal end of one leaves it be).
  if (id.empty()) return self->spawn<caf::linked>(session, s.directory, s.config, true);
  if (auto it = s.sessions.find(id); it != s.sessions.end()) return it->second;
  auto fresh = self->spawn<caf::monitored + caf::linked>(session, s.directory, s.config, false);
  s.sessions.emplace(id, fresh);
  s.names.emplace(fresh.address(), id);
  return fresh;
}

session_registry_actor::behavior_type registry(registry_pointer self, directory_actor directory,
                                               session_config config) {
  self->state.directory = std::move(directory);
  self->state.config = config;
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
      [self](stats_atom) { return static_cast<std::int64_t>(self->state.sessions.size()); },
      [self](end_atom, const std::string& id) {
        if (auto it = self->state.sessions.find(id); it != self->state.sessions.end())
          self->send_exit(it->second, caf::exit_reason::normal);
      },
  };
}

}  // namespace

session_registry_actor spawn_session_registry(caf::actor_system& system, directory_actor directory,
                                              session_config config) {
  return system.spawn(registry, std::move(directory), config);
}

}  // namespace frontdesk
