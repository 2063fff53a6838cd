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

// A private CA and a server certificate it issued for 127.0.0.1: what a
// staging deployment behind an internal CA looks like (--ca-file CA).
struct PrivateCaPem {
  std::string ca_certificate;      // PEM; empty if OpenSSL failed
  std::string server_certificate;  // issued by the CA for IP:127.0.0.1 and DNS:localhost
  std::string server_key;
};

PrivateCaPem make_private_ca();

}  // namespace errcontract::testing
