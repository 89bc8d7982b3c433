#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messages/json_value.hpp"

// An HTTP request as the server hands it over, its answer, and where the answer goes. Plain
// records: no CAF here.
namespace frontdesk {

using header_fields = std::vector<std::pair<std::string, std::string>>;

/// One authenticated, routed request. On routes that take JSON, `body` is the parsed object.
struct http_request {
  std::string method;
  std::string path;
  std::string query;
  json_value body;
  /// The body exactly as it came (signatures are computed over it).
  std::string raw_body;
  /// Header names in lower case.
  header_fields headers;
  /// Which of the server's routes matched, by its place in the route table.
  std::size_t route = 0;
  /// The peer's address ("203.0.113.7"), as the socket saw it.
  std::string peer;
  std::chrono::steady_clock::time_point received_at;

  /// The first header of that (lower-case) name, or "".
  std::string_view header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (key == name) return value;
    return {};
  }
};

/// The answer: a status and a body, JSON unless said otherwise.
struct http_response {
  http_response() = default;
  http_response(unsigned status, std::string body) : status(status), body(std::move(body)) {}

  unsigned status = 200;
  std::string body;
  std::string content_type = "application/json";
  header_fields headers;
  /// Close the connection without answering (simulating a network fault).
  bool drop = false;
  /// The conversation the request belonged to, for the request log ("" when none).
  std::string session_id;
};

/// Where the answer to one request goes. deliver() may be called from any thread, once; it hands
/// the response to the connection's own executor and never blocks.
class reply_sink {
 public:
  virtual ~reply_sink() = default;
  virtual void deliver(http_response response) = 0;
};
using reply_sink_ptr = std::shared_ptr<reply_sink>;

}  // namespace frontdesk
