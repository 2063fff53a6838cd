// Reads an uploaded certificate and private key with OpenSSL, the way the
// HTTPS certificate endpoints (module 217) judge them: a certificate that does
// not parse, a key that does not parse, a key protected by a password (never
// prompted for) and a key that belongs to another certificate each come back
// as their own problem. No OpenSSL type crosses this header.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace errcontract::internal {

enum class PemProblem {
  kNone,
  kBadCertificate,  // 21703: no PEM certificate, or one that does not decode
  kBadKey,          // 21710: no PEM private key, or one that does not decode
  kEncryptedKey,    // 21712: an encrypted key (PKCS#8 or "Proc-Type: 4,ENCRYPTED")
  kKeyMismatch,     // 21709: the key is not the certificate's
};

struct CertificateInfo {
  std::string fingerprint;             // SHA-256 of the leaf's DER, lower-case hex
  std::string common_name;             // the subject's CN; empty when it has none
  std::vector<std::string> dns_names;  // the subjectAltName DNS entries, in order
  std::string serial;                  // upper-case hex, as OpenSSL prints it
  std::int64_t not_before = 0;         // Unix seconds
  std::int64_t not_after = 0;
  std::size_t chain_length = 0;  // certificates in the upload: the leaf, then its chain
};

struct CertificateCheck {
  PemProblem problem = PemProblem::kNone;
  std::string detail;    // why, in words (OpenSSL's reason where it gave one)
  CertificateInfo info;  // filled when the certificate parsed
};

// Checks, in this order: the certificate (the first PEM CERTIFICATE block is
// the leaf; every further block must decode too), the key (encrypted, then
// malformed), then that the key is the leaf's. Text outside PEM blocks is
// ignored, as OpenSSL's PEM reader does.
CertificateCheck check_certificate_and_key(std::string_view certificate_pem,
                                           std::string_view key_pem);

// Whether the leaf of `certificate_pem` names `host`: X509_check_host, so the
// DNS subjectAltNames decide (the CN only when there are none) and a wildcard
// covers exactly one left-most label. A wildcard `host` ("*.example.com") is
// covered only by the same wildcard among those names. False when the
// certificate does not parse.
bool certificate_names_host(std::string_view certificate_pem, std::string_view host);

}  // namespace errcontract::internal
