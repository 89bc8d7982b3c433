#include "tools/locations.hpp"

#include <algorithm>

#include "domain/name_match.hpp"
#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "tools/answers.hpp"
#include "tools/field_names.hpp"
#include "tools/reading.hpp"

namespace frontdesk::tools {
namespace {

using domain::resolution;

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

// The options the agent read out: names, or {business_id, name} objects; only this clinic's.
std::vector<const domain::location*> offered_options(const clinic_view& clinic,
                                                     const json_value& input) {
  std::vector<const domain::location*> out;
  const auto* options = input.find("options");
  if (!options || !options->is<json_value::array>()) return out;
  for (const auto& option : options->as<json_value::array>()) {
    const domain::location* l = nullptr;
    if (auto id = text_field(option, field_names::business_id))
      l = clinic.directory->find_location(*id);
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

}  // namespace

tool_step resolve_location(booking_context& context, const tool_request& r) {
  const auto& clinic = r.clinic;
  const auto& input = r.input;
  const auto said = field(input, field_names::location_query);
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

tool_step confirm_location(booking_context& context, const tool_request& r) {
  const auto& clinic = r.clinic;
  const auto& input = r.input;
  const auto options = offered_options(clinic, input);
  if (options.empty())
    return answer(
        failure("missing_field", "Let me check our locations first: which area are you in?"));
  const auto said = field(input, field_names::user_response);
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

tool_step location_practitioners(booking_context& context, const tool_request& r) {
  const auto& clinic = r.clinic;
  const auto& input = r.input;
  const auto* l = location_in(context, clinic, input);
  if (const auto named = field(input, field_names::location_name); !l && !named.empty()) {
    const auto found = domain::resolve_location(named, *clinic.directory);
    if (found.what == resolution<domain::location>::kind::found) l = found.chosen;
  }
  if (!l) {
    if (field(input, field_names::business_id).empty())
      return answer(failure("missing_field", "Which location is that for?"));
    return unknown_location();
  }
  context.location_id = l->id;
  const auto people = domain::practitioners_at(*clinic.directory, l->id);
  const auto names = names_of(people);
  auto body =
      people.empty()
          ? failure("no_practitioners",
                    "No one is taking appointments at " + place(*l) + " at the moment.")
          : success("At " + place(*l) + " we have " + domain::spoken_list(names, "and") + ".");
  body.set("location", location_json(*l));
  body.set("practitioners", array_of(people, practitioner_json));
  return answer(std::move(body));
}

}  // namespace frontdesk::tools
