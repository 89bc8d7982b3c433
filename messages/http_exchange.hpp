#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "http/json.hpp"

// What crosses from the HTTP server into the actor world, and the way the answer goes back.
namespace frontdesk {

/// One authenticated, routed request whose body (if any) is a JSON object.
struct http_request {
  std::string method;
  std::string path;
  std::string query;
  http::json_value body;
  /// The conversation id from the body, when the agent sent one.
  std::string session_id;
  std::chrono::steady_clock::time_point received_at;
};

/// The answer: a status and a JSON body.
struct http_response {
  unsigned status = 200;
  std::string body;
};

/// Where the answer to one request goes. deliver() may be called from any thread, once; it hands
/// the response to the connection's own executor and never blocks.
class reply_sink {
 public:
  virtual ~reply_sink() = default;
  virtual void deliver(http_response response) = 0;
};
using reply_sink_ptr = std::shared_ptr<reply_sink>;

/// The FRONT actor interface: answers HTTP requests, routed by path.
using front_actor = caf::typed_actor<
    /// Serve one request; the answer goes to the sink, not back to the sender.
    caf::reacts_to<http_request, reply_sink_ptr>>;

}  // namespace frontdesk

// Both live only inside this process: a sink is a handle to an open socket.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::http_request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(frontdesk::reply_sink_ptr)
