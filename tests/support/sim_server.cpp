#include "support/sim_server.hpp"

namespace frontdesk::test_support {

sim_server::sim_server(sim::scenario data, sim::sim_options options)
    : simulator_(std::make_unique<sim::simulator>(std::move(data), std::move(options))) {
  http::server_options server_options;
  server_options.port = 0;
  server_options.server_name = "cliniko-sim";
  server_options.reply_timeout = std::chrono::minutes{5};
  server_options.max_body_bytes = 1 << 20;
  http::router routes{{{"GET", "/v1/*", http::access::open, false},
                       {"POST", "/v1/*", http::access::open, false},
                       {"PATCH", "/v1/*", http::access::open, false}}};
  server_ = std::make_unique<http::server>(server_options, std::move(routes), http::api_key_set{{}},
                                           [this](http_request request, reply_sink_ptr sink) {
                                             simulator_->handle(request, std::move(sink));
                                           });
  port_ = server_->start();
}

sim_server::~sim_server() {
  server_->shutdown(std::chrono::milliseconds{200});
}

http_response sim_server::ask(const std::string& method, const std::string& path,
                              const std::string& query, const std::string& body) {
  http_request r;
  r.method = method;
  r.path = "/v1" + path;
  r.query = query;
  r.raw_body = body;
  r.headers = {{"authorization", "Basic ZGVtby1jbGluaWtvLWtleTo="},  // demo-cliniko-key:
               {"user-agent", "frontdesk tests (dev@frontdesk.invalid)"},
               {"host", "x"},
               {"content-type", "application/json"}};
  return simulator_->answer(r, now());
}

std::string sim_server::base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

domain::instant now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace frontdesk::test_support
