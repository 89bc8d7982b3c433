#include "support/tcp_proxy.hpp"

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <future>
#include <list>
#include <thread>

namespace frontdesk::test_support {
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// One forwarded connection: bytes copied both ways until either side closes.
struct link : std::enable_shared_from_this<link> {
  explicit link(tcp::socket client)
      : client(std::move(client)), server(this->client.get_executor()) {}

  void start(const tcp::endpoint& target) {
    server.async_connect(target, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return self->close();
      self->pump(self->client, self->server, self->upstream);
      self->pump(self->server, self->client, self->downstream);
    });
  }

  void pump(tcp::socket& from, tcp::socket& to, std::array<char, 8192>& buffer) {
    from.async_read_some(net::buffer(buffer), [self = shared_from_this(), &from, &to, &buffer](
                                                  boost::system::error_code ec, std::size_t n) {
      if (ec) return self->close();
      net::async_write(to, net::buffer(buffer.data(), n),
                       [self, &from, &to, &buffer](boost::system::error_code ec, std::size_t) {
                         if (ec) return self->close();
                         self->pump(from, to, buffer);
                       });
    });
  }

  void close() {
    boost::system::error_code ignored;
    client.close(ignored);
    server.close(ignored);
  }

  tcp::socket client;
  tcp::socket server;
  std::array<char, 8192> upstream{}, downstream{};
};

}  // namespace

struct tcp_proxy::impl {
  impl(const std::string& host, std::uint16_t port)
      : target(net::ip::make_address(host), port),
        acceptor(io, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}) {
    accept();
    thread = std::thread([this] { io.run(); });
  }

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      if (!is_cut) {
        auto l = std::make_shared<link>(std::move(socket));
        links.push_back(l);
        l->start(target);
      }  // when cut, the socket goes out of scope here: closed at once
      accept();
    });
  }

  void on_io_thread(std::function<void()> f) {
    std::promise<void> done;
    net::post(io, [&] {
      f();
      done.set_value();
    });
    done.get_future().wait();
  }

  tcp::endpoint target;
  net::io_context io;
  tcp::acceptor acceptor;
  std::list<std::weak_ptr<link>> links;
  bool is_cut = false;
  std::thread thread;
};

tcp_proxy::tcp_proxy(std::string target_host, std::uint16_t target_port)
    : impl_(std::make_unique<impl>(target_host, target_port)) {}

tcp_proxy::~tcp_proxy() {
  impl_->on_io_thread([this] {
    impl_->acceptor.close();
    for (auto& weak : impl_->links)
      if (auto l = weak.lock()) l->close();
  });
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t tcp_proxy::port() const {
  return impl_->acceptor.local_endpoint().port();
}

void tcp_proxy::cut() {
  impl_->on_io_thread([this] {
    impl_->is_cut = true;
    for (auto& weak : impl_->links)
      if (auto l = weak.lock()) l->close();
    impl_->links.clear();
  });
}

void tcp_proxy::restore() {
  impl_->on_io_thread([this] { impl_->is_cut = false; });
}

}  // namespace frontdesk::test_support
