// Static-CDN cache settings of the reference server: the default cache time
// (POST /buckets/cdn/expired/: 21611) and custom URL cache rules (POST
// /v2/buckets/cdn/cache/: 21620-21624), both refused on other bucket types
// (21625). Limits are shown at their bound and one past it.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

class CacheApi : public DevApi {
 public:
  CacheApi() { make_bucket("edge", "cdn"); }

  HttpResponse expired(const std::string& seconds, const std::string& bucket = "edge") {
    return send("POST", "/buckets/cdn/expired/", {{"bucket_name", bucket}, {"expired", seconds}});
  }
  // A body with the given members after bucket_name.
  HttpResponse rules(const std::string& members, const std::string& bucket = "edge") {
    return send_body("POST", "/v2/buckets/cdn/cache/", "application/json",
                     R"({"bucket_name":")" + bucket + "\"," + members + "}");
  }
  HttpResponse rule(const std::string& uri, const std::string& expires = "60") {
    return rules(R"("specific_rules":[{"uri":")" + uri + R"(","expires":)" + expires + "}]");
  }
};

// `n` rules, each {"uri":"/dN/*.jpg","expires":60}.
std::string rule_list(int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    out += std::string(i ? "," : "") + R"({"uri":"/d)" + std::to_string(i) +
           R"(/*.jpg","expires":60})";
  }
  return out + "]";
}

TEST(DevServerCdnExpired, FiveSecondsToAYearElse21611) {
  CacheApi api;
  EXPECT_EQ(outcome(api.expired("5")), "ok 200");
  EXPECT_EQ(outcome(api.expired("31536000")), "ok 200");
  EXPECT_EQ(outcome(api.expired("4")), "21611 400");
  EXPECT_EQ(outcome(api.expired("31536001")), "21611 400");
  EXPECT_EQ(outcome(api.expired("-5")), "21611 400");
  EXPECT_EQ(outcome(api.expired("1h")), "21611 400");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/cdn/expired/", {{"bucket_name", "edge"}})),
            "21201 400");
  const HttpResponse set = api.expired("600");
  EXPECT_EQ(set.body, R"({"result":true,"data":{"expired":600}})");
  EXPECT_NE(api.send("GET", "/v2/buckets/cdn/cache/", {{"bucket_name", "edge"}})
                .body.find(R"("expired":600)"),
            std::string::npos);
}

TEST(DevServerCdnCache, OnlyStaticCdnBuckets21625) {
  CacheApi api;
  api.make_bucket("edge-dyn", "ucdn");
  api.make_bucket("edge-file", "file");
  EXPECT_EQ(outcome(api.expired("60", "edge-dyn")), "21625 403");
  EXPECT_EQ(outcome(api.expired("60", "edge-file")), "21625 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[])", "edge-dyn")), "21625 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[])", "edge-file")), "21625 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[])")), "ok 200");
  // The type gate comes before the values.
  EXPECT_EQ(outcome(api.expired("1", "edge-dyn")), "21625 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[])", "edge-none")), "21203 404");
}

TEST(DevServerCdnCache, FiftyRulesPassAndFiftyOneAre21621) {
  CacheApi api;
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":)" + rule_list(50))), "ok 200");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":)" + rule_list(51))), "21621 403");
  // Both lists count, the stored one included when the body leaves it out.
  EXPECT_EQ(outcome(api.rules(R"("nocache_list":[{"uri":"/tmp/*"}])")), "21621 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":)" + rule_list(49))), "ok 200");
  EXPECT_EQ(outcome(api.rules(R"("nocache_list":[{"uri":"/tmp/*"}])")), "ok 200");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":)" + rule_list(50))), "21621 403");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":)" + rule_list(50) + R"(,"nocache_list":[])")),
            "ok 200");
}

TEST(DevServerCdnCache, OneWildcardAtMost21622) {
  CacheApi api;
  EXPECT_EQ(outcome(api.rule("*.jpg")), "ok 200");
  EXPECT_EQ(outcome(api.rule("/a/*/b/*.jpg")), "21622 400");
  EXPECT_EQ(outcome(api.rule("**")), "21622 400");
  EXPECT_EQ(outcome(api.rules(R"("nocache_list":[{"uri":"/*/*"}])")), "21622 400");
}

TEST(DevServerCdnCache, UriCharacters21623) {
  CacheApi api;
  EXPECT_EQ(outcome(api.rule("/Az09/a.b%20c+d-e_f/*")), "ok 200");
  for (const char* bad :
       {"/a?b=1", "/a b", "/a:b", "/a;b", "/a=b", "/a^b", "/a@b", "/caf\\u00e9"}) {
    EXPECT_EQ(outcome(api.rule(bad)), "21623 400") << bad;
  }
  // The wildcard count is checked before the characters.
  EXPECT_EQ(outcome(api.rule("/a?*/*")), "21622 400");
}

TEST(DevServerCdnCache, ExpiresFiveSecondsToAYear21624) {
  CacheApi api;
  EXPECT_EQ(outcome(api.rule("/a/*", "5")), "ok 200");
  EXPECT_EQ(outcome(api.rule("/a/*", "31536000")), "ok 200");
  EXPECT_EQ(outcome(api.rule("/a/*", "4")), "21624 400");
  EXPECT_EQ(outcome(api.rule("/a/*", "31536001")), "21624 400");
  EXPECT_EQ(outcome(api.rule("/a/*", "\"60\"")), "21624 400");
  EXPECT_EQ(outcome(api.rule("/a/*", "60.5")), "21624 400");
  // The no-cache list has no expiry to check.
  EXPECT_EQ(outcome(api.rules(R"("nocache_list":[{"uri":"/a/*","expires":1}])")), "ok 200");
}

TEST(DevServerCdnCache, MalformedBodyIs21620) {
  CacheApi api;
  EXPECT_EQ(outcome(api.send("POST", "/v2/buckets/cdn/cache/", {{"bucket_name", "edge"}})),
            "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("other":1)")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":{"uri":"/a"})")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":["/a"])")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[{"expires":60}])")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[{"uri":"","expires":60}])")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[{"uri":"/a"}])")), "21620 400");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[{"uri":"/a","expires":60,"name":7}])")),
            "21620 400");
  EXPECT_EQ(
      outcome(api.rules(R"("specific_rules":[{"uri":"/a","expires":60,"status_codes":[99]}])")),
      "21620 400");
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/cache/", "application/json",
                                  R"({"specific_rules":[]})")),
            "21620 400");
}

TEST(DevServerCdnCache, RejectedBodiesChangeNothing) {
  CacheApi api;
  ASSERT_EQ(outcome(api.rules(R"("specific_rules":[{"name":"img","uri":"*.jpg","expires":3600,)"
                              R"("status_codes":[200]}],"nocache_list":[{"uri":"/api/*"}])")),
            "ok 200");
  EXPECT_EQ(outcome(api.rules(R"("specific_rules":[{"uri":"/ok/*","expires":60},)"
                              R"({"uri":"/bad/*","expires":1}],"nocache_list":[])")),
            "21624 400");
  EXPECT_EQ(api.send("GET", "/v2/buckets/cdn/cache/", {{"bucket_name", "edge"}}).body,
            R"({"expired":0,"specific_rules":[{"name":"img","uri":"*.jpg","expires":3600,)"
            R"("status_codes":[200]}],"nocache_list":[{"uri":"/api/*","status_codes":[]}]})");
}

}  // namespace
}  // namespace errcontract::testing
