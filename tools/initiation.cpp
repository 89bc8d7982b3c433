#include "tools/initiation.hpp"

#include "domain/speech.hpp"

namespace frontdesk::tools {
namespace {

json_value text(std::string value) {
  return json_value{std::move(value)};
}

}  // namespace

json_value initiation_answer(const clinic_view* clinic, const caller_lookup& caller,
                             domain::instant now) {
  const auto& callers = caller.patients;
  json_value vars{json_value::object{}};
  std::vector<std::string> places;
  if (clinic)
    for (const auto& l : clinic->directory->locations)
      places.push_back(domain::spoken_location(l.name, l.label));
  const auto zone = clinic ? clinic->time_zone : std::string{};
  const auto today = clinic ? domain::local_date(now, zone) : domain::calendar_date{};
  vars.set("clinic_name", text(clinic ? clinic->name : ""));
  vars.set("clinic_locations", text(domain::spoken_list(places, "and")));
  vars.set("location_count", json_value{static_cast<std::int64_t>(places.size())});
  vars.set("local_date", text(clinic ? domain::spoken_date(today) : ""));
  vars.set("local_date_iso", text(clinic ? domain::format_date(today) : ""));
  vars.set("local_time", text(clinic ? domain::spoken_time(now, zone) : ""));
  vars.set("time_zone", text(zone));
  // A family phone does not say who is calling: no name rather than the wrong one.
  const auto* one = callers.size() == 1 ? &callers.front() : nullptr;
  vars.set(
      "caller_first_name",
      text(one ? (one->preferred_first_name.empty() ? one->first_name : one->preferred_first_name)
               : ""));
  vars.set("caller_known", json_value{!callers.empty()});
  vars.set("caller_status", text(!caller.answered ? "unknown" : callers.empty() ? "new" : "known"));
  json_value out{json_value::object{}};
  out.set("type", text("conversation_initiation_client_data"));
  out.set("dynamic_variables", std::move(vars));
  return out;
}

}  // namespace frontdesk::tools
