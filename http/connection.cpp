#include "http/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "domain/redact.hpp"
#include "http/json.hpp"
#include "http/request_meter.hpp"
#include "http/response.hpp"

namespace frontdesk::http {
namespace beast = boost::beast;
namespace net = boost::asio;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t header_limit = std::size_t{16} * 1024;

// Routes each answer back to the connection that asked, whichever thread delivers it. It holds
// the connection weakly (the reply timer keeps it alive while it waits), so a sink kept after its
// server is gone points at nothing rather than at a destroyed I/O context.
class connection_sink final : public reply_sink {
 public:
  connection_sink(std::weak_ptr<connection> conn, std::uint64_t id)
      : conn_(std::move(conn)), id_(id) {}
  void deliver(http_response response) override {
    if (auto conn = conn_.lock()) conn->post_reply(id_, std::move(response));
  }

 private:
  std::weak_ptr<connection> conn_;
  std::uint64_t id_;
};

// A parse error of the request itself, as opposed to the peer going away or timing out.
bool is_malformed_request(beast::error_code ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

std::uint64_t next_request_id() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

}  // namespace

connection::connection(net::ip::tcp::socket&& socket, std::shared_ptr<server_state> state)
    : stream_(std::move(socket)), state_(std::move(state)), reply_timer_(stream_.get_executor()) {
  ++state_->open;
}

connection::~connection() {
  --state_->open;
}

void connection::start() {
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
}

void connection::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stopping_ = true;
    if (!self->busy_) self->close();
  });
}

void connection::post_reply(std::uint64_t id, http_response response) {
  net::post(stream_.get_executor(),
            [self = shared_from_this(), id, response = std::move(response)]() mutable {
              self->on_reply(id, std::move(response));
            });
}

// Waiting for a new request is bounded by the idle timeout; once its first bytes are in, the
// whole request must arrive within the header timeout (slow senders are cut off).
void connection::wait_for_request() {
  if (stopping_ || state_->stopping) return close();
  if (buffer_.size() > 0) return read_request();  // a pipelined request is already here
  stream_.expires_after(state_->options.idle_timeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                            if (ec) return self->close();
                            self->buffer_.commit(n);
                            self->read_request();
                          });
}

// The header first: the route it names sets how large a body may follow (a webhook carrying a
// call's audio takes megabytes, a tool call a few hundred bytes).
constexpr std::size_t json_padding = 64;  // simdjson::SIMDJSON_PADDING

void connection::read_request() {
  parser_.emplace();
  body_limit_ = state_->options.max_body_bytes;
  parser_->body_limit(body_limit_);
  parser_->header_limit(header_limit);
  stream_.expires_after(state_->options.header_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void connection::on_header(beast::error_code ec) {
  if (ec) return on_read(ec);
  const auto& header = parser_->get();
  const std::string_view target = header.target();
  const auto match =
      state_->routes.find(header.method_string(), target.substr(0, target.find('?')));
  if (match.found && match.found->max_body_bytes > 0) {
    body_limit_ = match.found->max_body_bytes;
    parser_->body_limit(body_limit_);
  }
  // Room for the JSON parser's padding too, so a large body is never copied to be parsed.
  if (const auto length = parser_->content_length(); length && *length <= body_limit_)
    parser_->get().body().reserve(static_cast<std::size_t>(*length) + json_padding);
  // A sender that asked to be told to go on (curl does, for large bodies) is told at once.
  if (beast::iequals(header[bhttp::field::expect], "100-continue") && !parser_->is_done()) {
    static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    return net::async_write(stream_, net::buffer(go_on.data(), go_on.size()),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->read_body();
                            });
  }
  read_body();
}

void connection::read_body() {
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void connection::on_read(beast::error_code ec) {
  stream_.expires_never();
  if (!ec) {
    auto req = parser_->release();
    return handle(req);
  }
  current_ = in_flight{};
  current_.id = next_request_id();
  current_.method = current_.path = "-";
  current_.started = std::chrono::steady_clock::now();
  if (ec == bhttp::error::body_limit)
    return respond(error_response(
        413, "body_too_large",
        "The request body is larger than " + std::to_string(body_limit_) + " bytes."));
  if (ec == bhttp::error::header_limit)
    return respond(error_response(431, "headers_too_large", "The request headers are too large."));
  if (is_malformed_request(ec))
    return respond(error_response(400, "bad_request", "The request is not valid HTTP/1.1."));
  close();  // end of stream, timeout or reset: nobody to answer
}

void connection::handle(request& req) {
  const std::string_view target = req.target();
  const auto question = target.find('?');
  current_ = in_flight{};
  current_.id = next_request_id();
  current_.method = std::string(req.method_string());

  current_.path = std::string(target.substr(0, question));
  current_.version = req.version();
  current_.keep_alive = req.keep_alive();
  current_.started = std::chrono::steady_clock::now();
  if (req.method() == bhttp::verb::options) return respond({204, ""});  // CORS preflight

  const auto match = state_->routes.find(current_.method, current_.path);
  if (match.found)
    current_.route = static_cast<std::size_t>(match.found - state_->routes.routes().data());
  if (!match.found) {
    if (match.path_known)
      return respond(error_response(405, "method_not_allowed",
                                    "This endpoint does not answer " + current_.method + "."));
    return respond(
        error_response(404, "not_found", "There is no endpoint at " + current_.path + "."));
  }
  if (match.found->who == access::api_key && !state_->options.auth_disabled &&
      !state_->keys.accepts(req["x-api-key"]))
    return respond(error_response(401, "unauthorized", "A valid x-api-key header is required."));

  http_request message;
  {
    boost::system::error_code ec;
    const auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) message.peer = remote.address().to_string();
  }
  message.method = current_.method;
  message.path = current_.path;
  message.route = current_.route;
  if (question != std::string_view::npos) message.query = std::string(target.substr(question + 1));
  message.received_at = current_.started;
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    message.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  if (match.found->json_body) {
    auto body = parse_json(req.body());
    if (!body || !body->is_object())
      return respond(
          error_response(400, "invalid_json", "The request body must be a JSON object."));
    message.body = std::move(*body);
  }
  message.raw_body = std::move(req.body());
  dispatch(std::move(message));
}

void connection::dispatch(http_request message) {
  if (++state_->in_flight > state_->options.max_in_flight) {
    --state_->in_flight;
    return respond(error_response(
        429, "overloaded", "The line is very busy right now. Please try again in a moment."));
  }
  busy_ = true;
  const auto id = current_.id;
  reply_timer_.expires_after(state_->options.reply_timeout);
  reply_timer_.async_wait([self = shared_from_this(), id](beast::error_code ec) {
    if (!ec) self->on_reply(id, self->state_->options.timeout_reply);
  });
  state_->handler(std::move(message), std::make_shared<connection_sink>(weak_from_this(), id));
}

void connection::on_reply(std::uint64_t id, http_response response) {
  if (!busy_ || id != current_.id) return;  // answered already (the reply timer won the race)
  busy_ = false;
  --state_->in_flight;
  reply_timer_.cancel();
  respond(std::move(response));
}

void connection::log_request(unsigned status) const {
  const auto elapsed = std::chrono::steady_clock::now() - current_.started;
  if (state_->options.meter) state_->options.meter->observe(current_.route, status, elapsed);
  // The line's arguments cost more than the call's own work: made only when it is written.
  if (!spdlog::should_log(spdlog::level::info)) return;
  spdlog::info("{} {} {} {:.3f}ms session={}", current_.method,
               domain::redact_phones(current_.path), status,
               std::chrono::duration<double, std::milli>(elapsed).count(),
               current_.session_id.empty() ? "-" : current_.session_id);
}

void connection::respond(http_response response) {
  current_.session_id = std::move(response.session_id);
  log_request(response.drop ? 0 : response.status);
  if (response.drop) return close();
  const bool keep_alive = current_.keep_alive && !stopping_ && !state_->stopping;
  auto res = std::make_shared<bhttp::response<bhttp::string_body>>(
      static_cast<bhttp::status>(response.status), current_.version);
  res->set(bhttp::field::server, state_->options.server_name);
  if (!state_->options.node_name.empty()) res->set("X-Frontdesk-Node", state_->options.node_name);
  res->set(bhttp::field::access_control_allow_origin, "*");
  res->set(bhttp::field::access_control_allow_headers, "content-type, x-api-key");
  res->set(bhttp::field::access_control_allow_methods, "GET, POST, PATCH, OPTIONS");
  res->set(bhttp::field::cache_control, "no-store");
  if (!response.body.empty()) res->set(bhttp::field::content_type, response.content_type);
  // Cookies are each their own header; any other header given replaces the default.
  for (const auto& [name, value] : response.headers)
    name == "set-cookie" ? res->insert(name, value) : res->set(name, value);
  res->body() = std::move(response.body);
  res->keep_alive(keep_alive);
  res->prepare_payload();

  stream_.expires_after(state_->options.header_timeout);
  bhttp::async_write(stream_, *res,
                     [self = shared_from_this(), res, keep_alive](
                         beast::error_code ec, std::size_t) { self->on_write(!keep_alive, ec); });
}

void connection::on_write(bool close_after, beast::error_code ec) {
  if (ec) return close();
  if (close_after) return drain_and_close();
  wait_for_request();
}

// Closing with unread bytes in the socket makes the kernel send a reset, which can destroy the
// answer we just wrote (a 413 before its body was read); read what is left for a moment first.
void connection::drain_and_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(1s);
  drain();
}

void connection::drain() {
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(std::size_t{16} * 1024),
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                            if (ec) return self->close();
                            self->drain();
                          });
}

void connection::close() {
  beast::error_code ignored;
  reply_timer_.cancel();
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.close();
}

}  // namespace frontdesk::http
