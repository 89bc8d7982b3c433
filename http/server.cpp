#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <future>
#include <thread>

#include "http/connection.hpp"

namespace frontdesk::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

struct server::impl {
  impl(server_options options, router routes, api_key_set keys, request_handler handler)
      : state(std::make_shared<server_state>(std::move(options), std::move(routes), std::move(keys),
                                             std::move(handler))),
        acceptor(net::make_strand(io)) {}

  void accept() {
    acceptor.async_accept(net::make_strand(io),
                          [this](boost::system::error_code ec, tcp::socket socket) {
                            if (ec) {
                              if (!acceptor.is_open()) return;  // shutting down
                              spdlog::warn("accept failed: {}", ec.message());
                            } else {
                              auto conn = std::make_shared<connection>(std::move(socket), state);
                              remember(conn);
                              conn->start();
                            }
                            accept();
                          });
  }

  void remember(const std::shared_ptr<connection>& conn) {
    std::lock_guard guard{state->registry_mutex};
    auto& live = state->registry;
    std::erase_if(live, [](const auto& weak) { return weak.expired(); });
    live.push_back(conn);
  }

  void stop_connections() {
    std::lock_guard guard{state->registry_mutex};
    for (auto& weak : state->registry)
      if (auto conn = weak.lock()) conn->stop();
  }

  net::io_context io;
  std::shared_ptr<server_state> state;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  bool running = false;
};

server::server(server_options options, router routes, api_key_set keys, request_handler handler)
    : impl_(std::make_unique<impl>(std::move(options), std::move(routes), std::move(keys),
                                   std::move(handler))) {}

server::~server() {
  if (impl_->running) shutdown(std::chrono::milliseconds{0});
}

std::uint16_t server::start() {
  auto& self = *impl_;
  const auto& options = self.state->options;
  tcp::endpoint endpoint{net::ip::make_address(options.bind_address), options.port};
  self.acceptor.open(endpoint.protocol());
  self.acceptor.set_option(net::socket_base::reuse_address(true));
  self.acceptor.bind(endpoint);
  self.acceptor.listen(net::socket_base::max_listen_connections);
  self.accept();
  self.running = true;
  for (int i = 0; i < options.threads; ++i) self.threads.emplace_back([&self] { self.io.run(); });
  return self.acceptor.local_endpoint().port();
}

void server::shutdown(std::chrono::milliseconds grace) {
  auto& self = *impl_;
  if (!self.running) return;
  self.running = false;
  self.state->stopping = true;
  std::promise<void> closed;
  net::post(self.acceptor.get_executor(), [&] {
    boost::system::error_code ignored;
    self.acceptor.close(ignored);
    closed.set_value();
  });
  closed.get_future().wait();
  self.stop_connections();
  const auto deadline = std::chrono::steady_clock::now() + grace;
  while (self.state->open > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds{5});
  if (self.state->open > 0)
    spdlog::warn("closing {} connection(s) still busy after the grace period",
                 self.state->open.load());
  self.io.stop();
  for (auto& t : self.threads) t.join();
  self.threads.clear();
}

void server::run_until_signal(std::chrono::milliseconds grace, std::chrono::milliseconds drain,
                              const std::function<void()>& draining) {
  net::io_context signal_io;
  net::signal_set signals(signal_io, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](boost::system::error_code, int signal) { received = signal; });
  signal_io.run();
  if (draining) draining();
  if (drain.count() > 0) {
    spdlog::info("signal {} received: /health says draining; serving on for {} ms", received,
                 drain.count());
    signal_io.restart();
    net::steady_timer wait{signal_io, drain};
    wait.async_wait([&](boost::system::error_code) { signals.cancel(); });
    signals.async_wait([&](boost::system::error_code ec, int) {
      if (!ec) wait.cancel();  // a second signal: stop now
    });
    signal_io.run();
  }
  spdlog::info("draining requests in flight (up to {} ms)", grace.count());
  shutdown(grace);
}

int server::open_connections() const {
  return impl_->state->open;
}

}  // namespace frontdesk::http
