#include "http/tools.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <variant>

#include "domain/name_match.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "http/availability_tools.hpp"
#include "http/booking_tools.hpp"
#include "http/tool_json.hpp"
#include "http/tool_parts.hpp"
#include "messages/error.hpp"

namespace frontdesk::http {
namespace {

using domain::resolution;
using namespace parts;

std::vector<const domain::location*> all_locations(const domain::clinic_directory& d) {
  std::vector<const domain::location*> out;
  for (const auto& l : d.locations) out.push_back(&l);
  return out;
}

tool_answer location_chosen(booking_context& context, const domain::location& l, double confidence,
                            const std::string& message) {
  context.location_id = l.id;
  auto body = success(message);
  body.set("resolved", json_value{true});
  body.set("needsClarification", json_value{false});
  body.set("location", location_json(l));
  body.set("confidence", json_value{confidence});
  return answer(std::move(body));
}

tool_answer ask_location(const std::vector<const domain::location*>& options, double confidence,
                         const std::string& message, bool found_any) {
  auto body = found_any ? success(message) : failure("location_not_found", message);
  body.set("resolved", json_value{false});
  body.set("needsClarification", json_value{true});
  body.set("options", array_of(options, location_json));
  body.set("confidence", json_value{confidence});
  return answer(std::move(body));
}

tool_answer resolve_location(booking_context& context, const clinic_view& clinic,
                             const json_value& input) {
  const auto said = field(input, "locationQuery");
  if (said.empty())
    return answer(failure("missing_field", "Which of our locations would you like?"));
  const auto& d = *clinic.directory;
  if (d.locations.size() == 1)
    return location_chosen(context, d.locations.front(), 1.0,
                           "That's our " + place(d.locations.front()) + " location.");
  const auto found = domain::resolve_location(said, d);
  if (found.what == resolution<domain::location>::kind::found)
    return location_chosen(context, *found.chosen, found.confidence,
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
    if (auto id = text_field(option, "business_id")) l = clinic.directory->find_location(*id);
    const auto name = option.is<std::string>() ? option.as<std::string>()
                                               : text_field(option, "name").value_or("");
    if (!l && !name.empty()) {
      const auto named = domain::resolve_location(name, *clinic.directory);
      if (named.what == resolution<domain::location>::kind::found) l = named.chosen;
    }
    if (l && std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

tool_answer confirm_location(booking_context& context, const clinic_view& clinic,
                             const json_value& input) {
  const auto options = offered_options(clinic, input);
  if (options.empty())
    return answer(
        failure("missing_field", "Let me check our locations first: which area are you in?"));
  const auto said = field(input, "userResponse");
  if (said.empty()) return ask_location(options, 0, "Which location would you like?", true);
  if (auto index = domain::ordinal_choice(said, options.size()))
    return location_chosen(context, *options[*index], 1.0,
                           "Great, " + place(*options[*index]) + " it is.");
  std::vector<domain::name_candidate> candidates;
  for (std::size_t i = 0; i < options.size(); ++i)
    candidates.push_back(
        {std::to_string(i), {options[i]->name, options[i]->label, options[i]->city}});
  const auto matches = domain::match_names(said, candidates);
  if (matches.clear) {
    const auto* chosen = options[std::stoul(matches.ranked.front().id)];
    return location_chosen(context, *chosen, matches.ranked.front().confidence,
                           "Great, " + place(*chosen) + " it is.");
  }
  return ask_location(options, matches.ranked.empty() ? 0 : matches.ranked.front().confidence,
                      "Sorry, was that " + domain::spoken_list(places(options)) + "?", true);
}

tool_answer location_practitioners(booking_context& context, const clinic_view& clinic,
                                   const json_value& input) {
  const auto* l = location_in(context, clinic, input);
  if (const auto named = field(input, "locationName"); !l && !named.empty()) {
    const auto found = domain::resolve_location(named, *clinic.directory);
    if (found.what == resolution<domain::location>::kind::found) l = found.chosen;
  }
  if (!l) {
    if (field(input, "business_id").empty())
      return answer(failure("missing_field", "Which location is that for?"));
    return unknown_location();
  }
  context.location_id = l->id;
  const auto people = domain::practitioners_at(*clinic.directory, l->id);
  std::vector<std::string> names;
  for (const auto* p : people) names.push_back(p->display_name);
  auto body =
      people.empty()
          ? failure("no_practitioners",
                    "No one is taking appointments at " + place(*l) + " at the moment.")
          : success("At " + place(*l) + " we have " + domain::spoken_list(names, "and") + ".");
  body.set("location", location_json(*l));
  body.set("practitioners", array_of(people, practitioner_json));
  return answer(std::move(body));
}

tool_answer practitioner_services(booking_context& context, const clinic_view& clinic,
                                  const json_value& input) {
  auto who = practitioner_in(context, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::staff_member*>(who);
  // The location asked about, or the one this conversation settled on.
  const auto* l = location_in(context, clinic, input);
  if (!field(input, "business_id").empty() && !l) return unknown_location();
  const auto offered = domain::services_of(*clinic.directory, p->id, l ? l->id : "");
  std::vector<std::string> names;
  for (const auto* s : offered) names.push_back(s->name);
  auto body =
      success(domain::services_sentence(p->display_name, names, l ? "at " + place(*l) : ""));
  if (offered.empty()) body = failure("no_services", body.find("message")->as<std::string>());
  body.set("practitioner", practitioner_json(*p));
  body.set("services", array_of(offered, service_json));
  body.set("defaultService", offered.size() == 1 ? service_json(*offered.front()) : json_value{});
  body.set("count", json_value{static_cast<std::int64_t>(offered.size())});
  return answer(std::move(body));
}

tool_answer practitioner_info(booking_context& context, const clinic_view& clinic,
                              const json_value& input) {
  auto who = practitioner_in(context, clinic, input);
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
  auto body = where.empty() ? failure("no_services", message) : success(message);
  body.set("practitioner", practitioner_json(*p));
  body.set("services", array_of(offered, service_json));
  body.set("locations", array_of(where, location_json));
  return answer(std::move(body));
}

using tool = std::function<tool_step(booking_context&, const tool_request&)>;

// A tool that answers from the directory alone.
template <class F>
tool at_once(F f) {
  return [f](booking_context& context, const tool_request& r) -> tool_step {
    return f(context, r.clinic, r.input);
  };
}

const std::map<std::string, tool, std::less<>>& tools() {
  static const std::map<std::string, tool, std::less<>> table{
      {"location-resolver", at_once(resolve_location)},
      {"confirm-location", at_once(confirm_location)},
      {"get-location-practitioners", at_once(location_practitioners)},
      {"get-practitioner-services", at_once(practitioner_services)},
      {"get-practitioner-info", at_once(practitioner_info)},
      {"availability-checker", check_availability},
      {"get-available-practitioners", available_practitioners},
      {"find-next-available", find_next_available},
      {"appointment-handler", handle_appointment},
      {"cancel-appointment", cancel_appointment},
  };
  return table;
}

}  // namespace

tool_answer unavailable_answer(const caf::error& e) {
  switch (code_of(e).value_or(error_code::deadline_exceeded)) {
    case error_code::unknown_clinic:
      return answer(failure(
          "clinic_not_found",
          "I'm sorry, I can't reach this clinic's bookings right now. Please call back shortly."));
    case error_code::cliniko_rate_limited: {
      // The calendar is busy, not down: the agent can wait a moment and ask again.
      auto body = failure("busy",
                          "The clinic's calendar is busy. Please hold on a moment while I check "
                          "again.");
      body.set("retryAfterSeconds", json_value{std::int64_t{5}});
      return answer(std::move(body));
    }
    case error_code::cliniko_validation:
      // Cliniko refused the data itself: trying again will not help, asking differently may.
      return answer(failure("booking_rejected",
                            "The clinic's system didn't accept that. Could we try a different "
                            "time, or shall I ask the clinic to call you back?"));
    case error_code::database_unavailable:
      return {503, failure("database_unavailable",
                           "The booking system is briefly unavailable. Please hold on a moment "
                           "and try again.")};
    default:
      return {503, failure("cliniko_unavailable",
                           "I can't reach the clinic's calendar right now. Please hold on a "
                           "moment and try again.")};
  }
}

std::optional<tool_step> run_tool(std::string_view tool, const tool_request& request,
                                  booking_context& context) {
  const auto found = tools().find(tool);
  if (found == tools().end()) return std::nullopt;
  return found->second(context, request);
}

}  // namespace frontdesk::http
