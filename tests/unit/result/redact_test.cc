// Redactor: credential headers, fixture values in every encoding, secret
// form/query fields and JSON members.
#include "result/redact.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(Redact, CredentialHeadersAreMasked) {
  Redactor r(Fixtures{});
  Headers h = {{"authorization", "Bearer x"},
               {"Cookie", "a=b"},
               {"Set-Cookie", "s=1"},
               {"Proxy-Authorization", "Basic y"},
               {"Accept", "*/*"}};
  r.headers(h);
  EXPECT_EQ(h, (Headers{{"authorization", "***"},
                        {"Cookie", "***"},
                        {"Set-Cookie", "***"},
                        {"Proxy-Authorization", "***"},
                        {"Accept", "*/*"}}));
}

TEST(Redact, SecretLookingHeaderNamesAndExtraSecretsAreMasked) {
  Redactor r(Fixtures{}, {"k-123456"});
  Headers h = {{"X-Api-Key", "k-123456"},
               {"X-Auth-Token", "t"},
               {"X-Client-Secret", "s"},
               {"X-Request-Id", "id-k-123456"}};
  r.headers(h);
  EXPECT_EQ(h, (Headers{{"X-Api-Key", "***"},
                        {"X-Auth-Token", "***"},
                        {"X-Client-Secret", "***"},
                        {"X-Request-Id", "id-***"}}));
  EXPECT_EQ(r.text("gateway says: bad key k-123456"), "gateway says: bad key ***");
  EXPECT_FALSE(is_secret_header_name("Accept"));
  EXPECT_TRUE(is_secret_header_name("COOKIE"));
}

TEST(Redact, FixtureValuesInAnyEncoding) {
  Redactor r(Fixtures{{"password", "p@ss w\"rd"}, {"short", "ab"}});
  EXPECT_EQ(r.text("x p@ss w\"rd y"), "x *** y");
  EXPECT_EQ(r.text("q=p%40ss%20w%22rd"), "q=***");
  EXPECT_EQ(r.text(R"({"m": "p@ss w\"rd"})"), R"({"m": "***"})");
  // Values shorter than kMinSecretLength are left alone.
  EXPECT_EQ(r.text("ab cd"), "ab cd");
}

TEST(Redact, SecretQueryAndFormFields) {
  Redactor r(Fixtures{});
  EXPECT_EQ(r.target("/oauth/?username=u&Password=hunter2&access_token=t"),
            "/oauth/?username=u&Password=***&access_token=***");
  EXPECT_EQ(r.target("/plain/path"), "/plain/path");
  EXPECT_EQ(redact_form_fields("secret=1&x=2&client_secret=3&"),
            "secret=***&x=2&client_secret=***&");
}

TEST(Redact, SecretJsonMembers) {
  EXPECT_EQ(redact_json_members(R"({"token": "abc", "name": "token", "n": {"password" : "a\"b"}})"),
            R"({"token": "***", "name": "token", "n": {"password" : "***"}})");
  // Non-string values and broken JSON are left as they are.
  EXPECT_EQ(redact_json_members(R"({"token": 5, "secret": "unterminated)"),
            R"({"token": 5, "secret": "unterminated)");
}

TEST(Redact, BodyKindFollowsContentType) {
  Redactor r(Fixtures{});
  EXPECT_EQ(r.body("password=x", {{"Content-Type", "application/x-www-form-urlencoded"}}),
            "password=***");
  EXPECT_EQ(r.body(R"({"token":"x"})", {}), R"({"token":"***"})");
  EXPECT_EQ(r.body("password=x", {{"Content-Type", "text/plain"}}), "password=x");
}

}  // namespace
}  // namespace errcontract::internal
