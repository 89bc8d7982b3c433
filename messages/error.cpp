#include "messages/error.hpp"

#include <caf/make_message.hpp>
#include <caf/message.hpp>

namespace frontdesk {

std::string to_string(error_code code) {
  switch (code) {
    case error_code::database_unavailable:
      return "database_unavailable";
    case error_code::database_error:
      return "database_error";
    case error_code::deadline_exceeded:
      return "deadline_exceeded";
    case error_code::cliniko_unauthorized:
      return "cliniko_unauthorized";
    case error_code::cliniko_not_found:
      return "cliniko_not_found";
    case error_code::cliniko_validation:
      return "cliniko_validation";
    case error_code::cliniko_rate_limited:
      return "cliniko_rate_limited";
    case error_code::cliniko_unavailable:
      return "cliniko_unavailable";
    case error_code::cliniko_timeout:
      return "cliniko_timeout";
    case error_code::invalid_request:
      return "invalid_request";
    case error_code::unknown_clinic:
      return "unknown_clinic";
    case error_code::conversation_moved:
      return "conversation_moved";
  }
  return "unknown";
}

caf::error make_error(error_code code) {
  return caf::error{static_cast<std::uint8_t>(code), error_category};
}

caf::error make_error(error_code code, std::string context) {
  return caf::error{static_cast<std::uint8_t>(code), error_category,
                    caf::make_message(std::move(context))};
}

std::optional<error_code> code_of(const caf::error& e) {
  if (!e || e.category() != error_category) return std::nullopt;
  return static_cast<error_code>(e.code());
}

namespace {

std::string text_of(const caf::message& context) {
  if (context.match_elements<std::string>()) return context.get_as<std::string>(0);
  return {};
}

}  // namespace

std::string context_of(const caf::error& e) {
  return text_of(e.context());
}

std::string render_error(std::uint8_t code, caf::atom_value, const caf::message& context) {
  auto text = "frontdesk: " + to_string(static_cast<error_code>(code));
  if (auto why = text_of(context); !why.empty()) text += " (" + why + ")";
  return text;
}

}  // namespace frontdesk
