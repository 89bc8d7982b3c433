#include "tools/answers.hpp"

#include "domain/speech.hpp"

namespace frontdesk::tools {
namespace {

json_value text(std::string_view s) {
  return json_value{std::string(s)};
}

json_value object() {
  return json_value{json_value::object{}};
}

}  // namespace

json_value location_json(const domain::location& l) {
  auto out = object();
  out.set("business_id", text(l.id));
  out.set("name", text(l.name));
  return out;
}

json_value practitioner_json(const domain::practitioner& p) {
  auto out = object();
  out.set("id", text(p.id));
  out.set("name", text(p.display_name));
  return out;
}

json_value service_json(const domain::service& s) {
  auto out = object();
  out.set("id", text(s.id));
  out.set("name", text(s.name));
  out.set("durationMinutes", json_value{static_cast<std::int64_t>(s.duration_minutes)});
  return out;
}

json_value slot_json(domain::instant t, std::string_view zone) {
  auto out = object();
  out.set("startTime", text(domain::format_local(t, zone)));
  out.set("displayTime", text(domain::spoken_time(t, zone)));
  out.set("displayDate", text(domain::spoken_date(domain::local_date(t, zone))));
  return out;
}

json_value success(std::string_view message) {
  auto out = object();
  out.set("success", json_value{true});
  out.set("message", text(message));
  return out;
}

json_value booked_by_the_clinic(std::string_view service, std::string_view practitioner) {
  std::string what{service};
  if (!practitioner.empty()) what += " with " + std::string(practitioner);
  auto body = failure("booked_by_clinic",
                      "I can't book " + what +
                          " over the phone: the clinic's team arranges those themselves. Would "
                          "you like me to ask them to call you back?");
  body.set("offerCallback", json_value{true});
  return body;
}

json_value failure(std::string_view code, std::string_view message) {
  auto out = object();
  out.set("success", json_value{false});
  out.set("error", text(code));
  out.set("message", text(message));
  return out;
}

}  // namespace frontdesk::tools
