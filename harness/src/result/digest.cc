// SHA-256 from OpenSSL's EVP interface (the TLS transport links it already).
#include "result/digest.h"

#include <openssl/evp.h>

#include <cstdint>
#include <stdexcept>

#include "errcontract/catalog_export.h"

namespace errcontract::internal {

struct ContentDigest::State {
  EVP_MD_CTX* ctx = nullptr;
};

ContentDigest::ContentDigest() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: SHA-256 is not available");
  }
}

ContentDigest::~ContentDigest() { EVP_MD_CTX_free(state_->ctx); }

void ContentDigest::add(std::string_view name, std::string_view content) {
  // "name\0<length>\0content": no two part lists frame to the same bytes.
  const std::string frame = std::string(name) + '\0' + std::to_string(content.size()) + '\0';
  EVP_DigestUpdate(state_->ctx, frame.data(), frame.size());
  EVP_DigestUpdate(state_->ctx, content.data(), content.size());
}

std::string ContentDigest::finish() {
  unsigned char bytes[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_DigestFinal_ex(state_->ctx, bytes, &size);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

std::string catalog_digest(const Catalog& catalog) {
  ContentDigest digest;
  digest.add("catalog.json", export_catalog_json(catalog));
  return digest.finish();
}

}  // namespace errcontract::internal
