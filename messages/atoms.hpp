#pragma once

#include <caf/atom.hpp>

// Atoms name the actions actors are asked to do (at most ten characters each).
namespace frontdesk {

/// Ask a storage actor whether its database answers.
using ping_atom = caf::atom_constant<caf::atom("ping")>;

}  // namespace frontdesk
