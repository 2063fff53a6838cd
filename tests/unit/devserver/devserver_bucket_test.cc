// Bucket and operator rules of the reference server (codes 21201-21206,
// 21209, 21230, 21401-21403): each limit is counted, each state is real.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

TEST(DevServerBuckets, CreateThenInfoThenDelete) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "life-cycle"}, {"quota", "3"}})),
            "ok 201");
  HttpResponse info = api.send("GET", "/buckets/info/", {{"bucket_name", "life-cycle"}});
  EXPECT_EQ(info.status, 200);
  EXPECT_NE(info.body.find("\"default_domain\":\"life-cycle.b0.upaiyun.com\""), std::string::npos)
      << info.body;
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/",
                       {{"bucket_name", "life-cycle"}, {"password", api.fixture("password")}})),
      "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/buckets/info/", {{"bucket_name", "life-cycle"}})),
            "21203 404");
}

TEST(DevServerBuckets, BadNameTypeOrQuotaIs21201) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {})), "21201 400");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "Upper-Case"}})), "21201 400");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "ok-name"}, {"type", "video"}})),
            "21201 400");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "ok-name"}, {"quota", "-1"}})),
            "21201 400");
}

TEST(DevServerBuckets, NamesAreGlobal21202) {
  DevApi api;
  api.make_bucket("taken-name", "file", "other_token");
  HttpResponse r = api.send("PUT", "/buckets/", {{"bucket_name", "taken-name"}});
  EXPECT_EQ(outcome(r), "21202 409");
  EXPECT_EQ(envelope_of(r).message, "Bucket already exists.");
}

TEST(DevServerBuckets, TwoHundredBucketsIsTheLimit21206) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "one-more"}}, "full_token")),
            "21206 403");
  // Counted, not flagged: a fresh account reaches the limit by creating.
  for (int i = 0; i < 200; ++i)
    api.make_bucket("count-" + std::to_string(i), "file", "other_token");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "count-200"}}, "other_token")),
            "21206 403");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/",
                       {{"bucket_name", "count-0"}, {"password", api.fixture("other_password")}},
                       "other_token")),
      "ok 200");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "count-200"}}, "other_token")),
            "ok 201");
}

TEST(DevServerBuckets, OtherAccountsBucketIsNotFound21203) {
  DevApi api;
  api.make_bucket("not-yours", "file", "other_token");
  EXPECT_EQ(outcome(api.send("GET", "/buckets/info/", {{"bucket_name", "not-yours"}})),
            "21203 404");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/",
                       {{"bucket_name", "not-yours"}, {"password", api.fixture("password")}})),
      "21203 404");
}

TEST(DevServerBuckets, DeleteChecksTheAccountPassword21230) {
  DevApi api;
  api.make_bucket("guarded");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/",
                             {{"bucket_name", "guarded"}, {"password", "wrong-password"}})),
            "21230 403");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/",
                       {{"bucket_name", "guarded"}, {"password", api.fixture("other_password")}})),
      "21230 403");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/", {{"bucket_name", "guarded"}})), "21201 400");
}

TEST(DevServerBuckets, BoundDomainBlocksDelete21204) {
  DevApi api;
  api.make_bucket("with-domain");
  api.send("PUT", "/buckets/domains/",
           {{"bucket_name", "with-domain"}, {"domain", "cdn.example.org"}});
  const Form del = {{"bucket_name", "with-domain"}, {"password", api.fixture("password")}};
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/", del)), "21204 409");
  api.send("DELETE", "/buckets/domains/",
           {{"bucket_name", "with-domain"}, {"domain", "cdn.example.org"}});
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/", del)), "ok 200");
}

TEST(DevServerBuckets, FilesBlockDelete21205) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/",
                             {{"bucket_name", api.fixture("files_bucket")},
                              {"password", api.fixture("password")}})),
            "21205 409");
}

TEST(DevServerBuckets, FormApiIsForStorageBuckets21209) {
  DevApi api;
  api.make_bucket("cdn-formapi", "cdn");
  api.make_bucket("file-formapi", "file");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/formapi/",
                             {{"bucket_name", "cdn-formapi"}, {"status", "on"}})),
            "21209 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/formapi/",
                             {{"bucket_name", "file-formapi"}, {"status", "on"}})),
            "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/formapi/",
                             {{"bucket_name", "file-formapi"}, {"status", "maybe"}})),
            "21201 400");
}

TEST(DevServerBuckets, QuotaAndVisibilityValidate) {
  DevApi api;
  api.make_bucket("switches");
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/quota/", {{"bucket_name", "switches"}, {"quota", "9"}})),
      "ok 200");
  EXPECT_EQ(
      outcome(api.send("POST", "/buckets/quota/", {{"bucket_name", "switches"}, {"quota", "x"}})),
      "21201 400");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/visible/",
                             {{"bucket_name", "switches"}, {"visible", "false"}})),
            "ok 200");
}

TEST(DevServerBuckets, ListHonoursLimit) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("GET", "/buckets/", {{"limit", "0"}})), "21201 400");
  HttpResponse r = api.send("GET", "/buckets/", {{"limit", "1"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"limit\":1"), std::string::npos) << r.body;
}

TEST(DevServerOperators, CreateNeedsNameAndPassword21401) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/operators/", {{"operator_name", "op-one"}})), "21401 400");
  EXPECT_EQ(outcome(api.send("PUT", "/operators/", {{"password", "secret1"}})), "21401 400");
  EXPECT_EQ(
      outcome(api.send("PUT", "/operators/", {{"operator_name", "op-one"}, {"password", "123"}})),
      "21401 400");
  EXPECT_EQ(outcome(api.send("PUT", "/operators/",
                             {{"operator_name", "op-one"}, {"password", "secret1"}})),
            "ok 201");
}

TEST(DevServerOperators, NamesAreGlobal21402) {
  DevApi api;
  const Form op = {{"operator_name", "op-dup"}, {"password", "secret1"}};
  EXPECT_EQ(outcome(api.send("PUT", "/operators/", op, "other_token")), "ok 201");
  HttpResponse r = api.send("PUT", "/operators/", op);
  EXPECT_EQ(outcome(r), "21402 409");
  EXPECT_EQ(envelope_of(r).request, "PUT /operators/");
}

TEST(DevServerOperators, UnknownOrForeignOperatorIs21403) {
  DevApi api;
  api.make_bucket("op-bucket");
  api.send("PUT", "/operators/", {{"operator_name", "op-foreign"}, {"password", "secret1"}},
           "other_token");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/operators/",
                             {{"bucket_name", "op-bucket"}, {"operator_name", "op-missing"}})),
            "21403 404");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/operators/",
                             {{"bucket_name", "op-bucket"}, {"operator_name", "op-foreign"}})),
            "21403 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/operators/", {{"operator_name", "op-foreign"}})),
            "21403 404");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/operators/", {{"bucket_name", "op-bucket"}})),
            "21401 400");
}

TEST(DevServerOperators, GrantAndRevoke) {
  DevApi api;
  api.make_bucket("grant-bucket");
  api.send("PUT", "/operators/", {{"operator_name", "op-grant"}, {"password", "secret1"}});
  const Form grant = {{"bucket_name", "grant-bucket"}, {"operator_name", "op-grant"}};
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/operators/", grant)), "ok 201");
  HttpResponse listed = api.send("GET", "/buckets/operators/", {{"bucket_name", "grant-bucket"}});
  EXPECT_EQ(listed.body, R"({"operators":[{"operator_name":"op-grant","bind_at":)" +
                             std::to_string(api.clock().now()) + "}]}");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/operators/", grant)), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/operators/", grant)), "21403 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/operators/", {{"operator_name", "op-grant"}})), "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/operators/", {{"operator_name", "op-grant"}})), "21403 404");
}

}  // namespace
}  // namespace errcontract::testing
