#pragma once

#include <caf/atom.hpp>
#include <caf/error.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "messages/error_code.hpp"

// frontdesk's own error codes (messages/error_code.hpp), carried between actors as caf::error
// values.
namespace frontdesk {

/// The category under which our codes travel inside caf::error.
constexpr caf::atom_value error_category = caf::atom("frontdesk");

std::string to_string(error_code code);

caf::error make_error(error_code code);
caf::error make_error(error_code code, std::string context);

/// Our code inside `e`, or nothing when `e` belongs to another category (CAF's own, say).
std::optional<error_code> code_of(const caf::error& e);

/// "frontdesk: database_unavailable (why)", for CAF's error printing (add_error_category).
std::string render_error(std::uint8_t code, caf::atom_value category, const caf::message& context);

/// The context text given to make_error, or "" when there is none.
std::string context_of(const caf::error& e);

}  // namespace frontdesk
