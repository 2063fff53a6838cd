// build_request: expansion, percent-encoding, body kinds and their
// Content-Type, Authorization from an auth fixture.
#include "exec/request_builder.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

struct Scope {
  Fixtures fixtures{{"token", "tok-123"}};
  VariableScope scope;
  Scope() {
    scope.run = "rabc";
    scope.uniq = "rabc7";
    scope.fixtures = &fixtures;
    scope.captures["id"] = "b\"1";
    scope.env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  }
};

RequestSpec spec_for(std::string method, std::string path) {
  RequestSpec spec;
  spec.method = std::move(method);
  spec.path = std::move(path);
  return spec;
}

std::string header(const HttpRequest& r, std::string_view name) {
  const std::string* v = find_header(r.headers, name);
  return v == nullptr ? "<none>" : *v;
}

TEST(BuildRequest, ExpandsPathAndEncodesQuery) {
  Scope s;
  RequestSpec spec = spec_for("GET", "/buckets/${uniq}/");
  spec.query = {{"name", "${uniq} x&y"}, {"q", "ü/~"}};
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok()) << built.status().message();
  EXPECT_EQ(built->path, "/buckets/rabc7/");
  EXPECT_EQ(built->http.target, "/buckets/rabc7/?name=rabc7%20x%26y&q=%C3%BC%2F~");
  EXPECT_EQ(built->http.body, "");
  EXPECT_EQ(header(built->http, "Content-Type"), "<none>");
}

TEST(BuildRequest, FormBodyIsUrlEncodedWithContentType) {
  Scope s;
  RequestSpec spec = spec_for("PUT", "/operators/");
  spec.body_kind = BodyKind::kForm;
  spec.form = {{"operator_name", "${run}-op"}, {"password", "a b+c"}};
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->http.body, "operator_name=rabc-op&password=a%20b%2Bc");
  EXPECT_EQ(header(built->http, "Content-Type"), "application/x-www-form-urlencoded");
}

TEST(BuildRequest, JsonBodyExpandsValuesAsJsonStrings) {
  Scope s;
  RequestSpec spec = spec_for("POST", "/x/");
  spec.body_kind = BodyKind::kJson;
  spec.json = R"({"id": "${id}", "n": 1.50, "list": [true, null, "${uniq}"]})";
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok());
  // The captured value holds a quote: it is escaped, and numbers keep their text.
  EXPECT_EQ(built->http.body, R"({"id":"b\"1","n":1.50,"list":[true,null,"rabc7"]})");
  EXPECT_EQ(header(built->http, "Content-Type"), "application/json");
}

TEST(BuildRequest, RawBodyUsesItsContentType) {
  Scope s;
  RequestSpec spec = spec_for("POST", "/x/");
  spec.body_kind = BodyKind::kRaw;
  spec.raw = "{not json ${uniq}";
  spec.content_type = "application/json";
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->http.body, "{not json rabc7");
  EXPECT_EQ(header(built->http, "Content-Type"), "application/json");
}

TEST(BuildRequest, ExplicitContentTypeHeaderWins) {
  Scope s;
  RequestSpec spec = spec_for("PUT", "/x/");
  spec.headers = {{"Content-Type", "text/plain"}};
  spec.body_kind = BodyKind::kForm;
  spec.form = {{"a", "1"}};
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(header(built->http, "Content-Type"), "text/plain");
  EXPECT_EQ(built->http.headers.size(), 1u);
}

TEST(BuildRequest, AuthSendsBearerToken) {
  Scope s;
  RequestSpec spec = spec_for("GET", "/accounts/profile/");
  spec.auth = "token";
  auto built = build_request(spec, s.scope);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(header(built->http, "Authorization"), "Bearer tok-123");
}

TEST(BuildRequest, MissingAuthFixtureIsAnError) {
  Scope s;
  RequestSpec spec = spec_for("GET", "/");
  spec.auth = "blocked_token";
  auto built = build_request(spec, s.scope);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message(), "auth: fixture \"blocked_token\" not provided");
}

TEST(BuildRequest, UnknownVariableNamesWhere) {
  Scope s;
  RequestSpec spec = spec_for("GET", "/");
  spec.query = {{"bucket", "${nope}"}};
  auto built = build_request(spec, s.scope);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.status().message().rfind("query parameter \"bucket\": ", 0), 0u)
      << built.status().message();
}

TEST(PercentEncode, KeepsOnlyUnreserved) {
  EXPECT_EQ(percent_encode("aZ0-._~"), "aZ0-._~");
  EXPECT_EQ(percent_encode(" /?#&=+%"), "%20%2F%3F%23%26%3D%2B%25");
}

}  // namespace
}  // namespace errcontract::internal
