#include "actors/session.hpp"

#include <spdlog/spdlog.h>

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <caf/typed_response_promise.hpp>
#include <map>
#include <variant>

#include "domain/name_match.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "http/tool_json.hpp"
#include "messages/error.hpp"

namespace frontdesk {
namespace {

using namespace std::chrono_literals;
using domain::resolution;
using http::json_value;

/// What a conversation has settled so far; later calls lean on it.
struct booking_context {
  std::string location_id;
  std::string practitioner_id;
  std::string service_id;
};

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
using tool = tool_answer (*)(session_pointer, const clinic_view&, const json_value&);

tool_answer answer(json_value body) {
  return {200, std::move(body)};
}

std::string field(const json_value& input, std::string_view key) {
  return http::text_field(input, key).value_or("");
}

std::string place(const domain::location& l) {
  return domain::spoken_location(l.name, l.label);
}

std::vector<std::string> places(const std::vector<const domain::location*>& locations) {
  std::vector<std::string> names;
  for (const auto* l : locations) names.push_back(place(*l));
  return names;
}

std::vector<const domain::location*> all_locations(const domain::clinic_directory& d) {
  std::vector<const domain::location*> out;
  for (const auto& l : d.locations) out.push_back(&l);
  return out;
}

// The location named by business_id (only ever one of this clinic's), else the one confirmed.
const domain::location* location_in(session_pointer self, const clinic_view& clinic,
                                    const json_value& input) {
  const auto id = field(input, "business_id");
  return clinic.directory->find_location(id.empty() ? self->state.context.location_id : id);
}

tool_answer location_chosen(session_pointer self, const domain::location& l, double confidence,
                            const std::string& message) {
  self->state.context.location_id = l.id;
  auto body = http::success(message);
  body.set("resolved", json_value{true});
  body.set("needsClarification", json_value{false});
  body.set("location", http::location_json(l));
  body.set("confidence", json_value{confidence});
  return answer(std::move(body));
}

tool_answer ask_location(const std::vector<const domain::location*>& options, double confidence,
                         const std::string& message, bool found_any) {
  auto body = found_any ? http::success(message) : http::failure("location_not_found", message);
  body.set("resolved", json_value{false});
  body.set("needsClarification", json_value{true});
  body.set("options", http::array_of(options, http::location_json));
  body.set("confidence", json_value{confidence});
  return answer(std::move(body));
}

tool_answer resolve_location(session_pointer self, const clinic_view& clinic,
                             const json_value& input) {
  const auto said = field(input, "locationQuery");
  if (said.empty())
    return answer(http::failure("missing_field", "Which of our locations would you like?"));
  const auto& d = *clinic.directory;
  if (d.locations.size() == 1)
    return location_chosen(self, d.locations.front(), 1.0,
                           "That's our " + place(d.locations.front()) + " location.");
  const auto found = domain::resolve_location(said, d);
  if (found.what == resolution<domain::location>::kind::found)
    return location_chosen(self, *found.chosen, found.confidence,
                           "That's our " + place(*found.chosen) + " location.");
  if (found.what == resolution<domain::location>::kind::ask)
    return ask_location(found.options, found.confidence,
                        "Did you mean " + domain::spoken_list(places(found.options)) + "?", true);
  const auto everywhere = all_locations(d);
  return ask_location(everywhere, 0,
                      "I couldn't find that location. We have " +
                          domain::spoken_list(places(everywhere), "and") + ". Which one suits you?",
                      false);
}

// The options the agent read out: names, or {business_id, name} objects; only this clinic's.
std::vector<const domain::location*> offered_options(const clinic_view& clinic,
                                                     const json_value& input) {
  std::vector<const domain::location*> out;
  const auto* options = input.find("options");
  if (!options || !options->is<json_value::array>()) return out;
  for (const auto& option : options->as<json_value::array>()) {
    const domain::location* l = nullptr;
    if (auto id = http::text_field(option, "business_id")) l = clinic.directory->find_location(*id);
    const auto name = option.is<std::string>() ? option.as<std::string>()
                                               : http::text_field(option, "name").value_or("");
    if (!l && !name.empty()) {
      const auto named = domain::resolve_location(name, *clinic.directory);
      if (named.what == resolution<domain::location>::kind::found) l = named.chosen;
    }
    if (l && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

tool_answer confirm_location(session_pointer self, const clinic_view& clinic,
                             const json_value& input) {
  const auto options = offered_options(clinic, input);
  if (options.empty())
    return answer(
        http::failure("missing_field", "Let me check our locations first: which area are you in?"));
  const auto said = field(input, "userResponse");
  if (said.empty()) return ask_location(options, 0, "Which location would you like?", true);
  if (auto index = domain::ordinal_choice(said, options.size()))
    return location_chosen(self, *options[*index], 1.0,
                           "Great, " + place(*options[*index]) + " it is.");
  std::vector<domain::name_candidate> candidates;
  for (std::size_t i = 0; i < options.size(); ++i)
    candidates.push_back(
        {std::to_string(i), {options[i]->name, options[i]->label, options[i]->city}});
  const auto matches = domain::match_names(said, candidates);
  if (matches.clear) {
    const auto* chosen = options[std::stoul(matches.ranked.front().id)];
    return location_chosen(self, *chosen, matches.ranked.front().confidence,
                           "Great, " + place(*chosen) + " it is.");
  }
  return ask_location(options, matches.ranked.empty() ? 0 : matches.ranked.front().confidence,
                      "Sorry, was that " + domain::spoken_list(places(options)) + "?", true);
}

tool_answer location_practitioners(session_pointer self, const clinic_view& clinic,
                                   const json_value& input) {
  const auto* l = location_in(self, clinic, input);
  if (const auto named = field(input, "locationName"); !l && !named.empty()) {
    const auto found = domain::resolve_location(named, *clinic.directory);
    if (found.what == resolution<domain::location>::kind::found) l = found.chosen;
  }
  if (!l) {
    if (field(input, "business_id").empty())
      return answer(http::failure("missing_field", "Which location is that for?"));
    return answer(
        http::failure("location_not_found",
                      "I couldn't find that location. Which of our locations did you mean?"));
  }
  self->state.context.location_id = l->id;
  const auto people = domain::practitioners_at(*clinic.directory, l->id);
  std::vector<std::string> names;
  for (const auto* p : people) names.push_back(p->display_name);
  auto body = people.empty()
                  ? http::failure("no_practitioners", "No one is taking appointments at " +
                                                          place(*l) + " at the moment.")
                  : http::success("At " + place(*l) + " we have " +
                                  domain::spoken_list(names, "and") + ".");
  body.set("location", http::location_json(*l));
  body.set("practitioners", http::array_of(people, http::practitioner_json));
  return answer(std::move(body));
}

// The practitioner named in the call; on an answer that asks or fails, that answer instead.
std::variant<const domain::staff_member*, tool_answer> practitioner_in(session_pointer self,
                                                                       const clinic_view& clinic,
                                                                       const json_value& input) {
  const auto said = field(input, "practitioner");
  if (said.empty())
    return answer(http::failure("missing_field", "Which practitioner would you like to see?"));
  const auto found = domain::resolve_practitioner(said, *clinic.directory);
  if (found.what == resolution<domain::staff_member>::kind::found) {
    self->state.context.practitioner_id = found.chosen->id;
    return found.chosen;
  }
  if (found.what == resolution<domain::staff_member>::kind::ask) {
    std::vector<std::string> names;
    for (const auto* p : found.options) names.push_back(p->display_name);
    auto body = http::success("Did you mean " + domain::spoken_list(names) + "?");
    body.set("needsClarification", json_value{true});
    body.set("options", http::array_of(found.options, http::practitioner_json));
    return answer(std::move(body));
  }
  return answer(http::failure(
      "practitioner_not_found",
      "I couldn't find a practitioner called " + said + ". Could you say the name again?"));
}

tool_answer practitioner_services(session_pointer self, const clinic_view& clinic,
                                  const json_value& input) {
  auto who = practitioner_in(self, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::staff_member*>(who);
  // The location asked about, or the one this conversation settled on.
  const auto* l = location_in(self, clinic, input);
  if (!field(input, "business_id").empty() && !l)
    return answer(
        http::failure("location_not_found",
                      "I couldn't find that location. Which of our locations did you mean?"));
  const auto offered = domain::services_of(*clinic.directory, p->id, l ? l->id : "");
  std::vector<std::string> names;
  for (const auto* s : offered) names.push_back(s->name);
  auto body =
      http::success(domain::services_sentence(p->display_name, names, l ? "at " + place(*l) : ""));
  if (offered.empty()) body = http::failure("no_services", body.find("message")->as<std::string>());
  body.set("practitioner", http::practitioner_json(*p));
  body.set("services", http::array_of(offered, http::service_json));
  body.set("defaultService",
           offered.size() == 1 ? http::service_json(*offered.front()) : json_value{});
  body.set("count", json_value{static_cast<std::int64_t>(offered.size())});
  return answer(std::move(body));
}

tool_answer practitioner_info(session_pointer self, const clinic_view& clinic,
                              const json_value& input) {
  auto who = practitioner_in(self, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::staff_member*>(who);
  const auto offered = domain::services_of(*clinic.directory, p->id);
  const auto where = domain::locations_of(*clinic.directory, p->id);
  std::vector<std::string> services;
  for (const auto* s : offered) services.push_back(s->name);
  std::string message =
      p->display_name + (p->designation.empty() ? "" : ", " + p->designation + ",");
  message += where.empty() ? " isn't taking bookings at the moment."
                           : " works at " + domain::spoken_list(places(where), "and") +
                                 " and offers " + domain::spoken_list(services, "and") + ".";
  auto body = where.empty() ? http::failure("no_services", message) : http::success(message);
  body.set("practitioner", http::practitioner_json(*p));
  body.set("services", http::array_of(offered, http::service_json));
  body.set("locations", http::array_of(where, http::location_json));
  return answer(std::move(body));
}

const std::map<std::string, tool, std::less<>>& tools() {
  static const std::map<std::string, tool, std::less<>> table{
      {"location-resolver", resolve_location},
      {"confirm-location", confirm_location},
      {"get-location-practitioners", location_practitioners},
      {"get-practitioner-services", practitioner_services},
      {"get-practitioner-info", practitioner_info},
  };
  return table;
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
            const auto& handler = tools().find(call.tool);
            rp.deliver(handler == tools().end()
                           ? tool_answer{404, http::failure("not_found", "There is no such tool.")}
                           : handler->second(self, clinic, call.input));
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
