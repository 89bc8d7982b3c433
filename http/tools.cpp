#include "http/tools.hpp"

#include <algorithm>
#include <map>
#include <variant>

#include "domain/name_match.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "http/tool_json.hpp"

namespace frontdesk::http {
namespace {

using domain::resolution;
using tool = tool_answer (*)(booking_context&, const clinic_view&, const json_value&);

tool_answer answer(json_value body) {
  return {200, std::move(body)};
}

std::string field(const json_value& input, std::string_view key) {
  return text_field(input, key).value_or("");
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
const domain::location* location_in(booking_context& context, const clinic_view& clinic,
                                    const json_value& input) {
  const auto id = field(input, "business_id");
  return clinic.directory->find_location(id.empty() ? context.location_id : id);
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
    return answer(failure("location_not_found",
                          "I couldn't find that location. Which of our locations did you mean?"));
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

// The practitioner named in the call; on an answer that asks or fails, that answer instead.
std::variant<const domain::staff_member*, tool_answer> practitioner_in(booking_context& context,
                                                                       const clinic_view& clinic,
                                                                       const json_value& input) {
  const auto said = field(input, "practitioner");
  if (said.empty())
    return answer(failure("missing_field", "Which practitioner would you like to see?"));
  const auto found = domain::resolve_practitioner(said, *clinic.directory);
  if (found.what == resolution<domain::staff_member>::kind::found) {
    context.practitioner_id = found.chosen->id;
    return found.chosen;
  }
  if (found.what == resolution<domain::staff_member>::kind::ask) {
    std::vector<std::string> names;
    for (const auto* p : found.options) names.push_back(p->display_name);
    auto body = success("Did you mean " + domain::spoken_list(names) + "?");
    body.set("needsClarification", json_value{true});
    body.set("options", array_of(found.options, practitioner_json));
    return answer(std::move(body));
  }
  return answer(failure("practitioner_not_found", "I couldn't find a practitioner called " + said +
                                                      ". Could you say the name again?"));
}

tool_answer practitioner_services(booking_context& context, const clinic_view& clinic,
                                  const json_value& input) {
  auto who = practitioner_in(context, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::staff_member*>(who);
  // The location asked about, or the one this conversation settled on.
  const auto* l = location_in(context, clinic, input);
  if (!field(input, "business_id").empty() && !l)
    return answer(failure("location_not_found",
                          "I couldn't find that location. Which of our locations did you mean?"));
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

}  // namespace

std::optional<tool_answer> run_tool(std::string_view tool, const clinic_view& clinic,
                                    booking_context& context, const json_value& input) {
  const auto found = tools().find(tool);
  if (found == tools().end()) return std::nullopt;
  return found->second(context, clinic, input);
}

}  // namespace frontdesk::http
