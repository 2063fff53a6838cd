// HTTPS certificate rules of the reference server (codes 21701-21712) through
// handle(): uploads parsed by OpenSSL, certificates owned per account, domain
// ownership and names, the service lapsing on the ManualClock, and the two
// fixture accounts (lapsed service, broken conversion backend).
#include <gtest/gtest.h>

#include "cert_files.h"
#include "devserver_support.h"

namespace errcontract::testing {
namespace {

constexpr char kSite[] = "site.errcontract.test";

Form upload_form(const std::string& cert, const std::string& key) {
  return {{"certificate", cert_file(cert)}, {"private_key", cert_file(key)}};
}

// The certificate_id of a successful upload's body; "" otherwise.
std::string certificate_id(const HttpResponse& r) {
  constexpr std::string_view kKey = "\"certificate_id\":\"";
  const std::size_t at = r.body.find(kKey);
  if (at == std::string::npos) return {};
  const std::size_t start = at + kKey.size();
  return r.body.substr(start, r.body.find('"', start) - start);
}

class HttpsApi : public DevApi {
 public:
  // Uploads `cert`/`key` for the account of `token`; asserts success.
  std::string upload(const std::string& cert, const std::string& key,
                     const std::string& token = "token") {
    HttpResponse r = send("POST", "/https/certificate/", upload_form(cert, key), token);
    EXPECT_EQ(r.status, 200) << r.body;
    return certificate_id(r);
  }
  // A bucket of `token`'s account with `domain` bound to it.
  void bind(const std::string& bucket, const std::string& domain,
            const std::string& token = "token") {
    make_bucket(bucket, "file", token);
    EXPECT_EQ(outcome(send("PUT", "/buckets/domains/",
                           {{"bucket_name", bucket}, {"domain", domain}}, token)),
              "ok 200");
  }
  HttpResponse enable(const std::string& id, const std::string& domain,
                      const std::string& token = "token", const std::string& https = "true") {
    return send("POST", "/https/certificate/manager/",
                {{"certificate_id", id}, {"domain", domain}, {"https", https}}, token);
  }
  void set_service_until(const std::string& username_fixture, std::int64_t until) {
    const std::string name = fixture(username_fixture);
    service().with_state([&](internal::ServerState& s) {
      s.accounts.at(name).https.service_until = until;
      return 0;
    });
  }
};

TEST(DevServerHttps, UploadThenInfoThenDelete) {
  HttpsApi api;
  HttpResponse r = api.send("POST", "/https/certificate/", upload_form("site.crt", "site.key"));
  EXPECT_EQ(outcome(r), "ok 200");
  const std::string id = certificate_id(r);
  ASSERT_EQ(id.size(), 24u) << r.body;
  HttpResponse info = api.send("GET", "/https/certificate/info/", {{"crt_id", id}});
  EXPECT_EQ(info.status, 200);
  EXPECT_NE(info.body.find("\"commonName\":\"site.errcontract.test\""), std::string::npos)
      << info.body;
  EXPECT_NE(info.body.find("\"domains\":[\"site.errcontract.test\",\"*.site.errcontract.test\"]"),
            std::string::npos)
      << info.body;
  EXPECT_NE(api.send("GET", "/https/certificate/list/").body.find(id), std::string::npos);
  EXPECT_EQ(outcome(api.send("DELETE", "/https/certificate/", {{"crt_id", id}})), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/https/certificate/info/", {{"crt_id", id}})), "21707 404");
}

TEST(DevServerHttps, MissingOrBlankParamsAre21704) {
  HttpsApi api;
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", {})), "21704 400");
  EXPECT_EQ(
      outcome(api.send("POST", "/https/certificate/", {{"certificate", cert_file("site.crt")}})),
      "21704 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/",
                             {{"certificate", cert_file("site.crt")}, {"private_key", " \n"}})),
            "21704 400");
  EXPECT_EQ(outcome(api.send("GET", "/https/certificate/info/")), "21704 400");
  EXPECT_EQ(outcome(api.send("GET", "/https/services/manager/")), "21704 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/manager/", {{"domain", kSite}})),
            "21704 400");
  EXPECT_EQ(outcome(api.send_body("POST", "/https/certificate/", "application/json", "{")),
            "21704 400");
}

TEST(DevServerHttps, MalformedCertificateIs21703) {
  HttpsApi api;
  EXPECT_EQ(
      outcome(api.send("POST", "/https/certificate/", upload_form("malformed.crt", "site.key"))),
      "21703 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.key", "site.key"))),
            "21703 400");
}

TEST(DevServerHttps, MalformedKeyIs21710) {
  HttpsApi api;
  EXPECT_EQ(
      outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "malformed.key"))),
      "21710 400");
}

TEST(DevServerHttps, EncryptedKeysAre21712) {
  HttpsApi api;
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/",
                             upload_form("site.crt", "site.pkcs8-encrypted.key"))),
            "21712 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/",
                             upload_form("site.crt", "site.legacy-encrypted.key"))),
            "21712 400");
}

TEST(DevServerHttps, KeyOfAnotherPairIs21709) {
  HttpsApi api;
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "other.key"))),
            "21709 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "site.key"))),
            "ok 200");
}

TEST(DevServerHttps, SameCertificateTwicePerAccountIs21705) {
  HttpsApi api;
  const std::string id = api.upload("dup.crt", "dup.key");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("dup.crt", "dup.key"))),
            "21705 409");
  // Another account may hold the same certificate.
  api.upload("dup.crt", "dup.key", "other_token");
  // The same leaf with a chain after it is still the same certificate.
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/",
                             {{"certificate", cert_file("dup.crt") + cert_file("site.crt")},
                              {"private_key", cert_file("dup.key")}})),
            "21705 409");
  // Once deleted, it may be uploaded again.
  EXPECT_EQ(outcome(api.send("DELETE", "/https/certificate/", {{"crt_id", id}})), "ok 200");
  api.upload("dup.crt", "dup.key");
}

TEST(DevServerHttps, BrokenConversionBackendIs21711AfterValidation) {
  HttpsApi api;
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "site.key"),
                             "cert_broken_token")),
            "21711 500");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "other.key"),
                             "cert_broken_token")),
            "21709 400");
  // Nothing was stored, so the failure repeats instead of turning into 21705.
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", upload_form("site.crt", "site.key"),
                             "cert_broken_token")),
            "21711 500");
}

TEST(DevServerHttps, UnknownCertificateIs21707) {
  HttpsApi api;
  EXPECT_EQ(outcome(api.send("GET", "/https/certificate/info/", {{"crt_id", "nope"}})),
            "21707 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/https/certificate/", {{"crt_id", "nope"}})), "21707 404");
  api.bind("unknown-crt", "www.site.errcontract.test");
  EXPECT_EQ(outcome(api.enable("nope", "www.site.errcontract.test")), "21707 404");
}

TEST(DevServerHttps, AnotherAccountsCertificateIs21706) {
  HttpsApi api;
  const std::string theirs = api.upload("site.crt", "site.key", "other_token");
  EXPECT_EQ(outcome(api.send("GET", "/https/certificate/info/", {{"crt_id", theirs}})),
            "21706 403");
  EXPECT_EQ(outcome(api.send("DELETE", "/https/certificate/", {{"crt_id", theirs}})), "21706 403");
  api.bind("their-crt", "a.site.errcontract.test");
  EXPECT_EQ(outcome(api.enable(theirs, "a.site.errcontract.test")), "21706 403");
  const std::string mine = api.upload("site.crt", "site.key");
  EXPECT_EQ(outcome(api.enable(mine, "a.site.errcontract.test")), "ok 200");
}

TEST(DevServerHttps, DomainNotTheCallersIs21702) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("their-domain", "b.site.errcontract.test", "other_token");
  EXPECT_EQ(outcome(api.enable(id, "b.site.errcontract.test")), "21702 403");
  EXPECT_EQ(outcome(api.enable(id, "never-bound.site.errcontract.test")), "21702 403");
  EXPECT_EQ(
      outcome(api.send("GET", "/https/services/manager/", {{"domain", "b.site.errcontract.test"}})),
      "21702 403");
  api.bind("my-domain", "c.site.errcontract.test");
  EXPECT_EQ(outcome(api.send("GET", "/https/services/manager/",
                             {{"domain", "C.site.errcontract.test."}})),
            "ok 200");
}

TEST(DevServerHttps, DomainOutsideTheCertificateIs21708) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("outside", "www.elsewhere.errcontract.test");
  EXPECT_EQ(outcome(api.enable(id, "www.elsewhere.errcontract.test")), "21708 400");
  // A wildcard covers one label only.
  api.send("PUT", "/buckets/domains/",
           {{"bucket_name", "outside"}, {"domain", "a.b.site.errcontract.test"}});
  EXPECT_EQ(outcome(api.enable(id, "a.b.site.errcontract.test")), "21708 400");
  // The provider's default domain is not in an uploaded certificate either.
  EXPECT_EQ(outcome(api.enable(id, "outside.b0.upaiyun.com")), "21708 400");
  api.send("PUT", "/buckets/domains/", {{"bucket_name", "outside"}, {"domain", kSite}});
  EXPECT_EQ(outcome(api.enable(id, kSite)), "ok 200");
}

TEST(DevServerHttps, WildcardDomainNeedsTheWildcardName) {
  HttpsApi api;
  const std::string site = api.upload("site.crt", "site.key");
  const std::string dup = api.upload("dup.crt", "dup.key");
  api.bind("wild", "*.site.errcontract.test");
  EXPECT_EQ(outcome(api.enable(dup, "*.site.errcontract.test")), "21708 400");
  EXPECT_EQ(outcome(api.enable(site, "*.site.errcontract.test")), "ok 200");
}

TEST(DevServerHttps, LapsedServiceIs21701OnlyWhenTurningHttpsOn) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key", "https_lapsed_token");
  api.bind("lapsed", "www.site.errcontract.test", "https_lapsed_token");
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test", "https_lapsed_token")),
            "21701 403");
  EXPECT_EQ(outcome(api.send("POST", "/https/migrate/domain/",
                             {{"crt_id", id}, {"domain_name", "www.site.errcontract.test"}},
                             "https_lapsed_token")),
            "21701 403");
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test", "https_lapsed_token", "false")),
            "ok 200");
}

TEST(DevServerHttps, ServiceLapsesOnTheClock) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("clock", "www.site.errcontract.test");
  api.set_service_until("username", api.clock().now() + 3600);
  api.clock().advance(3599);
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test")), "ok 200");
  api.clock().advance(1);
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test")), "21701 403");
  api.set_service_until("username", 0);  // never bought
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test")), "21701 403");
}

TEST(DevServerHttps, ServiceManagerShowsTheSettingUntilUnbound) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("shown", "www.site.errcontract.test");
  const Form query = {{"domain", "www.site.errcontract.test"}};
  HttpResponse before = api.send("GET", "/https/services/manager/", query);
  EXPECT_NE(before.body.find("\"https\":false"), std::string::npos) << before.body;
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/manager/",
                             {{"certificate_id", id},
                              {"domain", "www.site.errcontract.test"},
                              {"https", "true"},
                              {"force_https", "true"}})),
            "ok 200");
  HttpResponse after = api.send("GET", "/https/services/manager/", query);
  EXPECT_NE(after.body.find("\"https\":true,\"force_https\":true,\"certificate_id\":\"" + id),
            std::string::npos)
      << after.body;
  HttpResponse domains = api.send("GET", "/https/certificate/manager/", {{"certificate_id", id}});
  EXPECT_NE(domains.body.find("\"name\":\"www.site.errcontract.test\""), std::string::npos)
      << domains.body;
  // Unbinding drops the setting: rebound, the domain starts without HTTPS.
  api.send("DELETE", "/buckets/domains/",
           {{"bucket_name", "shown"}, {"domain", "www.site.errcontract.test"}});
  EXPECT_EQ(outcome(api.send("GET", "/https/services/manager/", query)), "21702 403");
  api.send("PUT", "/buckets/domains/",
           {{"bucket_name", "shown"}, {"domain", "www.site.errcontract.test"}});
  HttpResponse rebound = api.send("GET", "/https/services/manager/", query);
  EXPECT_NE(rebound.body.find("\"https\":false"), std::string::npos) << rebound.body;
}

TEST(DevServerHttps, DeletingACertificateDropsItsDomains) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("dropped", "www.site.errcontract.test");
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test")), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/https/certificate/", {{"crt_id", id}})), "ok 200");
  HttpResponse r =
      api.send("GET", "/https/services/manager/", {{"domain", "www.site.errcontract.test"}});
  EXPECT_NE(r.body.find("\"https\":false,\"force_https\":false,\"certificate_id\":\"\""),
            std::string::npos)
      << r.body;
}

TEST(DevServerHttps, MigrateMovesTheDomainToACoveringCertificate) {
  HttpsApi api;
  const std::string site = api.upload("site.crt", "site.key");
  const std::string dup = api.upload("dup.crt", "dup.key");
  api.bind("moved", "www.site.errcontract.test");
  const Form to_site = {{"crt_id", site}, {"domain_name", "www.site.errcontract.test"}};
  const Form to_dup = {{"crt_id", dup}, {"domain_name", "www.site.errcontract.test"}};
  EXPECT_EQ(outcome(api.send("POST", "/https/migrate/domain/", to_dup)), "21708 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/migrate/domain/", to_site)), "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/https/migrate/domain/", {{"crt_id", site}})), "21704 400");
  HttpResponse r =
      api.send("GET", "/https/services/manager/", {{"domain", "www.site.errcontract.test"}});
  EXPECT_NE(r.body.find("\"https\":true"), std::string::npos) << r.body;
}

TEST(DevServerHttps, BadHttpsFlagIs21704) {
  HttpsApi api;
  const std::string id = api.upload("site.crt", "site.key");
  api.bind("flag", "www.site.errcontract.test");
  EXPECT_EQ(outcome(api.enable(id, "www.site.errcontract.test", "token", "maybe")), "21704 400");
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/manager/",
                             {{"certificate_id", id},
                              {"domain", "www.site.errcontract.test"},
                              {"https", "true"},
                              {"force_https", "sometimes"}})),
            "21704 400");
}

}  // namespace
}  // namespace errcontract::testing
