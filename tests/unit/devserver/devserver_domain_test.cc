// Domain, verification, HTTPS and purge rules of the reference server
// (21208, 21210-21214, 21226-21228, 21231-21233, 21235, 21240, 21241, 21607,
// 21608), with the ManualClock moving time where a rule counts it.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

Form domain_form(const std::string& bucket, const std::string& domain) {
  return {{"bucket_name", bucket}, {"domain", domain}};
}

TEST(DevServerDomains, ProviderDomainsAreForbidden21208) {
  DevApi api;
  api.make_bucket("forbid");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("forbid", "x.upaiyun.com"))),
            "21208 403");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("forbid", "*.aicdn.com"))),
            "21208 403");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("forbid", "notupyun.com"))),
            "ok 200");
}

TEST(DevServerDomains, BadDomainIs21201) {
  DevApi api;
  api.make_bucket("bad-domain");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             domain_form("bad-domain", "no_underscores.com"))),
            "21201 400");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("bad-domain", "localhost"))),
            "21201 400");
}

TEST(DevServerDomains, BoundAnywhereIs21210) {
  DevApi api;
  api.make_bucket("theirs", "file", "other_token");
  api.make_bucket("mine");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             domain_form("theirs", "shared.example.com"), "other_token")),
            "ok 200");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("mine", "SHARED.example.com."))),
      "21210 409");
}

TEST(DevServerDomains, SixthCustomDomainIs21211) {
  DevApi api;
  api.make_bucket("five");
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                               domain_form("five", "d" + std::to_string(i) + ".example.com"))),
              "ok 200");
  }
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("five", "d5.example.com"))),
            "21211 403");
  api.send("DELETE", "/buckets/domains/", domain_form("five", "d0.example.com"));
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("five", "d5.example.com"))),
            "ok 200");
}

TEST(DevServerDomains, DefaultDomainsCannotBeRemoved) {
  DevApi api;
  api.make_bucket("store", "file");
  api.make_bucket("edge", "cdn");
  api.make_bucket("dyn", "ucdn");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/domains/",
                             domain_form("store", "store.b0.upaiyun.com"))),
            "21212 403");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/domains/", domain_form("edge", "edge.b0.aicdn.com"))),
      "21213 403");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/domains/", domain_form("dyn", "dyn.c1.aicdn.com"))),
      "21213 403");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/domains/", domain_form("store", "never.example.com"))),
      "21214 404");
}

TEST(DevServerDomains, UcdnNeedsItsOriginFirst21240) {
  DevApi api;
  api.make_bucket("dynamic", "ucdn");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("dynamic", "dyn.example.com"))),
      "21240 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/cdn/",
                             {{"bucket_name", "dynamic"}, {"ip_tel", "1.2.3.4,5.6.7.8"}})),
            "ok 200");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("dynamic", "dyn.example.com"))),
      "ok 200");
}

TEST(DevServerDomains, OriginIsForCdnBuckets) {
  DevApi api;
  api.make_bucket("no-origin", "file");
  api.make_bucket("edge-origin", "cdn");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/cdn/",
                             {{"bucket_name", "no-origin"}, {"domain", "origin.example.com"}})),
            "21207 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/cdn/",
                             {{"bucket_name", "edge-origin"}, {"ip_cnc", "1.2.3.999"}})),
            "21201 400");
}

TEST(DevServerDomains, OriginPortIs80Only21608) {
  DevApi api;
  api.make_bucket("port-origin", "cdn");
  auto origin = [&](Form form) {
    form.emplace_back("bucket_name", "port-origin");
    return outcome(api.send("POST", "/buckets/cdn/", form));
  };
  EXPECT_EQ(origin({{"domain", "origin.example.com"}, {"port", "80"}}), "ok 200");
  EXPECT_EQ(origin({{"domain", "origin.example.com:80"}, {"ip_tel", "1.2.3.4:80"}}), "ok 200");
  EXPECT_EQ(origin({{"domain", "origin.example.com"}, {"port", "8080"}}), "21608 400");
  EXPECT_EQ(origin({{"domain", "origin.example.com:443"}}), "21608 400");
  EXPECT_EQ(origin({{"ip_tel", "1.2.3.4"}, {"ip_cnc", "5.6.7.8:8080"}}), "21608 400");
  EXPECT_EQ(origin({{"ip_tel", "2001:db8::1"}}), "ok 200");  // IPv6 colons are no port
  EXPECT_EQ(origin({{"domain", "origin.example.com"}, {"port", "0"}}), "21201 400");
  EXPECT_EQ(origin({{"domain", "origin.example.com:http"}}), "21201 400");
  EXPECT_EQ(origin({{"domain", "origin.example.com"}, {"port", "65536"}}), "21201 400");
  // Checked before the bucket type.
  api.make_bucket("port-file", "file");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/cdn/",
                             {{"bucket_name", "port-file"}, {"domain", "origin.example.com:81"}})),
            "21608 400");
}

TEST(DevServerDomains, CdnBucketsTakeNoWildcard21607) {
  DevApi api;
  api.make_bucket("wild-cdn", "cdn");
  api.make_bucket("wild-ucdn", "ucdn");
  api.make_bucket("wild-image", "image");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild-cdn", "*.pan.example.com"))),
      "21607 403");
  // Before the origin check of ucdn buckets (21240): the name is refused whatever the state.
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild-ucdn", "*.pan.example.com"))),
      "21607 403");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild-cdn", "www.pan.example.com"))),
      "ok 200");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild-image", "*.img.example.com"))),
      "ok 200");
}

TEST(DevServerDomains, WildcardAndExactConflict21241) {
  DevApi api;
  api.make_bucket("wild");
  api.make_bucket("exact", "file", "other_token");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild", "*.wild.example.com"))),
      "ok 200");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("exact", "a.wild.example.com"),
                             "other_token")),
            "21241 409");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/", domain_form("exact", "b.tame.example.com"),
                             "other_token")),
            "ok 200");
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/domains/", domain_form("wild", "*.tame.example.com"))),
      "21241 409");
}

TEST(DevServerHttps, QuotaCountsEnabledDomains21235) {
  DevApi api;
  api.make_bucket("tls");
  for (const char* d : {"a.tls.example.com", "b.tls.example.com", "c.tls.example.com"}) {
    api.send("PUT", "/buckets/domains/", domain_form("tls", d));
  }
  auto https = [&](const char* domain, const char* on) {
    return outcome(api.send("POST", "/buckets/domains/https/",
                            {{"bucket_name", "tls"}, {"domain", domain}, {"https", on}}));
  };
  EXPECT_EQ(https("a.tls.example.com", "true"), "ok 200");
  EXPECT_EQ(https("b.tls.example.com", "true"), "ok 200");
  EXPECT_EQ(https("c.tls.example.com", "true"), "21235 403");
  EXPECT_EQ(https("a.tls.example.com", "true"), "ok 200");  // already on: no new quota
  EXPECT_EQ(https("a.tls.example.com", "false"), "ok 200");
  EXPECT_EQ(https("c.tls.example.com", "true"), "ok 200");
  EXPECT_EQ(https("tls.b0.upaiyun.com", "true"), "ok 200");  // default domain: always HTTPS
  EXPECT_EQ(https("z.tls.example.com", "true"), "21214 404");
  EXPECT_EQ(https("a.tls.example.com", "yes"), "21201 400");
}

TEST(DevServerVerify, NoHashIs21231) {
  DevApi api;
  api.make_bucket("verify-none");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/verify/",
                             domain_form("verify-none", "www.example.com"))),
            "21231 404");
}

TEST(DevServerVerify, UnpublishedHashIs21232AndZoneNamesPass) {
  DevApi api;
  api.make_bucket("verify-dns");
  const std::string outside = "www.example.com";
  const std::string inside = "www." + api.fixture("dns_zone");
  for (const std::string& d : {outside, inside}) {
    EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/verify/", domain_form("verify-dns", d))),
              "ok 201");
  }
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/domains/verify/", domain_form("verify-dns", outside))),
      "21232 403");
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/domains/verify/", domain_form("verify-dns", inside))),
      "ok 200");
}

TEST(DevServerVerify, HashExpiresAfterADay21233) {
  DevApi api;
  api.make_bucket("verify-age");
  const std::string d = "age." + api.fixture("dns_zone");
  api.send("PUT", "/buckets/domains/verify/", domain_form("verify-age", d));
  api.clock().advance(24 * 3600);
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/verify/", domain_form("verify-age", d))),
            "ok 200");
  api.clock().advance(1);
  EXPECT_EQ(outcome(api.send("POST", "/buckets/domains/verify/", domain_form("verify-age", d))),
            "21233 400");
  EXPECT_EQ(outcome(api.send(
                "POST", "/buckets/domains/verify/",
                domain_form(api.fixture("stale_hash_bucket"), api.fixture("stale_hash_domain")))),
            "21233 400");
}

HttpResponse purge(DevApi& api, const std::string& urls) {
  return api.send("POST", "/purge/", {{"urls", urls}});
}

TEST(DevServerPurge, WholeSiteNeedsACdnBucket21226) {
  DevApi api;
  api.make_bucket("plain-site");
  EXPECT_EQ(outcome(purge(api, "http://plain-site.b0.upaiyun.com/*")), "21226 403");
  EXPECT_EQ(outcome(purge(api, "http://plain-site.b0.upaiyun.com/a.png")), "ok 200");
  api.make_bucket("dynamic-site", "ucdn");
  EXPECT_EQ(outcome(purge(api, "http://dynamic-site.c1.aicdn.com/*")), "21226 403");
}

TEST(DevServerPurge, UnknownHostIs21203AndBadUrlIs21201) {
  DevApi api;
  EXPECT_EQ(outcome(purge(api, "http://nobody.example.com/x")), "21203 404");
  EXPECT_EQ(outcome(purge(api, "ftp://x.example.com/x")), "21201 400");
  EXPECT_EQ(outcome(purge(api, "")), "21201 400");
}

TEST(DevServerPurge, TenMinutesBetweenWholeSitePurges21227) {
  DevApi api;
  api.make_bucket("site", "cdn");
  const std::string all = "http://site.b0.aicdn.com/*";
  EXPECT_EQ(outcome(purge(api, all)), "ok 200");
  api.clock().advance(599);
  EXPECT_EQ(outcome(purge(api, all)), "21227 403");
  api.clock().advance(1);
  EXPECT_EQ(outcome(purge(api, all)), "ok 200");
  EXPECT_EQ(outcome(purge(api, all + "\nhttp://site.b0.aicdn.com/a.css")), "21227 403");
}

TEST(DevServerPurge, FiveWholeSitePurgesADay21228) {
  DevApi api;
  EXPECT_EQ(outcome(purge(api, "http://" + api.fixture("purged_domain") + "/*")), "21228 403");
  api.make_bucket("daily", "cdn");
  const std::string all = "https://daily.b0.aicdn.com:443/*";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(outcome(purge(api, all)), "ok 200") << i;
    api.clock().advance(11 * 60);
  }
  EXPECT_EQ(outcome(purge(api, all)), "21228 403");
  api.clock().advance(24 * 3600 - 5 * 11 * 60 + 1);  // the first one ages out
  EXPECT_EQ(outcome(purge(api, all)), "ok 200");
}

}  // namespace
}  // namespace errcontract::testing
