#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "errcontract/envelope.h"

namespace errcontract {
namespace {

// One code per message rule, so these tests do not move with the shipped catalog.
const Catalog& test_catalog() {
  static const Catalog catalog = [] {
    auto entry = [](std::string_view code, std::string_view message, std::string_view rule) {
      return "{\"code\":\"" + std::string(code) + "\",\"level\":2,\"module\":\"" +
             std::string(code.substr(1, 2)) + "\",\"module_name\":\"m\",\"detail\":\"" +
             std::string(code.substr(3, 2)) +
             "\",\"status\":400,\"status_reason\":\"r\",\"status_alternatives\":[],"
             "\"message\":\"" +
             std::string(message) + "\",\"message_rule\":\"" + std::string(rule) +
             "\",\"description_zh\":\"z\",\"endpoints\":[{\"endpoint\":\"PUT "
             "/operators/\",\"source\":\"table\","
             "\"evidence\":\"e\"}],"
             "\"notes\":[],"
             "\"source\":\"table\"}";
    };
    const std::string json = "{\"codes\":[" + entry("21402", "Operator already exists.", "exact") +
                             "," + entry("21221", "invalid ip:...", "prefix") + "," +
                             entry("21401", "", "any") + "]}";
    auto parsed = Catalog::parse(json, "test-catalog");
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return std::move(parsed).value();
  }();
  return catalog;
}

Envelope envelope(std::string code, std::string request, std::string message) {
  Envelope e;
  e.error_code = std::move(code);
  e.request = std::move(request);
  e.message = std::move(message);
  return e;
}

std::string ids(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += describe(f) + "\n";
  return out;
}

const Envelope kGood = envelope("21402", "PUT /operators/", "Operator already exists.");

TEST(EnvelopeCheck, AcceptsConformingEnvelope) {
  Expectation expect;
  expect.code = "21402";
  expect.method = "PUT";
  expect.path = "/operators/";
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), expect).empty());
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), {}).empty());
}

TEST(EnvelopeCheck, RejectsUndocumentedCode) {
  const auto findings = check_envelope(envelope("21499", "PUT /x", "Nope."), test_catalog(), {});
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "code.undocumented");
  EXPECT_EQ(findings[0].message, "error_code \"21499\" is not in the error table");
  EXPECT_EQ(findings[0].pointer, "/error_code");
}

TEST(EnvelopeCheck, RejectsCodeMismatch) {
  Expectation expect;
  expect.code = "21221";
  const auto findings = check_envelope(kGood, test_catalog(), expect);
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "code.mismatch");
  EXPECT_EQ(findings[0].message, "expected error_code 21221 (\"invalid ip:...\"), got \"21402\"");
}

// The expected code's message is quoted only when the catalog has one.
TEST(EnvelopeCheck, CodeMismatchQuotesTheExpectedMessageOnlyWhenThereIsOne) {
  Expectation expect;
  expect.code = "29999";  // not in the catalog
  auto findings = check_envelope(kGood, test_catalog(), expect);
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].message, "expected error_code 29999, got \"21402\"");
  expect.code = "21401";  // message rule "any": no message
  findings = check_envelope(kGood, test_catalog(), expect);
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].message, "expected error_code 21401, got \"21402\"");
}

TEST(EnvelopeCheck, RejectsExactMessageMismatch) {
  const auto findings = check_envelope(
      envelope("21402", "PUT /operators/", "Operator already exists"), test_catalog(), {});
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "message.mismatch");
  EXPECT_EQ(findings[0].message,
            "code 21402 expects the message \"Operator already exists.\", got \"Operator already "
            "exists\"");
}

TEST(EnvelopeCheck, PrefixRuleMatchesThePartBeforeThePlaceholder) {
  for (const std::string_view ok : {"invalid ip:1.2.3.999", "invalid ip:", "invalid ip: x"}) {
    EXPECT_TRUE(
        check_envelope(envelope("21221", "PUT /x", std::string(ok)), test_catalog(), {}).empty())
        << ok;
  }
  const auto findings =
      check_envelope(envelope("21221", "PUT /x", "invalid IP: 1.2.3.4"), test_catalog(), {});
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "message.mismatch");
  EXPECT_EQ(findings[0].message,
            "code 21221 expects a message starting with \"invalid ip:\", got \"invalid IP: "
            "1.2.3.4\"");
}

TEST(EnvelopeCheck, AnyRuleNeedsANonEmptyMessage) {
  EXPECT_TRUE(check_envelope(envelope("21401", "PUT /x", "whatever"), test_catalog(), {}).empty());
  const auto findings = check_envelope(envelope("21401", "PUT /x", ""), test_catalog(), {});
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "message.mismatch");
}

TEST(EnvelopeCheck, RejectsRequestMismatch) {
  Expectation expect;
  expect.method = "PUT";
  expect.path = "/operators/?name=x";  // the query string is not part of the echo
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), expect).empty());

  expect.path = "/operators";
  const auto findings = check_envelope(kGood, test_catalog(), expect);
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "request.mismatch");
  EXPECT_EQ(findings[0].message,
            "\"request\" should name the request sent, \"PUT /operators\"; got \"PUT "
            "/operators/\"");
  EXPECT_EQ(findings[0].pointer, "/request");
}

TEST(EnvelopeCheck, AcceptsTheEchoWithOrWithoutTheTargetsBasePath) {
  Expectation expect;
  expect.method = "PUT";
  expect.path = "/operators/";
  expect.base_path = "/uapi";
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), expect).empty());
  const Envelope prefixed = envelope("21402", "PUT /uapi/operators/", "Operator already exists.");
  EXPECT_TRUE(check_envelope(prefixed, test_catalog(), expect).empty());
  const Envelope other = envelope("21402", "PUT /other/operators/", "Operator already exists.");
  EXPECT_EQ(check_envelope(other, test_catalog(), expect).size(), 1u);
  expect.base_path.clear();  // without a base path, the prefixed echo is a mismatch
  EXPECT_EQ(check_envelope(prefixed, test_catalog(), expect).size(), 1u);
}

TEST(EnvelopeCheck, ChecksMethodOrPathAlone) {
  Expectation method_only;
  method_only.method = "POST";
  ASSERT_EQ(check_envelope(kGood, test_catalog(), method_only).size(), 1u);
  method_only.method = "PUT";
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), method_only).empty());

  Expectation path_only;
  path_only.path = "/buckets/";
  const auto findings = check_envelope(kGood, test_catalog(), path_only);
  ASSERT_EQ(findings.size(), 1u) << ids(findings);
  EXPECT_EQ(findings[0].id, "request.mismatch");
  path_only.path = "/operators/";
  EXPECT_TRUE(check_envelope(kGood, test_catalog(), path_only).empty());
}

TEST(EnvelopeCheck, ReportsEveryProblemAtOnce) {
  Expectation expect;
  expect.code = "21402";
  expect.method = "PUT";
  expect.path = "/operators/";
  const auto findings =
      check_envelope(envelope("21221", "GET /x", "wrong"), test_catalog(), expect);
  ASSERT_EQ(findings.size(), 3u) << ids(findings);
  EXPECT_EQ(findings[0].id, "code.mismatch");
  EXPECT_EQ(findings[1].id, "message.mismatch");
  EXPECT_EQ(findings[2].id, "request.mismatch");
}

TEST(RequestEcho, StripsQueryAndFragment) {
  EXPECT_EQ(request_echo("GET", "/buckets/?limit=5"), "GET /buckets/");
  EXPECT_EQ(request_echo("GET", "/buckets/#top"), "GET /buckets/");
  EXPECT_EQ(request_echo("DELETE", "/operators/"), "DELETE /operators/");
}

TEST(RequestEcho, KeepsOnlyThePathOfAnAbsoluteUrl) {
  EXPECT_EQ(request_echo("GET", "https://api.example.test/accounts/profile/?x=1"),
            "GET /accounts/profile/");
  EXPECT_EQ(request_echo("GET", "http://127.0.0.1:8080"), "GET /");
  EXPECT_EQ(request_echo("GET", ""), "GET /");
}

}  // namespace
}  // namespace errcontract
