// The HTTPS fixture accounts of devserver/src/seed/seed_https.cc start in the state
// their cases need, so no case has to build that state first (and two runs
// sharing one server never race to build it): the holder and the lapsed
// account already hold cases/certs/dup.crt, and the https_full account's
// quota of 2 HTTPS domains is used up.
#include <gtest/gtest.h>

#include "cert_files.h"
#include "devserver_support.h"

namespace errcontract::testing {
namespace {

bool contains(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

// Binds `domain` to a new file bucket `bucket` of the account of `token`.
void bind(DevApi& api, const std::string& bucket, const std::string& domain,
          const std::string& token) {
  api.make_bucket(bucket, "file", token);
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             {{"bucket_name", bucket}, {"domain", domain}}, token)),
            "ok 200");
}

HttpResponse enable(DevApi& api, const std::string& id, const std::string& domain,
                    const std::string& token, const std::string& https = "true") {
  return api.send("POST", "/https/certificate/manager/",
                  {{"certificate_id", id}, {"domain", domain}, {"https", https}}, token);
}

TEST(SeedHttps, HolderAlreadyHoldsDupCertificate) {
  DevApi api;
  const std::string id = api.fixture("cert_holder_certificate_id");
  HttpResponse list = api.send("GET", "/https/certificate/list/", {}, "cert_holder_token");
  EXPECT_TRUE(contains(list.body, "\"certificate_id\":\"" + id + "\"")) << list.body;
  EXPECT_TRUE(contains(list.body, "\"commonName\":\"dup.errcontract.test\"")) << list.body;
  // Uploading it again needs no first upload.
  const Form dup = {{"certificate", cert_file("dup.crt")}, {"private_key", cert_file("dup.key")}};
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", dup, "cert_holder_token")),
            "21705 409");
  // Any other certificate is still new to it.
  const Form site = {{"certificate", cert_file("site.crt")},
                     {"private_key", cert_file("site.key")}};
  EXPECT_EQ(outcome(api.send("POST", "/https/certificate/", site, "cert_holder_token")), "ok 200");
}

TEST(SeedHttps, HeldCertificateIsAnotherAccountsToTheMainAccount) {
  DevApi api;
  const std::string id = api.fixture("cert_holder_certificate_id");
  bind(api, "mine", "www.dup.errcontract.test", "token");
  EXPECT_EQ(outcome(enable(api, id, "www.dup.errcontract.test", "token")), "21706 403");
  EXPECT_EQ(outcome(api.send("GET", "/https/certificate/info/", {{"crt_id", id}})), "21706 403");
  EXPECT_EQ(
      outcome(api.send("GET", "/https/certificate/info/", {{"crt_id", id}}, "cert_holder_token")),
      "ok 200");
}

TEST(SeedHttps, HeldCertificateNamesOnlyDupDomains) {
  DevApi api;
  const std::string id = api.fixture("cert_holder_certificate_id");
  bind(api, "outside", "www.elsewhere.errcontract.test", "cert_holder_token");
  EXPECT_EQ(outcome(enable(api, id, "www.elsewhere.errcontract.test", "cert_holder_token")),
            "21708 400");
  bind(api, "inside", "www.dup.errcontract.test", "cert_holder_token");
  EXPECT_EQ(outcome(enable(api, id, "www.dup.errcontract.test", "cert_holder_token")), "ok 200");
}

TEST(SeedHttps, LapsedAccountHoldsACertificateButCannotTurnHttpsOn) {
  DevApi api;
  const std::string id = api.fixture("https_lapsed_certificate_id");
  bind(api, "lapsed", "www.dup.errcontract.test", "https_lapsed_token");
  EXPECT_EQ(outcome(enable(api, id, "www.dup.errcontract.test", "https_lapsed_token")),
            "21701 403");
  // The certificate is its own and names the domain: only the service fails.
  EXPECT_EQ(outcome(enable(api, id, "www.dup.errcontract.test", "https_lapsed_token", "false")),
            "ok 200");
}

TEST(SeedHttps, FullAccountHasItsHttpsQuotaInUse) {
  DevApi api;
  HttpResponse profile = api.send("GET", "/accounts/profile/", {}, "https_full_token");
  EXPECT_TRUE(contains(profile.body, "\"https_quota\":2")) << profile.body;
  bind(api, "third", "www.third.example.com", "https_full_token");
  const Form on = {
      {"bucket_name", "third"}, {"domain", "www.third.example.com"}, {"https", "true"}};
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/https/", on, "https_full_token")),
            "21235 403");
  // The seeded bucket holds the two domains that use the quota; turning one
  // off frees a slot.
  HttpResponse buckets = api.send("GET", "/buckets/", {}, "https_full_token");
  const std::size_t at = buckets.body.find("\"bucket_name\":\"https-full-");
  ASSERT_NE(at, std::string::npos) << buckets.body;
  const std::size_t from = at + std::string("\"bucket_name\":\"").size();
  const std::string seeded = buckets.body.substr(from, buckets.body.find('"', from) - from);
  HttpResponse domains =
      api.send("GET", "/buckets/domains/", {{"bucket_name", seeded}}, "https_full_token");
  const std::size_t www0 = domains.body.find("\"domain\":\"www0.");
  ASSERT_NE(www0, std::string::npos) << domains.body;
  const std::size_t name_at = www0 + std::string("\"domain\":\"").size();
  const std::string first = domains.body.substr(name_at, domains.body.find('"', name_at) - name_at);
  EXPECT_TRUE(
      contains(domains.body, "\"domain\":\"" + first + "\",\"type\":\"custom\",\"https\":true"))
      << domains.body;
  const Form off = {{"bucket_name", seeded}, {"domain", first}, {"https", "false"}};
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/https/", off, "https_full_token")),
            "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/https/", on, "https_full_token")), "ok 200");
}

TEST(SeedHttps, FixturesAreRandomPerServer) {
  DevApi one;
  DevApi two;
  for (const char* name :
       {"cert_holder_token", "cert_holder_certificate_id", "https_lapsed_certificate_id",
        "https_full_token", "https_full_username"}) {
    EXPECT_NE(one.fixture(name), two.fixture(name)) << name;
  }
}

}  // namespace
}  // namespace errcontract::testing
