// A fresh self-signed TLS certificate for 127.0.0.1 (P-256 key, valid for an
// hour), made in memory with OpenSSL, for test servers that speak HTTPS.
#pragma once

#include <string>

namespace errcontract::testing {

struct SelfSignedCertificatePem {
  std::string certificate;  // PEM "CERTIFICATE"; empty if OpenSSL failed
  std::string private_key;  // PEM "PRIVATE KEY"
};

SelfSignedCertificatePem make_self_signed_certificate();

}  // namespace errcontract::testing
