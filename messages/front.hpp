#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messages/atoms.hpp"
#include "messages/http_exchange.hpp"
#include "messages/inspect.hpp"
#include "messages/json_value.hpp"

// What crosses from the HTTP server into the actor world, and the way the answer goes back.
namespace frontdesk {

/// The FRONT actor interface: answers HTTP requests, routed by path.
using front_actor = caf::typed_actor<
    /// Serve one request; the answer goes to the sink, not back to the sender.
    caf::reacts_to<http_request, reply_sink_ptr>,
    /// Internal: write the tool calls answered in the last few milliseconds.
    caf::reacts_to<flush_atom>,
    /// The node is stopping: /health answers 503 "draining" so the router sends new
    /// conversations elsewhere, while every request keeps being served.
    caf::reacts_to<drain_atom>>;

}  // namespace frontdesk

// Both live only inside this process: a sink is a handle to an open socket.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::http_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::reply_sink_ptr)
