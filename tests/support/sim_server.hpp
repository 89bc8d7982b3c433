#pragma once

#include <memory>
#include <string>

#include "http/server.hpp"
#include "sim/simulator.hpp"

namespace frontdesk::test_support {

/// The Cliniko simulator served over real HTTP on a free loopback port, inside the test.
class sim_server {
 public:
  explicit sim_server(sim::scenario data, sim::sim_options options = {});
  ~sim_server();

  /// "http://127.0.0.1:PORT/v1"
  std::string base_url() const;
  std::uint16_t port() const { return port_; }
  sim::simulator& simulator() { return *simulator_; }

  /// Asks the simulator directly, as the demo clinic's key, outside frontdesk: the truth tests
  /// check frontdesk's answers against. `path` is under /v1 ("/patients").
  http_response ask(const std::string& method, const std::string& path,
                    const std::string& query = "", const std::string& body = "");

 private:
  std::unique_ptr<sim::simulator> simulator_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
};

/// The current time, as the simulator takes it.
domain::instant now();

}  // namespace frontdesk::test_support
