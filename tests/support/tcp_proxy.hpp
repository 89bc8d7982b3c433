#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace frontdesk::test_support {

/// A TCP forwarder on 127.0.0.1 that a test can cut, as if the network to a server went away,
/// and restore. Runs on its own thread.
class tcp_proxy {
 public:
  tcp_proxy(std::string target_host, std::uint16_t target_port);
  ~tcp_proxy();

  std::uint16_t port() const;
  /// Closes every forwarded connection and refuses new ones until restore().
  void cut();
  void restore();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace frontdesk::test_support
