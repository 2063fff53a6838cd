// Preheating (POST /preheat/: 21603, 21604) and rule purges (POST
// /buckets/purge/batch/: 21605, 21606, 21610) of the reference server: how a
// URL finds its bucket, the type gates, and the 10-rule limit at 10 and 11.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

HttpResponse preheat(DevApi& api, const std::string& urls, const std::string& token = "token") {
  return api.send("POST", "/preheat/", {{"url", urls}}, token);
}

HttpResponse purge_rules(DevApi& api, const std::string& rules) {
  return api.send("POST", "/buckets/purge/batch/", {{"source_url", rules}});
}

// `n` rules on `host`, one per line.
std::string rules_on(const std::string& host, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "http://" + host + "/dir" + std::to_string(i) + "/*\n";
  return out;
}

TEST(DevServerPreheat, CdnBucketsByDefaultOrCustomDomain) {
  DevApi api;
  api.make_bucket("warm", "cdn");
  api.make_bucket("warm-dyn", "ucdn");
  EXPECT_EQ(outcome(preheat(api, "http://warm.b0.aicdn.com/a.png")), "ok 200");
  EXPECT_EQ(
      outcome(preheat(api, "https://WARM.b0.aicdn.com:443/a.png\nhttp://warm-dyn.c1.aicdn.com/b")),
      "ok 200");
  ASSERT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             {{"bucket_name", "warm"}, {"domain", "img.warm.example.com"}})),
            "ok 200");
  const HttpResponse r = preheat(api, "http://img.warm.example.com/a.png");
  EXPECT_EQ(outcome(r), "ok 200");
  EXPECT_NE(r.body.find(R"("url":"http://img.warm.example.com/a.png","status":"ok")"),
            std::string::npos)
      << r.body;
}

TEST(DevServerPreheat, HostBoundToNoBucketOfTheCallerIs21603) {
  DevApi api;
  api.make_bucket("theirs-warm", "cdn", "other_token");
  EXPECT_EQ(outcome(preheat(api, "http://nowhere.example.com/a.png")), "21603 404");
  // Another account's bucket is not disclosed.
  EXPECT_EQ(outcome(preheat(api, "http://theirs-warm.b0.aicdn.com/a.png")), "21603 404");
  EXPECT_EQ(outcome(preheat(api, "http://theirs-warm.b0.aicdn.com/a.png", "other_token")),
            "ok 200");
  EXPECT_EQ(outcome(preheat(api, "http://10.1.2.3/a.png")), "21603 404");
}

TEST(DevServerPreheat, StorageBucketsAre21604) {
  DevApi api;
  api.make_bucket("cold-file", "file");
  api.make_bucket("cold-image", "image");
  api.make_bucket("hot", "cdn");
  EXPECT_EQ(outcome(preheat(api, "http://cold-file.b0.upaiyun.com/a.png")), "21604 403");
  EXPECT_EQ(outcome(preheat(api, "http://cold-image.b0.upaiyun.com/a.png")), "21604 403");
  // Checked URL by URL: the first failing one answers, and nothing is preheated.
  EXPECT_EQ(outcome(preheat(api, "http://hot.b0.aicdn.com/a\nhttp://cold-file.b0.upaiyun.com/b")),
            "21604 403");
  EXPECT_EQ(outcome(preheat(api, "http://nope.example.com/a\nhttp://cold-file.b0.upaiyun.com/b")),
            "21603 404");
}

TEST(DevServerPreheat, MalformedUrlsAre21201) {
  DevApi api;
  api.make_bucket("warm-bad", "cdn");
  EXPECT_EQ(outcome(api.send("POST", "/preheat/", {})), "21201 400");
  EXPECT_EQ(outcome(preheat(api, "  \n ")), "21201 400");
  EXPECT_EQ(outcome(preheat(api, "ftp://warm-bad.b0.aicdn.com/a")), "21201 400");
  EXPECT_EQ(outcome(preheat(api, "warm-bad.b0.aicdn.com/a")), "21201 400");
  EXPECT_EQ(outcome(preheat(api, "http://warm-bad.b0.aicdn.com/dir/*")), "21201 400");
  std::string many;
  for (int i = 0; i < 101; ++i) many += "http://warm-bad.b0.aicdn.com/" + std::to_string(i) + "\n";
  EXPECT_EQ(outcome(preheat(api, many)), "21201 400");
  many.resize(many.rfind("http://"));
  EXPECT_EQ(outcome(preheat(api, many)), "ok 200");
}

TEST(DevServerPurgeRules, TenRulesPassAndElevenAre21606) {
  DevApi api;
  api.make_bucket("rules-dyn", "ucdn");
  EXPECT_EQ(outcome(purge_rules(api, rules_on("rules-dyn.c1.aicdn.com", 10))), "ok 200");
  EXPECT_EQ(outcome(purge_rules(api, rules_on("rules-dyn.c1.aicdn.com", 11))), "21606 400");
  // The count comes first: eleven rules of which one is malformed are still too many.
  EXPECT_EQ(outcome(purge_rules(api, rules_on("rules-dyn.c1.aicdn.com", 10) + "nonsense")),
            "21606 400");
}

TEST(DevServerPurgeRules, MalformedRuleIs21605) {
  DevApi api;
  api.make_bucket("rules-file", "file");
  EXPECT_EQ(outcome(purge_rules(api, "rules-file.b0.upaiyun.com/*")), "21605 400");
  EXPECT_EQ(outcome(purge_rules(api, "ftp://rules-file.b0.upaiyun.com/*")), "21605 400");
  EXPECT_EQ(outcome(purge_rules(api, "http://*.b0.upaiyun.com/*")), "21605 400");
  EXPECT_EQ(outcome(purge_rules(api, "http://rules-file.b0.upaiyun.com:0/*")), "21605 400");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/purge/batch/", {})), "21605 400");
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/purge/batch/",
                       {{"source_url", "http://rules-file.b0.upaiyun.com/*"}, {"noif", "x"}})),
      "21605 400");
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/purge/batch/",
                       {{"source_url", "http://rules-file.b0.upaiyun.com/*"}, {"noif", "1"}})),
      "ok 200");
}

TEST(DevServerPurgeRules, StaticCdnBucketsAre21610AndUnknownHosts21203) {
  DevApi api;
  api.make_bucket("rules-cdn", "cdn");
  api.make_bucket("rules-image", "image");
  EXPECT_EQ(outcome(purge_rules(api, "http://rules-cdn.b0.aicdn.com/img/*")), "21610 403");
  EXPECT_EQ(outcome(purge_rules(api, "http://rules-image.b0.upaiyun.com/img/*")), "ok 200");
  EXPECT_EQ(outcome(purge_rules(api, "http://unbound.example.com/img/*")), "21203 404");
  const HttpResponse r = purge_rules(api, "http://rules-image.b0.upaiyun.com/a/*.jpg");
  EXPECT_EQ(r.body.rfind(R"([{"url":"http://rules-image.b0.upaiyun.com/a/*.jpg","code":1,)", 0), 0u)
      << r.body;
}

}  // namespace
}  // namespace errcontract::testing
