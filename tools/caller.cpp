#include "tools/caller.hpp"

#include <memory>

#include "domain/phone.hpp"
#include "tools/field_names.hpp"
#include "tools/reading.hpp"

namespace frontdesk::tools {
namespace {

// A tool call kept whole for a later step: the request's fields point into it.
struct kept_call {
  explicit kept_call(const tool_request& r)
      : clinic(r.clinic), input(r.input), request{clinic,       input,          r.now,   r.call,
                                                  r.session_id, r.caller_phone, r.region} {}
  kept_call(const kept_call&) = delete;
  kept_call& operator=(const kept_call&) = delete;

  clinic_view clinic;
  json_value input;
  tool_request request;
};

// Only a practitioner named without a service needs to know who has seen them before.
bool may_need_history(const booking_context& context, const tool_request& r) {
  return !context.history && context.service_id.empty() &&
         !field(r.input, field_names::practitioner).empty() && service_named(r.input).empty();
}

}  // namespace

std::string own_number(const tool_request& r) {
  const auto own =
      r.caller_phone.empty() ? field(r.input, field_names::caller_phone) : r.caller_phone;
  return domain::to_e164(own, r.region).value_or("");
}

tool_step knowing_the_caller(booking_context& context, const tool_request& r, tool_fn tool) {
  if (!may_need_history(context, r)) return tool(context, r);
  auto phone = own_number(r);
  if (phone.empty()) return tool(context, r);
  history_request ask{r.clinic.id, std::move(phone), seconds_of(r.now), r.call};
  auto kept = std::make_shared<const kept_call>(r);
  return ask_step<history_request, std::vector<appointment>>{
      std::move(ask),
      [kept, tool](booking_context& context, const std::vector<appointment>& history) {
        context.history = history;
        return tool(context, kept->request);
      }};
}

}  // namespace frontdesk::tools
