#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/auth.hpp"
#include "http/router.hpp"
#include "messages/front.hpp"

// The HTTP/1.1 server: accepts connections, enforces limits, authenticates and routes, then hands
// each request to a handler that answers later through a reply_sink.
namespace frontdesk::http {

class request_meter;

struct server_options {
  std::string bind_address = "127.0.0.1";
  /// 0 picks a free port (tests).
  std::uint16_t port = 8080;
  std::size_t max_body_bytes = std::size_t{64} * 1024;
  /// Time allowed to send one whole request once its first byte arrived.
  std::chrono::milliseconds header_timeout{10'000};
  /// Keep-alive time waiting for the next request.
  std::chrono::milliseconds idle_timeout{60'000};
  /// A handler that has not answered by then gets `timeout_reply` sent for it.
  std::chrono::milliseconds reply_timeout{9'000};
  http_response timeout_reply{
      503,
      R"({"success":false,"error":"timeout","message":"That took too long. Please try again in a moment."})"};
  int threads = 2;
  /// The Server header.
  std::string server_name = "frontdesk";
  /// Sent as X-Frontdesk-Node on every answer (none when empty): which node answered.
  std::string node_name;
  /// Requests being answered at once, across connections; beyond it the server sheds load (429).
  int max_in_flight = 1024;
  /// Serve api_key routes without a key (development only; configuration enforces that).
  bool auth_disabled = false;
  /// Counts every answer by route and status, and its latency (unset: nothing is counted).
  std::shared_ptr<request_meter> meter;
};

/// Called on an I/O thread for every routed request; must not block.
using request_handler = std::function<void(http_request, reply_sink_ptr)>;

class server {
 public:
  server(server_options options, router routes, api_key_set keys, request_handler handler);
  ~server();
  server(const server&) = delete;
  server& operator=(const server&) = delete;

  /// Binds, listens and starts the I/O threads. Returns the port bound.
  std::uint16_t start();

  /// Stops accepting, closes idle connections, lets requests in flight finish for up to `grace`,
  /// then closes what is left and joins the I/O threads.
  void shutdown(std::chrono::milliseconds grace);

  /// Blocks until SIGINT or SIGTERM arrives; then calls `draining`, keeps serving for `drain`
  /// (so a router that checks health moves new work away first; a second signal cuts it short),
  /// and shuts down with `grace`.
  void run_until_signal(std::chrono::milliseconds grace, std::chrono::milliseconds drain = {},
                        const std::function<void()>& draining = {});

  /// Connections open now.
  int open_connections() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace frontdesk::http
