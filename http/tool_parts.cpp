#include "http/tool_parts.hpp"

#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "http/tool_json.hpp"

namespace frontdesk::http::parts {

using domain::resolution;

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

const domain::location* location_in(const booking_context& context, const clinic_view& clinic,
                                    const json_value& input) {
  const auto id = field(input, "business_id");
  return clinic.directory->find_location(id.empty() ? context.location_id : id);
}

tool_answer unknown_location() {
  return answer(failure("location_not_found",
                        "I couldn't find that location. Which of our locations did you mean?"));
}

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

}  // namespace frontdesk::http::parts
