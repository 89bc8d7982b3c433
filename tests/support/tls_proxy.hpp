#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace frontdesk::test_support {

/// A throw-away certificate authority and a server certificate it signed for "localhost".
struct test_certificates {
  /// PEM of the authority (what a client must trust), also written to `ca_file`.
  std::string ca_pem;
  std::string ca_file;
  std::string server_cert_pem;
  std::string server_key_pem;
};

/// Makes a fresh authority and server certificate (EC P-256, valid for a day).
test_certificates make_test_certificates();

/// Terminates TLS on a loopback port with the given certificate and forwards the plain bytes to
/// 127.0.0.1:`target_port`: the simulator served over HTTPS.
class tls_proxy {
 public:
  tls_proxy(const test_certificates& certificates, std::uint16_t target_port);
  ~tls_proxy();
  std::uint16_t port() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace frontdesk::test_support
