#include "support/tls_proxy.hpp"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace frontdesk::test_support {
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;

namespace {

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("OpenSSL: ") + what + " failed");
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (!ext) throw std::runtime_error(std::string("OpenSSL: extension ") + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509* make_certificate(EVP_PKEY* key, EVP_PKEY* signer, X509* issuer, const char* common_name,
                       bool authority, long serial) {
  X509* cert = X509_new();
  check(X509_set_version(cert, 2), "X509_set_version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 24 * 3600);
  check(X509_set_pubkey(cert, key), "X509_set_pubkey");
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  check(X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer) : name),
        "X509_set_issuer_name");
  X509* signer_cert = issuer ? issuer : cert;
  add_extension(cert, signer_cert, NID_basic_constraints,
                authority ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(
      cert, signer_cert, NID_key_usage,
      authority ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment");
  add_extension(cert, signer_cert, NID_subject_key_identifier, "hash");
  if (!authority) add_extension(cert, signer_cert, NID_subject_alt_name, "DNS:localhost");
  if (!X509_sign(cert, signer, EVP_sha256())) throw std::runtime_error("OpenSSL: X509_sign failed");
  return cert;
}

template <class Write>
std::string pem(Write write) {
  BIO* bio = BIO_new(BIO_s_mem());
  write(bio);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return out;
}

// One TLS client, relayed to the plain server.
struct relay : std::enable_shared_from_this<relay> {
  relay(tcp::socket socket, ssl::context& tls)
      : client(std::move(socket), tls), server(client.get_executor()) {}

  void start(tcp::endpoint target) {
    client.async_handshake(ssl::stream_base::server, [self = shared_from_this(),
                                                      target](boost::system::error_code ec) {
      if (ec) return;  // the client refused our certificate, as it may
      self->server.async_connect(target, [self](boost::system::error_code ec) {
        if (ec) return;
        self->up();
        self->down();
      });
    });
  }

  void up() {
    client.async_read_some(net::buffer(upstream), [self = shared_from_this()](
                                                      boost::system::error_code ec, std::size_t n) {
      if (ec) return self->close();
      net::async_write(self->server, net::buffer(self->upstream.data(), n),
                       [self](boost::system::error_code ec, std::size_t) {
                         if (ec) return self->close();
                         self->up();
                       });
    });
  }

  void down() {
    server.async_read_some(
        net::buffer(downstream),
        [self = shared_from_this()](boost::system::error_code ec, std::size_t n) {
          if (ec) return self->close();
          net::async_write(self->client, net::buffer(self->downstream.data(), n),
                           [self](boost::system::error_code ec, std::size_t) {
                             if (ec) return self->close();
                             self->down();
                           });
        });
  }

  void close() {
    boost::system::error_code ignored;
    client.lowest_layer().close(ignored);
    server.close(ignored);
  }

  ssl::stream<tcp::socket> client;
  tcp::socket server;
  std::array<char, 16384> upstream{}, downstream{};
};

}  // namespace

test_certificates make_test_certificates() {
  EVP_PKEY* ca_key = EVP_EC_gen("P-256");
  EVP_PKEY* server_key = EVP_EC_gen("P-256");
  if (!ca_key || !server_key) throw std::runtime_error("OpenSSL: EVP_EC_gen failed");
  X509* ca = make_certificate(ca_key, ca_key, nullptr, "frontdesk test CA", true, 1);
  X509* server = make_certificate(server_key, ca_key, ca, "localhost", false, 2);
  test_certificates out;
  out.ca_pem = pem([&](BIO* b) { PEM_write_bio_X509(b, ca); });
  out.server_cert_pem = pem([&](BIO* b) { PEM_write_bio_X509(b, server); });
  out.server_key_pem = pem([&](BIO* b) {
    PEM_write_bio_PrivateKey(b, server_key, nullptr, nullptr, 0, nullptr, nullptr);
  });
  X509_free(server);
  X509_free(ca);
  EVP_PKEY_free(server_key);
  EVP_PKEY_free(ca_key);
  static int counter = 0;
  out.ca_file = "/tmp/frontdesk-test-ca-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++) + ".pem";
  std::ofstream(out.ca_file) << out.ca_pem;
  return out;
}

struct tls_proxy::impl {
  impl(const test_certificates& certs, std::uint16_t target_port)
      : tls(ssl::context::tls_server),
        acceptor(io, tcp::endpoint{net::ip::make_address("127.0.0.1"), 0}),
        target(net::ip::make_address("127.0.0.1"), target_port) {
    tls.use_certificate_chain(net::buffer(certs.server_cert_pem));
    tls.use_private_key(net::buffer(certs.server_key_pem), ssl::context::pem);
    accept();
    thread = std::thread([this] { io.run(); });
  }

  void accept() {
    acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
      if (ec) return;
      std::make_shared<relay>(std::move(socket), tls)->start(target);
      accept();
    });
  }

  net::io_context io;
  ssl::context tls;
  tcp::acceptor acceptor;
  tcp::endpoint target;
  std::thread thread;
};

tls_proxy::tls_proxy(const test_certificates& certificates, std::uint16_t target_port)
    : impl_(std::make_unique<impl>(certificates, target_port)) {}

tls_proxy::~tls_proxy() {
  net::post(impl_->io, [this] { impl_->acceptor.close(); });
  impl_->io.stop();
  impl_->thread.join();
}

std::uint16_t tls_proxy::port() const {
  return impl_->acceptor.local_endpoint().port();
}

}  // namespace frontdesk::test_support
