#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http.hpp>

namespace frontdesk::test_support {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using namespace std::chrono_literals;

http_client::http_client(std::uint16_t port) : stream_(io_) {
  stream_.connect(net::ip::tcp::endpoint{net::ip::make_address("127.0.0.1"), port});
}

template <class Operation>
void http_client::run(Operation&& op, std::chrono::milliseconds limit) {
  beast::error_code result;
  stream_.expires_after(limit);
  op([&result](beast::error_code ec, std::size_t) { result = ec; });
  io_.restart();
  io_.run();
  if (result) throw beast::system_error{result};
}

http_reply http_client::request(const std::string& method, const std::string& target,
                                const std::string& body, const header_list& headers) {
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  run([&](auto handler) { bhttp::async_write(stream_, req, handler); }, 5s);
  return read_reply();
}

void http_client::send_raw(const std::string& bytes) {
  run([&](auto handler) { net::async_write(stream_, net::buffer(bytes), handler); }, 5s);
}

http_reply http_client::read_reply() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(16 << 20);
  run([&](auto handler) { bhttp::async_read(stream_, buffer_, parser, handler); }, 15s);
  auto res = parser.release();
  http_reply reply{res.result_int(), res.body(), {}, res.keep_alive()};
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // A header sent twice (set-cookie) keeps every value, one per line.
    auto& kept = reply.headers[name];
    kept += (kept.empty() ? "" : "\n") + std::string(field.value());
  }
  return reply;
}

bool http_client::closed_within(std::chrono::milliseconds wait) {
  char scratch[4096];
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (std::chrono::steady_clock::now() < deadline) {
    beast::error_code result;
    stream_.expires_at(deadline);
    stream_.async_read_some(net::buffer(scratch),
                            [&](beast::error_code ec, std::size_t) { result = ec; });
    io_.restart();
    io_.run();
    if (result == beast::error::timeout) return false;
    if (result) return true;  // end of stream or reset: the server closed it
  }
  return false;
}

}  // namespace frontdesk::test_support
