#include "http/client.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <charconv>
#include <deque>
#include <mutex>
#include <thread>
#include <variant>
#include <vector>

namespace frontdesk::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

struct client_runtime::impl {
  net::io_context io;
  net::executor_work_guard<net::io_context::executor_type> guard{io.get_executor()};
  std::thread thread{[this] { io.run(); }};
};

client_runtime::client_runtime() : impl_(std::make_unique<impl>()) {}

client_runtime::~client_runtime() {
  impl_->guard.reset();
  impl_->io.stop();
  impl_->thread.join();
}

std::optional<std::pair<origin, std::string>> parse_base_url(std::string_view url) {
  origin o;
  if (url.starts_with("https://")) {
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
    o.tls = false;
    o.port = 80;
  } else {
    return std::nullopt;
  }
  const auto slash = url.find('/');
  auto authority = url.substr(0, slash);
  std::string path = slash == std::string_view::npos ? "" : std::string(url.substr(slash));
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    unsigned port = 0;
    const auto digits = authority.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc{} || end != digits.data() + digits.size() || port == 0 || port > 65535)
      return std::nullopt;
    o.port = static_cast<std::uint16_t>(port);
    authority = authority.substr(0, colon);
  }
  if (authority.empty()) return std::nullopt;
  o.host = std::string(authority);
  return std::pair{o, path};
}

namespace {

// One open connection, plain or TLS.
struct connection {
  explicit connection(net::io_context& io) : stream(std::in_place_type<beast::tcp_stream>, io) {}
  connection(net::io_context& io, ssl::context& tls)
      : stream(std::in_place_type<beast::ssl_stream<beast::tcp_stream>>, io, tls) {}

  beast::tcp_stream& tcp() {
    if (auto* plain = std::get_if<beast::tcp_stream>(&stream)) return *plain;
    return beast::get_lowest_layer(std::get<beast::ssl_stream<beast::tcp_stream>>(stream));
  }

  std::variant<beast::tcp_stream, beast::ssl_stream<beast::tcp_stream>> stream;
  beast::flat_buffer buffer;
  std::chrono::steady_clock::time_point idle_since;
};

}  // namespace

struct client::impl : std::enable_shared_from_this<client::impl> {
  impl(net::io_context& io, origin where, client_options options)
      : io(io),
        where(std::move(where)),
        options(std::move(options)),
        tls(ssl::context::tls_client) {
    tls.set_verify_mode(ssl::verify_peer);
    tls.set_default_verify_paths();
    if (!this->options.ca_file.empty()) tls.load_verify_file(this->options.ca_file);
    SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  }

  // One request, through its attempts.
  struct exchange {
    bhttp::request<bhttp::string_body> request;
    std::chrono::steady_clock::time_point deadline;
    callback done;
    std::shared_ptr<connection> conn;
    bool reused = false;
    bool retried = false;
    std::optional<bhttp::response_parser<bhttp::string_body>> parser;
  };

  // At most max_connections exchanges at once; the rest wait their turn, in order.
  void admit(std::shared_ptr<exchange> x) {
    if (active >= options.max_connections) return queued.push_back(std::move(x));
    ++active;
    start(std::move(x));
  }

  void complete(const std::shared_ptr<exchange>& x, client_result result) {
    --active;
    if (!queued.empty()) {
      auto next = std::move(queued.front());
      queued.pop_front();
      admit(std::move(next));
    }
    x->done(std::move(result));
  }

  void start(std::shared_ptr<exchange> x) {
    x->conn = take_idle(x->request.method() == bhttp::verb::get);
    x->reused = x->conn != nullptr;
    if (x->reused) return write(std::move(x));
    open(std::move(x));
  }

  std::shared_ptr<connection> take_idle(bool repeatable) {
    std::lock_guard lock{mutex};
    const auto now = std::chrono::steady_clock::now();
    while (!idle.empty()) {
      auto conn = std::move(idle.back());
      idle.pop_back();
      if (repeatable || now - conn->idle_since < options.fresh_for) return conn;
    }
    return nullptr;
  }

  void give_back(std::shared_ptr<connection> conn) {
    std::lock_guard lock{mutex};
    if (idle.size() >= options.max_idle) return;
    conn->idle_since = std::chrono::steady_clock::now();
    idle.push_back(std::move(conn));
  }

  void open(const std::shared_ptr<exchange>& x) {
    x->conn = where.tls ? std::make_shared<connection>(io, tls) : std::make_shared<connection>(io);
    auto resolver = std::make_shared<tcp::resolver>(io);
    resolver->async_resolve(
        where.host, std::to_string(where.port),
        [self = shared_from_this(), x, resolver](beast::error_code ec,
                                                 const tcp::resolver::results_type& found) {
          if (ec)
            return self->fail(x, transport_error::connect_failed,
                              "cannot resolve " + self->where.host + ": " + ec.message());
          x->conn->tcp().expires_at(x->deadline);
          x->conn->tcp().async_connect(
              found, [self, x](beast::error_code ec, const tcp::endpoint&) {
                if (ec)
                  return self->fail(x, self->classify(ec, transport_error::connect_failed),
                                    "cannot connect: " + ec.message());
                if (!self->where.tls) return self->write(x);
                self->handshake(x);
              });
        });
  }

  void handshake(const std::shared_ptr<exchange>& x) {
    auto& stream = std::get<beast::ssl_stream<beast::tcp_stream>>(x->conn->stream);
    SSL* ssl_handle = stream.native_handle();
    // SNI, and the name the certificate must carry.
    if (!SSL_set_tlsext_host_name(ssl_handle, where.host.c_str()) ||
        !SSL_set1_host(ssl_handle, where.host.c_str()))
      return fail(x, transport_error::tls_failed, "cannot set the TLS host name");
    x->conn->tcp().expires_at(x->deadline);
    stream.async_handshake(
        ssl::stream_base::client, [self = shared_from_this(), x](beast::error_code ec) {
          if (ec) {
            auto& s = std::get<beast::ssl_stream<beast::tcp_stream>>(x->conn->stream);
            const long verify = SSL_get_verify_result(s.native_handle());
            std::string why = "TLS handshake failed: " + ec.message();
            if (verify != X509_V_OK)
              why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
            return self->fail(x, self->classify(ec, transport_error::tls_failed), why);
          }
          self->write(x);
        });
  }

  void write(std::shared_ptr<exchange> x) {
    x->conn->tcp().expires_at(x->deadline);
    std::visit(
        [&](auto& stream) {
          bhttp::async_write(stream, x->request,
                             [self = shared_from_this(), x](beast::error_code ec, std::size_t) {
                               if (ec) return self->lost(x, ec);
                               self->read(x);
                             });
        },
        x->conn->stream);
  }

  void read(std::shared_ptr<exchange> x) {
    x->parser.emplace();
    x->parser->body_limit(options.max_response_bytes);
    std::visit(
        [&](auto& stream) {
          bhttp::async_read(stream, x->conn->buffer, *x->parser,
                            [self = shared_from_this(), x](beast::error_code ec, std::size_t) {
                              if (ec) return self->lost(x, ec);
                              self->finish(x);
                            });
        },
        x->conn->stream);
  }

  void finish(const std::shared_ptr<exchange>& x) {
    auto res = x->parser->release();
    client_response out;
    out.status = res.result_int();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers.emplace_back(std::move(name), std::string(field.value()));
    }
    out.body = std::move(res.body());
    if (res.keep_alive()) {
      x->conn->tcp().expires_never();
      give_back(std::move(x->conn));
    }
    complete(x, client_result{std::move(out), transport_error::none, ""});
  }

  // A pooled connection the server had closed fails before any answer: safe to try once more
  // on a new connection for a GET; anything else may have reached the server.
  void lost(std::shared_ptr<exchange> x, beast::error_code ec) {
    const bool nothing_read = !x->parser || !x->parser->got_some();
    if (x->reused && !x->retried && nothing_read && ec != beast::error::timeout &&
        x->request.method() == bhttp::verb::get) {
      x->retried = true;
      x->reused = false;
      x->parser.reset();
      return open(std::move(x));
    }
    fail(x, classify(ec, transport_error::connection_lost), "connection lost: " + ec.message());
  }

  transport_error classify(beast::error_code ec, transport_error otherwise) const {
    return ec == beast::error::timeout ? transport_error::timed_out : otherwise;
  }

  void fail(const std::shared_ptr<exchange>& x, transport_error error, std::string detail) {
    if (x->conn) {
      beast::error_code ignored;
      x->conn->tcp().socket().close(ignored);
    }
    complete(x, client_result{std::nullopt, error, std::move(detail)});
  }

  net::io_context& io;
  origin where;
  client_options options;
  ssl::context tls;
  std::mutex mutex;
  std::vector<std::shared_ptr<connection>> idle;
  // Touched on the runtime's (single) I/O thread only.
  std::size_t active = 0;
  std::deque<std::shared_ptr<exchange>> queued;
};

client::client(client_runtime& runtime, origin where, client_options options)
    : impl_(std::make_shared<impl>(runtime.get().io, std::move(where), std::move(options))) {}

client::~client() = default;

void client::send(std::string method, std::string target, header_fields headers, std::string body,
                  std::chrono::steady_clock::time_point deadline, callback done) {
  auto x = std::make_shared<impl::exchange>();
  x->request = bhttp::request<bhttp::string_body>{bhttp::string_to_verb(method), target, 11};
  const bool default_port = impl_->where.port == (impl_->where.tls ? 443 : 80);
  x->request.set(bhttp::field::host,
                 default_port ? impl_->where.host
                              : impl_->where.host + ":" + std::to_string(impl_->where.port));
  for (auto& [name, value] : headers) x->request.set(name, value);
  x->request.keep_alive(true);
  if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") {
    x->request.body() = std::move(body);
    x->request.prepare_payload();
  }
  x->deadline = deadline;
  x->done = std::move(done);
  net::post(impl_->io, [self = impl_, x] { self->admit(x); });
}

}  // namespace frontdesk::http
