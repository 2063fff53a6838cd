// The reference server's dispatcher: routing, authentication, parameter
// parsing and the envelope on every error, driven through handle() directly.
#include <gtest/gtest.h>

#include <random>

#include "devserver_support.h"
#include "errcontract/reference_server.h"

namespace errcontract::testing {
namespace {

TEST(DevServerRouting, UnknownRouteIsEnvelope404) {
  DevApi api;
  HttpResponse r = api.send("GET", "/nope/?x=1");
  EXPECT_EQ(r.status, 404);
  Envelope e = envelope_of(r);
  EXPECT_EQ(e.error_code, "10404");
  EXPECT_EQ(e.request, "GET /nope/");
  EXPECT_EQ(e.message, "Route not found.");
  EXPECT_EQ(*find_header(r.headers, "content-type"), "application/json");
}

TEST(DevServerRouting, UnknownMethodIs405WithAllow) {
  DevApi api;
  HttpResponse r = api.send("PATCH", "/buckets/");
  EXPECT_EQ(outcome(r), "10405 405");
  EXPECT_EQ(envelope_of(r).request, "PATCH /buckets/");
  EXPECT_EQ(*find_header(r.headers, "Allow"), "GET, PUT, DELETE");
}

// Methods are case-sensitive (RFC 9110): "get" is another, unknown method,
// and the echo names it as sent.
TEST(DevServerRouting, LowerCaseMethodIsNotAllowed) {
  DevApi api;
  HttpResponse r = api.send("get", "/buckets/");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body,
            R"({"error_code":"10405","request":"get /buckets/","message":"Method not allowed."})");
}

TEST(DevServerRouting, TrailingSlashIsOptional) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("GET", "/buckets/")), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/buckets")), "ok 200");
  HttpResponse r = api.send("GET", "/buckets/info", {{"bucket_name", "missing-one"}});
  EXPECT_EQ(outcome(r), "21203 404");
  EXPECT_EQ(envelope_of(r).request, "GET /buckets/info");
}

TEST(DevServerRouting, SingularDomainPathIsAnAlias) {
  DevApi api;
  api.make_bucket("alias-bucket");
  HttpResponse r = api.send("PUT", "/buckets/domain/",
                            {{"bucket_name", "alias-bucket"}, {"domain", "a.example.com"}});
  EXPECT_EQ(outcome(r), "ok 200");
}

TEST(DevServerRouting, HeadAnswersLikeGetWithoutBody) {
  DevApi api;
  HttpResponse r = api.send("HEAD", "/buckets/");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
}

TEST(DevServerAuth, MissingTokenIs11001) {
  DevApi api;
  HttpResponse r = api.send("GET", "/accounts/profile/", {}, "");
  EXPECT_EQ(outcome(r), "11001 401");
  EXPECT_EQ(envelope_of(r).message, "Invalid Access Token");
  EXPECT_EQ(envelope_of(r).request, "GET /accounts/profile/");
}

TEST(DevServerAuth, UnknownTokenIs11001) {
  DevApi api;
  HttpRequest request{"GET", "/accounts/profile/", {{"Authorization", "Bearer not-a-token"}}, ""};
  EXPECT_EQ(outcome(api.service().handle(request)), "11001 401");
}

TEST(DevServerAuth, OtherSchemeIs11001) {
  DevApi api;
  HttpRequest request{
      "GET", "/accounts/profile/", {{"Authorization", "Basic " + api.fixture("token")}}, ""};
  EXPECT_EQ(outcome(api.service().handle(request)), "11001 401");
}

TEST(DevServerAuth, SchemeIsCaseInsensitive) {
  DevApi api;
  HttpRequest request{
      "GET", "/accounts/profile/", {{"authorization", "bearer " + api.fixture("token")}}, ""};
  EXPECT_EQ(outcome(api.service().handle(request)), "ok 200");
}

TEST(DevServerAuth, ExpiredTokenIs11002) {
  DevApi api;
  HttpResponse r = api.send("GET", "/accounts/profile/", {}, "expired_token");
  EXPECT_EQ(outcome(r), "11002 401");
  EXPECT_EQ(envelope_of(r).message, "Expired Access Token");
}

TEST(DevServerAuth, TokenIsCheckedBeforeParameters) {
  DevApi api;
  HttpRequest request{"PUT", "/buckets/", {{"Content-Type", "application/json"}}, "{"};
  EXPECT_EQ(outcome(api.service().handle(request)), "11001 401");
}

TEST(DevServerFixtures, AreRandomPerInstance) {
  DevApi a;
  DevApi b;
  EXPECT_NE(a.fixture("token"), b.fixture("token"));
  EXPECT_NE(a.fixture("files_bucket"), b.fixture("files_bucket"));
  for (const char* name : {"token", "password", "other_token", "other_password", "expired_token",
                           "full_token", "files_bucket", "purged_bucket", "purged_domain",
                           "stale_hash_bucket", "stale_hash_domain", "dns_zone"}) {
    EXPECT_FALSE(a.fixture(name).empty()) << name;
  }
}

TEST(DevServerFixtures, ReferenceServerExposesThem) {
  ReferenceServer server(Catalog::builtin());
  EXPECT_EQ(server.fixtures().count("token"), 1u);
  HttpRequest request{"GET",
                      "/accounts/profile/",
                      {{"Authorization", "Bearer " + server.fixtures().at("token")}},
                      ""};
  EXPECT_EQ(server.handle(request).status, 200);
  auto transport = make_in_process_transport(server);
  Result<HttpResponse> sent = transport->send(request);
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->status, 200);
}

// What a fuzzer relies on between inputs: after reset() a resource created
// before is gone, the seeded ones are back, and the fixtures still work.
TEST(DevServerFixtures, ResetRestoresTheSeededState) {
  ReferenceServer server(Catalog::builtin());
  const Headers auth = {{"Authorization", "Bearer " + server.fixtures().at("token")}};
  const std::string seeded = server.fixtures().at("files_bucket");
  auto send = [&](const std::string& method, const std::string& target, std::string form = "") {
    Headers headers = auth;
    if (!form.empty()) headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    return server.handle(HttpRequest{method, target, headers, std::move(form)});
  };
  auto info = [&](const std::string& bucket) {
    return send("GET", "/buckets/info/?bucket_name=" + bucket);
  };
  ASSERT_EQ(send("PUT", "/buckets/", "bucket_name=reset-made&type=file").status, 201);
  ASSERT_EQ(info("reset-made").status, 200);
  ASSERT_EQ(send("POST", "/buckets/visible/", "bucket_name=" + seeded + "&visible=false").status,
            200);
  ASSERT_NE(info(seeded).body.find("\"visible\":false"), std::string::npos);

  server.reset();
  EXPECT_EQ(info("reset-made").status, 404);
  const HttpResponse restored = info(seeded);
  EXPECT_EQ(restored.status, 200);
  EXPECT_NE(restored.body.find("\"visible\":true"), std::string::npos) << restored.body;
  EXPECT_EQ(send("GET", "/accounts/profile/").status, 200);

  // A reset with nothing changed since, then a change: the next reset still restores.
  server.reset();
  ASSERT_EQ(send("PUT", "/buckets/", "bucket_name=reset-made&type=file").status, 201);
  server.reset();
  EXPECT_EQ(info("reset-made").status, 404);
}

TEST(DevServerParams, JsonBodyIsAccepted) {
  DevApi api;
  HttpResponse r = api.send_body("PUT", "/buckets/", "application/json; charset=utf-8",
                                 R"({"bucket_name": "json-bucket", "type": "image", "quota": 10})");
  EXPECT_EQ(outcome(r), "ok 201");
}

TEST(DevServerParams, MalformedJsonIsTheModuleParameterError) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/json", "{\"bucket_name\":")),
            "21201 400");
  EXPECT_EQ(outcome(api.send_body("PUT", "/operators/", "application/json", "[1,2]")), "21401 400");
}

TEST(DevServerParams, NestedJsonValueIsAParameterError) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/json",
                                  R"({"bucket_name": {"a": 1}})")),
            "21201 400");
}

TEST(DevServerParams, WrongTypeFailsValidation) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/json",
                                  R"({"bucket_name": "typed-bucket", "quota": true})")),
            "21201 400");
}

TEST(DevServerParams, DeepJsonIsRejectedWithoutCrashing) {
  DevApi api;
  std::string deep = "{\"a\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/json", deep)), "21201 400");
}

TEST(DevServerParams, BadPercentEncodingIsAParameterError) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/x-www-form-urlencoded",
                                  "bucket_name=ab%zz")),
            "21201 400");
  EXPECT_EQ(outcome(api.send("GET", "/buckets/info/?bucket_name=%4")), "21201 400");
}

TEST(DevServerParams, InvalidUtf8IsAParameterError) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/operators/", "application/x-www-form-urlencoded",
                                  "operator_name=abc&password=secret1&realname=%C3%28")),
            "21401 400");
}

TEST(DevServerParams, UnsupportedContentTypeIsAParameterError) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "text/plain", "bucket_name=abc")),
            "21201 400");
}

TEST(DevServerParams, FormWithoutContentTypeIsRead) {
  DevApi api;
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "", "bucket_name=untyped-form")), "ok 201");
}

TEST(DevServerParams, HugeBodyIsAnsweredNotCrashed) {
  DevApi api;
  std::string body = "bucket_name=" + std::string(8 << 20, 'a');
  EXPECT_EQ(outcome(api.send_body("PUT", "/buckets/", "application/x-www-form-urlencoded", body)),
            "21201 400");
}

TEST(DevServerParams, UnknownParametersAreIgnored) {
  DevApi api;
  EXPECT_EQ(
      outcome(api.send("PUT", "/buckets/", {{"bucket_name", "extra-params"}, {"colour", "red"}})),
      "ok 201");
}

TEST(DevServerParams, DeleteReadsAFormBodyToo) {
  DevApi api;
  api.make_bucket("form-delete");
  HttpResponse r =
      api.send_body("DELETE", "/buckets/", "application/x-www-form-urlencoded",
                    "bucket_name=form-delete&password=" + url_encode(api.fixture("password")));
  EXPECT_EQ(outcome(r), "ok 200");
}

// A 2015 client sent POST /operators/disable/?operator_name=...: a POST reads
// its query string too, after its body (the body's value wins).
TEST(DevServerParams, PostReadsTheQueryStringAfterTheBody) {
  DevApi api;
  api.make_bucket("query-post");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/quota/?bucket_name=query-post&quota=5")), "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/quota/?bucket_name=query-post&quota=5",
                             {{"bucket_name", "not-there"}})),
            "21203 404");
}

TEST(DevServerProfile, DescribesTheAccount) {
  DevApi api;
  HttpResponse r = api.send("GET", "/accounts/profile/");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("\"username\":\"" + api.fixture("username") + "\""), std::string::npos)
      << r.body;
}

// Deterministic garbage on every route: each answer is a status with either a
// JSON success body or a well-formed envelope, and nothing crashes (the suite
// runs under ASan and UBSan).
TEST(DevServerRobustness, RandomRequestsGetWellFormedAnswers) {
  DevApi api;
  std::mt19937 rng(20240601);
  const std::vector<std::string> paths = {"/buckets/",
                                          "/buckets/info/",
                                          "/buckets/domains/",
                                          "/buckets/domains/verify/",
                                          "/buckets/domains/https/",
                                          "/buckets/antileech/ip/",
                                          "/buckets/antileech/useragent/",
                                          "/buckets/antileech/domain/",
                                          "/buckets/thumbnails/",
                                          "/buckets/watermark/",
                                          "/buckets/cdn/",
                                          "/purge/",
                                          "/operators/",
                                          "/buckets/operators/",
                                          "/buckets/formapi/"};
  const std::vector<std::string> methods = {"GET", "PUT", "POST", "DELETE"};
  const std::vector<std::string> types = {"application/json", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=B", "", "text/plain"};
  const std::string alphabet = "ab=&%{}[]\":,\r\n-B*./0123456789\x01\xC3\xFF name";
  for (int i = 0; i < 3000; ++i) {
    std::string body;
    const std::size_t length = rng() % 200;
    for (std::size_t k = 0; k < length; ++k) body.push_back(alphabet[rng() % alphabet.size()]);
    if (i % 3 == 0) body = "bucket_name=" + api.fixture("files_bucket") + "&" + body;
    HttpResponse r = api.send_body(methods[rng() % methods.size()], paths[rng() % paths.size()],
                                   types[rng() % types.size()], body);
    ASSERT_GE(r.status, 200) << body;
    if (r.status >= 400) {
      ASSERT_TRUE(parse_envelope(r.body).ok()) << r.body;
    }
  }
}

}  // namespace
}  // namespace errcontract::testing
