// apply_fault on one conforming 21402 response: the exact bytes each mode
// sends, the responses it leaves alone, and the code filter. The runs of the
// case library against a faulty server are tests/e2e/fault_modes_test.cc.
#include "server/fault.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "errcontract/envelope.h"

namespace errcontract::internal {
namespace {

const Catalog& catalog() { return Catalog::builtin(); }

HttpResponse conforming(const std::string& code, const std::string& method,
                        const std::string& path) {
  HttpResponse r;
  r.status = catalog().find(code)->status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = build_envelope(catalog(), code, method, path);
  return r;
}

HttpResponse duplicate_operator() { return conforming("21402", "PUT", "/operators/"); }

HttpResponse faulted(FaultMode mode, HttpResponse response = duplicate_operator(),
                     std::string only_code = "") {
  return apply_fault(std::move(response), FaultSetting{mode, std::move(only_code)}, catalog());
}

std::string content_type(const HttpResponse& r) {
  const std::string* value = find_header(r.headers, "Content-Type");
  return value == nullptr ? "" : *value;
}

struct Expected {
  FaultMode mode;
  int status;
  std::string body;
};

TEST(ApplyFault, SendsTheExpectedBytesForEachMode) {
  const std::string original =
      R"({"error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})";
  const std::vector<Expected> table = {
      {FaultMode::kWrongStatus, 400, original},
      {FaultMode::kStatus200, 200, original},
      {FaultMode::kOtherCode, 409,
       R"({"error_code":"21403","request":"PUT /operators/","message":"Operator not found."})"},
      {FaultMode::kNumericCode, 409,
       R"({"error_code":21402,"request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kUndocumentedCode, 409,
       R"({"error_code":"21499","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kSystemLevelCode, 409,
       R"({"error_code":"11402","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kMissingErrorCode, 409,
       R"({"request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kMissingRequest, 409,
       R"({"error_code":"21402","message":"Operator already exists."})"},
      {FaultMode::kMissingMessage, 409, R"({"error_code":"21402","request":"PUT /operators/"})"},
      {FaultMode::kWrongRequest, 409,
       R"({"error_code":"21402","request":"PUT /operators","message":"Operator already exists."})"},
      {FaultMode::kTextContentType, 409, original},
      {FaultMode::kTruncatedBody, 409, original.substr(0, original.size() / 2)},
      {FaultMode::kWrappedEnvelope, 409, "{\"error\":" + original + "}"},
      {FaultMode::kEmptyBody, 409, ""},
      {FaultMode::kOtherMessage, 409,
       R"({"error_code":"21402","request":"PUT /operators/","message":"Operator not found."})"},
      {FaultMode::kDuplicateKey, 409,
       R"({"error_code":"21402","error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kInvalidUtf8, 409,
       "{\"error_code\":\"21402\",\"request\":\"PUT /operators/\",\"message\":\"Operator already "
       "exists.\xFF\"}"},
  };
  for (const Expected& e : table) {
    SCOPED_TRACE(std::string(to_string(e.mode)));
    const HttpResponse r = faulted(e.mode);
    EXPECT_EQ(r.status, e.status);
    EXPECT_EQ(r.body, e.body);
    EXPECT_EQ(content_type(r), e.mode == FaultMode::kTextContentType ? "text/plain; charset=utf-8"
                                                                     : "application/json");
  }
}

TEST(ApplyFault, SingleQuotedRequestIsTheTablesOwnExample) {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/tests/data/table-example.json",
                   std::ios::binary);
  std::stringstream example;
  example << in.rdbuf();
  ASSERT_FALSE(example.str().empty());
  EXPECT_EQ(faulted(FaultMode::kSingleQuotedRequest).body, example.str());
}

TEST(ApplyFault, HtmlPageReplacesBodyAndContentType) {
  HttpResponse r = faulted(FaultMode::kHtmlPage);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(content_type(r), "text/html; charset=utf-8");
  EXPECT_EQ(r.body.rfind("<!DOCTYPE html>", 0), 0u) << r.body;
  EXPECT_NE(r.body.find("<h1>Error 409</h1><p>Operator already exists.</p>"), std::string::npos);
  HttpResponse marked = conforming("21221", "POST", "/buckets/antileech/");
  marked.body = build_envelope_raw("21221", "POST /x/", "invalid ip:<1&2>");
  EXPECT_NE(faulted(FaultMode::kHtmlPage, marked).body.find("invalid ip:&lt;1&amp;2&gt;"),
            std::string::npos);
}

TEST(ApplyFault, WrongStatusOnA400Is409) {
  EXPECT_EQ(faulted(FaultMode::kWrongStatus, conforming("21401", "PUT", "/operators/")).status,
            409);
}

TEST(ApplyFault, WrongRequestAddsASlashWhereThereWasNone) {
  const HttpResponse r =
      faulted(FaultMode::kWrongRequest, conforming("21402", "PUT", "/operators"));
  EXPECT_EQ(parse_envelope(r.body).envelope->request, "PUT /operators/");
  const HttpResponse root = faulted(FaultMode::kWrongRequest, conforming("11001", "GET", "/"));
  EXPECT_EQ(parse_envelope(root.body).envelope->request, "GET /x");
}

TEST(ApplyFault, MarksEveryChangedResponse) {
  for (const FaultModeInfo& info : fault_modes()) {
    const HttpResponse r = faulted(info.mode);
    const std::string* header = find_header(r.headers, kFaultHeader);
    ASSERT_NE(header, nullptr) << info.name;
    EXPECT_EQ(*header, info.name);
  }
}

TEST(ApplyFault, LeavesSuccessNonEnvelopesAndNoneAlone) {
  HttpResponse ok;
  ok.status = 201;
  ok.body = R"({"result":true})";
  HttpResponse head = duplicate_operator();
  head.body.clear();  // a HEAD answer: nothing to rewrite
  for (const FaultModeInfo& info : fault_modes()) {
    SCOPED_TRACE(std::string(info.name));
    const HttpResponse a = faulted(info.mode, ok);
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(a.body, ok.body);
    EXPECT_TRUE(a.headers.empty());
    const HttpResponse b = faulted(info.mode, head);
    EXPECT_EQ(b.status, 409);
    EXPECT_EQ(find_header(b.headers, kFaultHeader), nullptr);
  }
  const HttpResponse none = faulted(FaultMode::kNone);
  EXPECT_EQ(none.body, duplicate_operator().body);
  EXPECT_EQ(none.headers.size(), 1u);
}

TEST(ApplyFault, SystemLevelLeavesSystemCodesAlone) {
  const HttpResponse token = conforming("11001", "GET", "/accounts/profile/");
  const HttpResponse r = faulted(FaultMode::kSystemLevelCode, token);
  EXPECT_EQ(r.body, token.body);
  EXPECT_EQ(find_header(r.headers, kFaultHeader), nullptr);
}

TEST(ApplyFault, OtherMessageLeavesAnyTextCodesAlone) {
  // 21401 has no English message in the table: every message is right.
  const HttpResponse param = conforming("21401", "PUT", "/operators/");
  EXPECT_EQ(faulted(FaultMode::kOtherMessage, param).body, param.body);
  // 21221's rule is a prefix ("invalid ip:"); the next code's message breaks it.
  HttpResponse ip = conforming("21221", "POST", "/buckets/antileech/");
  ip.body = build_envelope_raw("21221", "POST /buckets/antileech/", "invalid ip:999.1.1.1");
  const auto parsed = parse_envelope(faulted(FaultMode::kOtherMessage, ip).body);
  ASSERT_TRUE(parsed.envelope);
  EXPECT_EQ(parsed.envelope->error_code, "21221");
  EXPECT_EQ(parsed.envelope->message.rfind("invalid ip:", 0), std::string::npos);
  EXPECT_FALSE(parsed.envelope->message.empty());
}

TEST(ApplyFault, CodeFilterBreaksOnlyThatCode) {
  const HttpResponse other = conforming("21403", "DELETE", "/operators/");
  EXPECT_EQ(faulted(FaultMode::kEmptyBody, other, "21402").body, other.body);
  EXPECT_EQ(faulted(FaultMode::kEmptyBody, duplicate_operator(), "21402").body, "");
}

TEST(ApplyFault, UndocumentedCodeSkipsCataloguedCodes) {
  // 21299 is free; every code the table holds is skipped.
  const HttpResponse r =
      faulted(FaultMode::kUndocumentedCode, conforming("21201", "PUT", "/buckets/"));
  const auto parsed = parse_envelope(r.body);
  ASSERT_TRUE(parsed.envelope);
  EXPECT_EQ(catalog().find(parsed.envelope->error_code), nullptr) << parsed.envelope->error_code;
  EXPECT_EQ(parsed.envelope->error_code.substr(0, 3), "212");
}

}  // namespace
}  // namespace errcontract::internal
