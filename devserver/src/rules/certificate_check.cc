// Every OpenSSL object lives in a unique_ptr with its free function, and the
// thread's OpenSSL error queue is emptied before returning, so one bad upload
// leaves nothing behind for the next request on the same worker thread.
//
// Every PEM read passes a password callback that refuses. Without one,
// OpenSSL's default callback would prompt on the controlling terminal for the
// passphrase of an encrypted key, and a server must never block on that.
#include "rules/certificate_check.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <climits>
#include <ctime>
#include <memory>

namespace errcontract::internal {
namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using NamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES, GENERAL_NAMES_free>>;

void free_openssl_string(char* p) { OPENSSL_free(p); }
void free_openssl_bytes(unsigned char* p) { OPENSSL_free(p); }
using OsslString = std::unique_ptr<char, Deleter<char, free_openssl_string>>;
using OsslBytes = std::unique_ptr<unsigned char, Deleter<unsigned char, free_openssl_bytes>>;

// Empties this thread's OpenSSL error queue when the check is over.
struct ErrorQueueGuard {
  ErrorQueueGuard() { ERR_clear_error(); }
  ~ErrorQueueGuard() { ERR_clear_error(); }
  ErrorQueueGuard(const ErrorQueueGuard&) = delete;
  ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
};

// The passphrase callback: records that a passphrase was asked for and
// refuses, so OpenSSL gives up on the key instead of prompting.
int refuse_passphrase(char* /*buf*/, int /*size*/, int /*rwflag*/, void* asked) {
  if (asked != nullptr) *static_cast<bool*>(asked) = true;
  return -1;
}

BioPtr memory_bio(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return nullptr;
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

// OpenSSL's reason for the most recent error, or `fallback`.
std::string openssl_reason(const char* fallback) {
  const unsigned long error = ERR_peek_last_error();
  const char* reason = error == 0 ? nullptr : ERR_reason_error_string(error);
  return reason != nullptr ? std::string(reason) : std::string(fallback);
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

std::string hex(const unsigned char* data, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

std::int64_t unix_time(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string asn1_text(const ASN1_STRING* value) {
  if (value == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(value);
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<std::size_t>(ASN1_STRING_length(value)));
}

std::string common_name_of(X509* certificate) {
  X509_NAME* subject = X509_get_subject_name(certificate);
  const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (index < 0) return {};
  unsigned char* utf8 = nullptr;
  const int length =
      ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
  OsslBytes owned(utf8);
  if (length < 0) return {};
  return std::string(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
}

std::vector<std::string> dns_names_of(X509* certificate) {
  std::vector<std::string> out;
  NamesPtr names(static_cast<GENERAL_NAMES*>(
      X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
  if (!names) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
    if (name->type == GEN_DNS) out.push_back(asn1_text(name->d.dNSName));
  }
  return out;
}

std::string serial_of(X509* certificate) {
  BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr));
  if (!number) return {};
  OsslString text(BN_bn2hex(number.get()));
  return text ? std::string(text.get()) : std::string();
}

CertificateInfo describe(X509* leaf) {
  CertificateInfo info;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(leaf, EVP_sha256(), digest, &length) == 1) info.fingerprint = hex(digest, length);
  info.common_name = common_name_of(leaf);
  info.dns_names = dns_names_of(leaf);
  info.serial = serial_of(leaf);
  info.not_before = unix_time(X509_get0_notBefore(leaf));
  info.not_after = unix_time(X509_get0_notAfter(leaf));
  return info;
}

// The first certificate of `pem`; the rest of the text must hold only
// certificates that decode. Null with `detail` set otherwise.
X509Ptr read_leaf(std::string_view pem, std::size_t& chain_length, std::string& detail) {
  BioPtr bio = memory_bio(pem);
  if (!bio) {
    detail = "certificate too large";
    return nullptr;
  }
  bool asked = false;
  X509Ptr leaf(PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, &asked));
  if (!leaf) {
    detail = "certificate: " + openssl_reason("no PEM certificate");
    return nullptr;
  }
  chain_length = 1;
  for (;;) {
    ERR_clear_error();
    X509Ptr next(PEM_read_bio_X509(bio.get(), nullptr, refuse_passphrase, &asked));
    if (next) {
      ++chain_length;
      continue;
    }
    const unsigned long error = ERR_peek_last_error();
    if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE) break;
    detail = "chain certificate " + std::to_string(chain_length + 1) + ": " +
             openssl_reason("does not decode");
    return nullptr;
  }
  return leaf;
}

}  // namespace

CertificateCheck check_certificate_and_key(std::string_view certificate_pem,
                                           std::string_view key_pem) {
  ErrorQueueGuard guard;
  CertificateCheck check;
  std::size_t chain_length = 0;
  X509Ptr leaf = read_leaf(certificate_pem, chain_length, check.detail);
  if (!leaf) {
    check.problem = PemProblem::kBadCertificate;
    return check;
  }
  check.info = describe(leaf.get());
  check.info.chain_length = chain_length;

  // Both PEM forms of an encrypted key announce themselves in the text; the
  // callback catches any other form that asks for a passphrase.
  if (contains(key_pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
      contains(key_pem, "Proc-Type: 4,ENCRYPTED")) {
    check.problem = PemProblem::kEncryptedKey;
    check.detail = "private key: encrypted PEM";
    return check;
  }
  BioPtr bio = memory_bio(key_pem);
  bool asked = false;
  PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_passphrase, &asked)
                  : nullptr);
  if (!key) {
    check.problem = asked ? PemProblem::kEncryptedKey : PemProblem::kBadKey;
    check.detail = asked ? "private key: a passphrase was asked for"
                         : "private key: " + openssl_reason("no PEM private key");
    return check;
  }
  if (X509_check_private_key(leaf.get(), key.get()) != 1) {
    check.problem = PemProblem::kKeyMismatch;
    check.detail = "private key: " + openssl_reason("does not match the certificate");
  }
  return check;
}

bool certificate_names_host(std::string_view certificate_pem, std::string_view host) {
  ErrorQueueGuard guard;
  std::size_t chain_length = 0;
  std::string detail;
  X509Ptr leaf = read_leaf(certificate_pem, chain_length, detail);
  if (!leaf || host.empty()) return false;
  if (host.substr(0, 2) != "*.") {
    return X509_check_host(leaf.get(), host.data(), host.size(),
                           X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, nullptr) == 1;
  }
  // X509_check_host takes a host name, not a pattern: compare wildcards as
  // names, case-insensitively, against the names it would have consulted.
  std::vector<std::string> names = dns_names_of(leaf.get());
  if (names.empty()) names.push_back(common_name_of(leaf.get()));
  for (const std::string& name : names) {
    if (name.size() != host.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < name.size() && same; ++i) {
      same = std::tolower(static_cast<unsigned char>(name[i])) ==
             std::tolower(static_cast<unsigned char>(host[i]));
    }
    if (same) return true;
  }
  return false;
}

}  // namespace errcontract::internal
