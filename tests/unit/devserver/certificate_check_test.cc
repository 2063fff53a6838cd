// OpenSSL-backed judgement of uploaded certificates and keys, on the files
// shipped in cases/certs/: each problem is told apart from the others, the
// order of checks holds, and host names are matched as X509_check_host does.
#include "rules/certificate_check.h"

#include <gtest/gtest.h>
#include <openssl/err.h>

#include "cert_files.h"

namespace errcontract::internal {
namespace {

using errcontract::testing::cert_file;

CertificateCheck check(const std::string& cert, const std::string& key) {
  return check_certificate_and_key(cert_file(cert), cert_file(key));
}

TEST(CertificateCheck, AcceptsMatchingPairAndDescribesIt) {
  const CertificateCheck c = check("site.crt", "site.key");
  ASSERT_EQ(c.problem, PemProblem::kNone) << c.detail;
  EXPECT_EQ(c.info.common_name, "site.errcontract.test");
  EXPECT_EQ(c.info.dns_names,
            (std::vector<std::string>{"site.errcontract.test", "*.site.errcontract.test"}));
  // openssl x509 -in cases/certs/site.crt -noout -fingerprint -sha256 -serial
  EXPECT_EQ(c.info.fingerprint, "cddd19d39c8a9e9cabb834c3fa52a86307b82669d71fa359a6bd74805c8d7342");
  EXPECT_EQ(c.info.serial, "3455041E4D83BFCD7499FB1F58A40E79DB8A7D8E");
  EXPECT_EQ(c.info.not_after - c.info.not_before, 36500LL * 24 * 60 * 60);
  EXPECT_EQ(c.info.chain_length, 1u);
}

TEST(CertificateCheck, AcceptsChainAndDescribesTheLeaf) {
  const CertificateCheck c = check_certificate_and_key(cert_file("site.crt") + cert_file("dup.crt"),
                                                       cert_file("site.key"));
  ASSERT_EQ(c.problem, PemProblem::kNone) << c.detail;
  EXPECT_EQ(c.info.chain_length, 2u);
  EXPECT_EQ(c.info.common_name, "site.errcontract.test");
}

TEST(CertificateCheck, MalformedCertificateIsBadCertificate) {
  const CertificateCheck c = check("malformed.crt", "site.key");
  EXPECT_EQ(c.problem, PemProblem::kBadCertificate);
  EXPECT_EQ(c.detail.rfind("certificate: ", 0), 0u) << c.detail;
}

TEST(CertificateCheck, KeyOrNothingInCertificateFieldIsBadCertificate) {
  EXPECT_EQ(check("site.key", "site.key").problem, PemProblem::kBadCertificate);
  EXPECT_EQ(check_certificate_and_key("", cert_file("site.key")).problem,
            PemProblem::kBadCertificate);
  EXPECT_EQ(check_certificate_and_key("MIIB not pem", cert_file("site.key")).problem,
            PemProblem::kBadCertificate);
}

TEST(CertificateCheck, BrokenChainCertificateIsBadCertificate) {
  const CertificateCheck c = check_certificate_and_key(
      cert_file("site.crt") + cert_file("malformed.crt"), cert_file("site.key"));
  EXPECT_EQ(c.problem, PemProblem::kBadCertificate);
  EXPECT_EQ(c.detail.rfind("chain certificate 2: ", 0), 0u) << c.detail;
}

TEST(CertificateCheck, MalformedKeyIsBadKey) {
  EXPECT_EQ(check("site.crt", "malformed.key").problem, PemProblem::kBadKey);
  EXPECT_EQ(check("site.crt", "site.crt").problem, PemProblem::kBadKey);
  EXPECT_EQ(check_certificate_and_key(cert_file("site.crt"), "key").problem, PemProblem::kBadKey);
}

TEST(CertificateCheck, EncryptedKeysAreRefusedWithoutPrompting) {
  const CertificateCheck pkcs8 = check("site.crt", "site.pkcs8-encrypted.key");
  EXPECT_EQ(pkcs8.problem, PemProblem::kEncryptedKey);
  EXPECT_EQ(check("site.crt", "site.legacy-encrypted.key").problem, PemProblem::kEncryptedKey);
}

TEST(CertificateCheck, KeyOfAnotherPairIsMismatch) {
  EXPECT_EQ(check("site.crt", "other.key").problem, PemProblem::kKeyMismatch);
  EXPECT_EQ(check("site.crt", "dup.key").problem, PemProblem::kKeyMismatch);
  EXPECT_EQ(check("dup.crt", "dup.key").problem, PemProblem::kNone);
}

TEST(CertificateCheck, CertificateIsJudgedBeforeKeyAndEncryptionBeforeMatch) {
  EXPECT_EQ(check("malformed.crt", "site.pkcs8-encrypted.key").problem,
            PemProblem::kBadCertificate);
  EXPECT_EQ(check("dup.crt", "site.legacy-encrypted.key").problem, PemProblem::kEncryptedKey);
}

TEST(CertificateCheck, LeavesNoOpenSslErrorBehind) {
  EXPECT_EQ(check("malformed.crt", "site.key").problem, PemProblem::kBadCertificate);
  EXPECT_EQ(ERR_peek_error(), 0u);
  EXPECT_EQ(check("site.crt", "other.key").problem, PemProblem::kKeyMismatch);
  EXPECT_EQ(ERR_peek_error(), 0u);
}

TEST(CertificateNamesHost, ExactAndOneLabelWildcard) {
  const std::string pem = cert_file("site.crt");
  EXPECT_TRUE(certificate_names_host(pem, "site.errcontract.test"));
  EXPECT_TRUE(certificate_names_host(pem, "www.site.errcontract.test"));
  EXPECT_TRUE(certificate_names_host(pem, "WWW.Site.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, "a.b.site.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, "othersite.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, "site.errcontract.test.example.com"));
  EXPECT_FALSE(certificate_names_host(pem, "dup.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, ""));
}

TEST(CertificateNamesHost, WildcardHostNeedsTheSameWildcard) {
  const std::string pem = cert_file("site.crt");
  EXPECT_TRUE(certificate_names_host(pem, "*.site.errcontract.test"));
  EXPECT_TRUE(certificate_names_host(pem, "*.SITE.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, "*.errcontract.test"));
  EXPECT_FALSE(certificate_names_host(pem, "*.www.site.errcontract.test"));
}

TEST(CertificateNamesHost, UnparsableCertificateNamesNothing) {
  EXPECT_FALSE(certificate_names_host(cert_file("malformed.crt"), "site.errcontract.test"));
}

}  // namespace
}  // namespace errcontract::internal
