// What public clients of 2014-2017 checked of this API (issue 14, "facts from
// public client code"): the success statuses they tested for, the fields they
// read, the paths they called, JSON request bodies next to forms, and both
// slash forms of every path. The reference server answers each as they expect.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

HttpResponse send_json(DevApi& api, const std::string& method, const std::string& path,
                       const std::string& body) {
  return api.send_body(method, path, "application/json", body);
}

rapidjson::Document json_of(const HttpResponse& r) {
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  EXPECT_FALSE(doc.HasParseError()) << r.body;
  return doc;
}

TEST(ClientEvidence, CreatingPutsAnswer201) {
  DevApi api;
  api.make_bucket("evidence");  // asserts 201
  EXPECT_EQ(
      outcome(send_json(api, "PUT", "/operators/",
                        R"({"operator_name":"evop1","password":"secret123","realname":"Ev"})")),
      "ok 201");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/operators/",
                             {{"bucket_name", "evidence"}, {"operator_name", "evop1"}})),
            "ok 201");
}

TEST(ClientEvidence, DomainBindingAndDeletesAnswer200) {
  DevApi api;
  api.make_bucket("evidence");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             {{"bucket_name", "evidence"}, {"domain", "ev.example.com"}})),
            "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/domains/",
                             {{"bucket_name", "evidence"}, {"domain", "ev.example.com"}})),
            "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/visible/",
                             {{"bucket_name", "evidence"}, {"visible", "false"}})),
            "ok 200");
}

TEST(ClientEvidence, OperatorsAreEnabledAndDisabledWith200) {
  DevApi api;
  ASSERT_EQ(outcome(send_json(api, "PUT", "/operators/",
                              R"({"operator_name":"evop2","password":"secret123"})")),
            "ok 201");
  EXPECT_EQ(outcome(api.send("POST", "/operators/disable/?operator_name=evop2")), "ok 200");
  EXPECT_NE(api.send("GET", "/operators/").body.find(R"("enabled":false)"), std::string::npos);
  EXPECT_EQ(outcome(send_json(api, "POST", "/operators/enable/", R"({"operator_name":"evop2"})")),
            "ok 200");
  EXPECT_NE(api.send("GET", "/operators/").body.find(R"("enabled":true)"), std::string::npos);
  EXPECT_EQ(outcome(send_json(api, "POST", "/operators/enable/", R"({"operator_name":"nobody"})")),
            "21403 404");
}

TEST(ClientEvidence, WholeBucketPurgeFollowsTheWholeSiteRules) {
  DevApi api;
  api.make_bucket("evcdn", "cdn");
  api.make_bucket("evfile");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/purge/", {{"bucket_name", "evcdn"}})), "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/purge/", {{"bucket_name", "evcdn"}})), "21227 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/purge/", {{"bucket_name", "evfile"}})), "21226 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/purge/", {{"bucket_name", "nosuchbucket"}})),
            "21203 404");
}

TEST(ClientEvidence, DomainListCarriesDomainAndUpdatedAt) {
  DevApi api;
  api.make_bucket("evlist");
  api.clock().advance(120);
  api.send("PUT", "/buckets/domains/", {{"bucket_name", "evlist"}, {"domain", "l.example.com"}});
  const HttpResponse r = api.send("GET", "/buckets/domains/",
                                  {{"bucket_name", "evlist"}, {"limit", "10"}, {"page", "1"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const rapidjson::Document doc = json_of(r);
  const auto& domains = doc["domains"];
  ASSERT_EQ(domains.Size(), 2u);
  EXPECT_STREQ(domains[1]["domain"].GetString(), "l.example.com");
  ASSERT_TRUE(domains[0]["updated_at"].IsInt64());
  ASSERT_TRUE(domains[1]["updated_at"].IsInt64());
  EXPECT_EQ(domains[1]["updated_at"].GetInt64() - domains[0]["updated_at"].GetInt64(), 120);
}

TEST(ClientEvidence, BucketOperatorListCarriesBindAt) {
  DevApi api;
  api.make_bucket("evops");
  send_json(api, "PUT", "/operators/", R"({"operator_name":"evop3","password":"secret123"})");
  api.send("PUT", "/buckets/operators/", {{"bucket_name", "evops"}, {"operator_name", "evop3"}});
  const HttpResponse r = api.send("GET", "/buckets/operators/", {{"bucket_name", "evops"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const rapidjson::Document doc = json_of(r);
  ASSERT_EQ(doc["operators"].Size(), 1u);
  EXPECT_STREQ(doc["operators"][0]["operator_name"].GetString(), "evop3");
  EXPECT_TRUE(doc["operators"][0]["bind_at"].IsInt64());
}

TEST(ClientEvidence, DomainDetectOnTheSingularPath) {
  DevApi api;
  api.make_bucket("evdetect");
  api.send("PUT", "/buckets/domains/", {{"bucket_name", "evdetect"}, {"domain", "t.example.com"}});
  EXPECT_NE(api.send("GET", "/buckets/domain/detect/", {{"domain", "free.example.com"}})
                .body.find(R"("available":true)"),
            std::string::npos);
  EXPECT_NE(api.send("GET", "/buckets/domain/detect", {{"domain", "t.example.com"}})
                .body.find(R"("available":false)"),
            std::string::npos);
  EXPECT_EQ(outcome(api.send("GET", "/buckets/domain/detect/", {{"domain", "bad_domain"}})),
            "21201 400");
}

TEST(ClientEvidence, BothSlashFormsOfAPathAreOneRoute) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/buckets", {{"bucket_name", "evslash"}, {"type", "file"}})),
            "ok 201");
  EXPECT_EQ(api.send("GET", "/buckets/info", {{"bucket_name", "evslash"}}).status, 200);
  EXPECT_EQ(api.send("GET", "/buckets/info/", {{"bucket_name", "evslash"}}).status, 200);
}

}  // namespace
}  // namespace errcontract::testing
