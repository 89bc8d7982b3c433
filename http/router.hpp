#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace frontdesk::http {

/// Who may call a route.
enum class access {
  open,       // anyone: GET /, GET /health
  api_key,    // the agent's tools: x-api-key must match a configured key
  signature,  // webhooks: the handler checks the sender's signature itself
};

/// One endpoint the server answers.
struct route {
  std::string method;
  /// An exact path, or a prefix ending in "/*" ("/v1/*" matches "/v1/businesses/1").
  std::string path;
  access who = access::api_key;
  /// The body must be a JSON object (checked, and parsed, before the handler sees it).
  bool json_body = false;
  /// The largest body this route takes (0: the server's limit).
  std::size_t max_body_bytes = 0;
};

/// Finds the route for a method and path; knows when a path exists under another method.
class router {
 public:
  explicit router(std::vector<route> routes) : routes_(std::move(routes)) {}

  struct match {
    const route* found = nullptr;
    /// The path is served, but not for this method (405 rather than 404).
    bool path_known = false;
  };

  match find(std::string_view method, std::string_view path) const;
  const std::vector<route>& routes() const { return routes_; }

 private:
  std::vector<route> routes_;
};

}  // namespace frontdesk::http
