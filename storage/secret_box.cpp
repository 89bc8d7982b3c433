#include "storage/secret_box.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>

namespace frontdesk::storage {
namespace {

constexpr unsigned char format_version = 0x01;
constexpr int nonce_size = 12;
constexpr int tag_size = 16;

using cipher_context = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

cipher_context new_context() {
  cipher_context ctx{EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free};
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string secret_box::seal(std::string_view plaintext, std::string_view context) const {
  std::string out(1 + nonce_size + plaintext.size() + tag_size, '\0');
  auto* data = reinterpret_cast<unsigned char*>(out.data());
  data[0] = format_version;
  unsigned char* nonce = data + 1;
  unsigned char* cipher = nonce + nonce_size;
  if (RAND_bytes(nonce, nonce_size) != 1) throw std::runtime_error("RAND_bytes failed");

  auto ctx = new_context();
  int length = 0;
  const bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), cipher, &length, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), cipher + length, &length) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tag_size, cipher + plaintext.size()) ==
          1;
  if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
  return out;
}

std::optional<std::string> secret_box::open(std::string_view sealed,
                                            std::string_view context) const {
  if (sealed.size() < 1 + nonce_size + tag_size ||
      static_cast<unsigned char>(sealed[0]) != format_version)
    return std::nullopt;
  const auto* nonce = bytes(sealed) + 1;
  const auto* cipher = nonce + nonce_size;
  const auto cipher_size = sealed.size() - 1 - nonce_size - tag_size;
  std::string plain(cipher_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  std::array<unsigned char, tag_size> tag{};
  std::copy(cipher + cipher_size, cipher + cipher_size + tag_size, tag.begin());

  auto ctx = new_context();
  int length = 0;
  const bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key_.data(), nonce) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(context),
                        static_cast<int>(context.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), out, &length, cipher, static_cast<int>(cipher_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tag_size, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), out + length, &length) == 1;
  if (!ok) return std::nullopt;
  return plain;
}

}  // namespace frontdesk::storage
