#pragma once

#include <cstddef>
#include <string>

#include "recording/recording.hpp"

// A recording as a person follows it: each call, what the session asked, what it got, and what
// it answered, one line each.
namespace frontdesk::recording {

/// The timeline, each entry numbered from 1 (as `replay --at` names them); JSON longer than `width`
/// characters is cut (0: never).
std::string timeline_text(const recording& r, std::size_t width = 160);

}  // namespace frontdesk::recording
