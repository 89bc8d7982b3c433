#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace frontdesk::test_support {

struct http_reply {
  unsigned status = 0;
  std::string body;
  /// Header names in lower case.
  std::map<std::string, std::string> headers;
  bool keep_alive = false;
};

using header_list = std::vector<std::pair<std::string, std::string>>;

/// A plain HTTP/1.1 client over one keep-alive connection to 127.0.0.1, as the agent would be.
/// Every operation gives up after a few seconds, so a hung server fails a test, never hangs it.
class http_client {
 public:
  explicit http_client(std::uint16_t port);

  http_reply request(const std::string& method, const std::string& target,
                     const std::string& body = "", const header_list& headers = {});

  /// Writes bytes as they are (pipelining, slow or malformed requests).
  void send_raw(const std::string& bytes);
  /// Reads the next response on the connection.
  http_reply read_reply();
  /// Whether the server closes the connection within `wait` (reads and discards until then).
  bool closed_within(std::chrono::milliseconds wait);

 private:
  template <class Operation>
  void run(Operation&& op, std::chrono::milliseconds limit);

  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace frontdesk::test_support
