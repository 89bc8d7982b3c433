#pragma once

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/directory.hpp"
#include "http/json.hpp"
#include "messages/tools.hpp"

// Pieces the tools share: reading fields, naming places, finding what a call refers to.
namespace frontdesk::http::parts {

inline tool_answer answer(json_value body) {
  return {200, std::move(body)};
}

/// A text field, "" when absent, null or empty.
std::string field(const json_value& input, std::string_view key);

/// How a location is spoken ("Bondi Junction").
std::string place(const domain::location& l);
std::vector<std::string> places(const std::vector<const domain::location*>& locations);

/// The location named by business_id (only ever one of this clinic's), else the one confirmed.
const domain::location* location_in(const booking_context& context, const clinic_view& clinic,
                                    const json_value& input);

/// The answer for a business_id that is not one of this clinic's locations.
tool_answer unknown_location();

/// The practitioner named in `practitioner` (recorded in the context); when the name is
/// missing, unknown or could be several people, the answer that says so instead.
std::variant<const domain::staff_member*, tool_answer> practitioner_in(booking_context& context,
                                                                       const clinic_view& clinic,
                                                                       const json_value& input);

}  // namespace frontdesk::http::parts
