#pragma once

#include <string>

#include "http/router.hpp"
#include "messages/database.hpp"
#include "messages/http_exchange.hpp"

namespace caf {
class actor_system;
}

namespace frontdesk {

/// The routes the front serves; every other path is 404 until its feature exists.
http::router front_routes();

/// Spawns the front: it answers each routed request itself or by asking the actor that knows.
front_actor spawn_front(caf::actor_system& system, database_actor database);

}  // namespace frontdesk
