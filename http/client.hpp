#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "messages/front.hpp"

// The HTTP(S) client the Cliniko gateway speaks through: keep-alive connections to one origin,
// TLS 1.2+ with certificate and host-name verification and SNI, a deadline on every request.
namespace frontdesk::http {

/// Where requests go: scheme, host and port.
struct origin {
  bool tls = true;
  std::string host;
  std::uint16_t port = 443;
};

/// Splits "https://api.au2.cliniko.com/v1" into its origin and its path ("/v1").
std::optional<std::pair<origin, std::string>> parse_base_url(std::string_view url);

/// The I/O thread clients run on; one per process is plenty.
class client_runtime {
 public:
  client_runtime();
  ~client_runtime();
  client_runtime(const client_runtime&) = delete;
  client_runtime& operator=(const client_runtime&) = delete;

  struct impl;
  impl& get() { return *impl_; }

 private:
  std::unique_ptr<impl> impl_;
};

struct client_options {
  /// A PEM file of extra certificate authorities to trust (tests use a throw-away CA); the
  /// system's store is always trusted.
  std::string ca_file;
  /// Connections open at once; further requests wait for one (politeness to the server).
  std::size_t max_connections = 6;
  /// Idle connections kept for reuse.
  std::size_t max_idle = 6;
  /// An idle connection older than this is not reused for a request that must not be repeated
  /// (the server may have closed it; the request would fail with its outcome unknown).
  std::chrono::seconds fresh_for{4};
  std::size_t max_response_bytes = 16 << 20;
};

struct client_response {
  unsigned status = 0;
  std::string body;
  /// Header names in lower case.
  header_fields headers;

  std::string_view header(std::string_view name) const {
    for (const auto& [key, value] : headers)
      if (key == name) return value;
    return {};
  }
};

/// Why no response came.
enum class transport_error {
  none,
  connect_failed,   // name resolution or TCP connect
  tls_failed,       // handshake, certificate or host name
  timed_out,        // the deadline passed
  connection_lost,  // closed or reset mid-exchange: the server may or may not have acted
};

struct client_result {
  std::optional<client_response> response;
  transport_error error = transport_error::none;
  std::string detail;
};

/// Requests to one origin. Thread-safe; callbacks run on the runtime's I/O thread and must not
/// block.
class client {
 public:
  client(client_runtime& runtime, origin where, client_options options = {});
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  using callback = std::function<void(client_result)>;

  /// Sends one request (target is path and query). GET requests that fail on a reused
  /// connection before any answer arrived are tried once more on a new one; nothing else is
  /// repeated.
  void send(std::string method, std::string target, header_fields headers, std::string body,
            std::chrono::steady_clock::time_point deadline, callback done);

  struct impl;

 private:
  std::shared_ptr<impl> impl_;
};

}  // namespace frontdesk::http
