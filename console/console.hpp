#pragma once

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "messages/http_exchange.hpp"

// The clinic's window: a web console for calls, served on its own address (CONSOLE_BIND),
// never on the tools' port. Pages are rendered here from what every node recorded; the work
// that touches PostgreSQL runs on the console's own thread, never on the server's I/O threads.
namespace frontdesk::console {

struct console_options {
  std::string database_url;
  /// Opens what was said in calls (titles, transcripts, callers' numbers); without it, shown
  /// as sealed.
  std::optional<std::array<unsigned char, 32>> master_key;
  /// Cookies marked Secure: the console is reached over TLS (a proxy in front of it).
  bool secure_cookies = false;
  /// Cliniko requests a minute each key allows (CLINIKO_RATE_LIMIT), shown beside its use.
  int cliniko_rate_limit = 200;
  /// This node's webhook spool (events waiting for PostgreSQL), shown on the health page.
  std::string spool_dir;
  std::chrono::seconds session_life{std::chrono::hours{8}};
  std::chrono::seconds session_idle{std::chrono::minutes{30}};
};

class console {
 public:
  explicit console(console_options options);
  ~console();
  console(const console&) = delete;
  console& operator=(const console&) = delete;

  /// The console's routes: every path is the console's own to answer (404 pages included).
  static http::router routes();

  /// Queues a request for the console's thread; never blocks.
  void handle(http_request request, reply_sink_ptr sink);

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace frontdesk::console
