#include "tools/practitioners.hpp"

#include "domain/resolve.hpp"
#include "domain/speech.hpp"
#include "tools/answers.hpp"
#include "tools/field_names.hpp"
#include "tools/reading.hpp"

namespace frontdesk::tools {

tool_step practitioner_services(booking_context& context, const tool_request& r) {
  const auto& clinic = r.clinic;
  const auto& input = r.input;
  auto who = practitioner_in(context, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::practitioner*>(who);
  // The location asked about, or the one this conversation settled on.
  const auto* l = location_in(context, clinic, input);
  if (!field(input, field_names::business_id).empty() && !l) return unknown_location();
  const auto offered = domain::services_of(*clinic.directory, p->id, l ? l->id : "");
  const auto names = names_of(offered);
  auto body =
      success(domain::services_sentence(p->display_name, names, l ? "at " + place(*l) : ""));
  if (offered.empty()) body = failure("no_services", body.find("message")->as<std::string>());
  body.set("practitioner", practitioner_json(*p));
  body.set("services", array_of(offered, service_json));
  body.set("defaultService", offered.size() == 1 ? service_json(*offered.front()) : json_value{});
  body.set("count", json_value{static_cast<std::int64_t>(offered.size())});
  return answer(std::move(body));
}

tool_step practitioner_info(booking_context& context, const tool_request& r) {
  const auto& clinic = r.clinic;
  const auto& input = r.input;
  auto who = practitioner_in(context, clinic, input);
  if (auto* early = std::get_if<tool_answer>(&who)) return std::move(*early);
  const auto* p = std::get<const domain::practitioner*>(who);
  const auto offered = domain::services_of(*clinic.directory, p->id);
  const auto where = domain::locations_of(*clinic.directory, p->id);
  const auto services = names_of(offered);
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

}  // namespace frontdesk::tools
