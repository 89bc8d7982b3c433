#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "http/server.hpp"

// One accepted HTTP connection, following the protocol step by step: wait for a request, read
// it, hand it on, write the answer, and again. Everything runs on the connection's strand.
namespace frontdesk::http {

class connection;

/// What all connections of one server share.
struct server_state {
  server_state(server_options o, router r, api_key_set k, request_handler h)
      : options(std::move(o)), routes(std::move(r)), keys(std::move(k)), handler(std::move(h)) {}

  server_options options;
  router routes;
  api_key_set keys;
  request_handler handler;
  std::atomic<bool> stopping{false};
  std::atomic<int> open{0};
  std::atomic<int> in_flight{0};
  std::mutex registry_mutex;
  std::vector<std::weak_ptr<connection>> registry;
};

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<server_state> state);
  ~connection();

  void start();
  /// Graceful stop, from any thread: idle connections close now, busy ones after their answer.
  void stop();
  /// From any thread: the answer to request `id` (ignored when that request was answered).
  void post_reply(std::uint64_t id, http_response response);

 private:
  using request = boost::beast::http::request<boost::beast::http::string_body>;

  void wait_for_request();
  void read_request();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_read(boost::beast::error_code ec);
  void handle(request& req);
  void dispatch(http_request message);
  void on_reply(std::uint64_t id, http_response response);
  void respond(http_response response);
  void log_request(unsigned status) const;
  void on_write(bool close, boost::beast::error_code ec);
  void drain_and_close();
  void drain();
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  /// The body limit of the request being read (its route's, else the server's).
  std::size_t body_limit_ = 0;
  std::shared_ptr<server_state> state_;
  boost::asio::steady_timer reply_timer_;

  /// The request being answered: what the log line and the response need to know of it.
  struct in_flight {
    std::uint64_t id = 0;
    /// Its place in the router (the meter's row); the last row for a request matching none.
    std::size_t route = static_cast<std::size_t>(-1);
    std::string method;
    std::string path;
    std::string session_id;
    unsigned version = 11;
    bool keep_alive = false;
    std::chrono::steady_clock::time_point started;
  };
  in_flight current_;
  bool busy_ = false;
  bool stopping_ = false;
};

}  // namespace frontdesk::http
