// The response checks as the runner walks them (check_table.h): each finding
// id shown failing and passing, the documented order (status, content type,
// body, envelope, code, message, request), and the step check.
#include "checks/check_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"

namespace errcontract::internal {
namespace {

const Catalog& catalog() { return Catalog::builtin(); }

HttpResponse json_response(int status, std::string body,
                           std::string content_type = "application/json") {
  HttpResponse r;
  r.status = status;
  if (!content_type.empty()) r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

// A conforming 409 for 21402 answering PUT /operators/.
HttpResponse operator_exists() {
  return json_response(409, build_envelope(catalog(), "21402", "PUT", "/operators/"));
}

TriggerExpectation operator_expectation() {
  TriggerExpectation e;
  e.code = "21402";
  e.method = "PUT";
  e.path = "/operators/";
  return e;
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.emplace_back(to_string(f.id));
  return out;
}

using Ids = std::vector<std::string>;

TEST(TriggerChecks, ConformingResponsePasses) {
  EXPECT_TRUE(check_trigger_response(operator_exists(), catalog(), operator_expectation()).empty());
}

TEST(TriggerChecks, StatusMismatchAgainstCatalog) {
  HttpResponse r = operator_exists();
  r.status = 400;
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_EQ(ids(findings), (Ids{"status.mismatch"}));
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].message,
            "expected HTTP status 409 (the catalog's status for 21402), got 400");
}

TEST(TriggerChecks, StatusFromCaseOverridesCatalog) {
  TriggerExpectation e = operator_expectation();
  e.statuses = {400, 422};
  EXPECT_EQ(ids(check_trigger_response(operator_exists(), catalog(), e)), (Ids{"status.mismatch"}));
  HttpResponse r = operator_exists();
  r.status = 422;
  EXPECT_TRUE(check_trigger_response(r, catalog(), e).empty());
}

TEST(TriggerChecks, StatusMismatchListsEveryAcceptedStatus) {
  auto f = check_status(200, {400, 404, 422}, "21402", catalog());
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->message, "expected HTTP status 400, 404 or 422 (the case's expect.status), got 200");
}

// 21103 is 403 in the catalog, with 429 as its documented alternative.
TEST(TriggerChecks, DocumentedAlternativeIsAWarning) {
  auto f = check_status(429, {}, "21103", catalog());
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(to_string(f->id), "status.alternative");
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->message,
            "HTTP status 429 is a documented alternative for 21103, whose status is 403");
}

TEST(TriggerChecks, DocumentedAlternativeIsAnErrorUnderStrictStatus) {
  auto f = check_status(429, {}, "21103", catalog(), true);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(to_string(f->id), "status.alternative");
  EXPECT_EQ(f->severity, Severity::kError);
}

TEST(TriggerChecks, MainStatusPassesUnderStrictStatus) {
  EXPECT_FALSE(check_status(403, {}, "21103", catalog(), true).has_value());
}

TEST(TriggerChecks, StatusOutsideMainAndAlternativesNamesBoth) {
  auto f = check_status(400, {}, "21103", catalog());
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(to_string(f->id), "status.mismatch");
  EXPECT_EQ(f->message,
            "expected HTTP status 403 or 429 (the catalog's status for 21103 and its "
            "alternatives), got 400");
}

// No catalog status to compare with: nothing to find (and nothing read).
TEST(TriggerChecks, StatusOfACodeNotInTheCatalogIsNotJudged) {
  EXPECT_FALSE(check_status(400, {}, "29999", catalog()).has_value());
}

// CheckInput::catalog null: nothing is compared with a catalog, the status neither.
TEST(TriggerChecks, WithoutACatalogTheStatusIsNotJudged) {
  const HttpResponse r = json_response(500, "{}", "text/plain");
  CheckInput input;
  input.response = &r;
  input.expect.code = "21402";
  CheckState state;
  EXPECT_EQ(ids(run_response_checks(input, state)), (Ids{"content_type.not_json"}));
}

TEST(TriggerChecks, CaseStatusIsNotWidenedByAlternatives) {
  auto f = check_status(429, {403}, "21103", catalog());
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(to_string(f->id), "status.mismatch");
}

TEST(TriggerChecks, StrictStatusReachesTheStatusCheck) {
  HttpResponse r = operator_exists();
  r.status = 429;
  TriggerExpectation e = operator_expectation();
  e.code = "21103";
  e.message = "Too many requests.";
  for (bool strict : {false, true}) {
    e.strict_status = strict;
    std::vector<Finding> findings = check_trigger_response(r, catalog(), e);
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(to_string(findings[0].id), "status.alternative");
    EXPECT_EQ(findings[0].severity, strict ? Severity::kError : Severity::kWarning);
  }
}

TEST(TriggerChecks, ContentTypeNotJson) {
  HttpResponse r = operator_exists();
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_EQ(ids(findings), (Ids{"content_type.not_json"}));
  EXPECT_EQ(findings[0].severity, Severity::kError);
  EXPECT_EQ(findings[0].message,
            "Content-Type \"text/html; charset=utf-8\": media type is \"text/html\", expected "
            "application/json");
}

TEST(TriggerChecks, MissingContentTypeIsNotJson) {
  auto f = check_content_type({}, false);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "content_type.not_json");
  EXPECT_EQ(f->message, "no Content-Type header");
}

TEST(TriggerChecks, ContentTypeAllowsUtf8CharsetAndCase) {
  EXPECT_FALSE(check_content_type({{"content-type", "application/json"}}, false));
  EXPECT_FALSE(check_content_type({{"Content-Type", "Application/JSON; charset=UTF-8"}}, false));
  EXPECT_FALSE(check_content_type({{"Content-Type", "application/json;charset=\"utf-8\""}}, false));
}

TEST(TriggerChecks, ContentTypeRejectsOtherCharsetAndJsonVariants) {
  auto latin =
      check_content_type({{"Content-Type", "application/json; charset=iso-8859-1"}}, false);
  ASSERT_TRUE(latin.has_value());
  EXPECT_EQ(
      latin->message,
      "Content-Type \"application/json; charset=iso-8859-1\": charset is \"iso-8859-1\"; JSON "
      "is UTF-8");
  EXPECT_TRUE(check_content_type({{"Content-Type", "application/problem+json"}}, false));
  EXPECT_TRUE(check_content_type({{"Content-Type", "text/json"}}, false));
}

TEST(TriggerChecks, ContentTypeIgnoresSpacesAroundMediaTypeAndParameters) {
  EXPECT_FALSE(check_content_type({{"Content-Type", " application/json ; charset=utf-8 "}}, false));
  EXPECT_FALSE(
      check_content_type({{"Content-Type", "application/json\t;\tcharset = utf-8"}}, false));
}

// Every parameter is read, the charset wherever it is.
TEST(TriggerChecks, ContentTypeReadsTheCharsetAfterOtherParameters) {
  EXPECT_FALSE(
      check_content_type({{"Content-Type", "application/json; q=1; charset=utf-8"}}, false));
  EXPECT_TRUE(
      check_content_type({{"Content-Type", "application/json; q=1;charset=iso-8859-1"}}, false));
}

// The parameter right after ';', with no space, is read whole.
TEST(TriggerChecks, ContentTypeReadsACharsetRightAfterTheSemicolon) {
  auto f = check_content_type({{"Content-Type", "application/json;charset=iso-8859-1"}}, false);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->message,
            "Content-Type \"application/json;charset=iso-8859-1\": charset is \"iso-8859-1\"; "
            "JSON is UTF-8");
}

// Quotes around the charset are stripped only as a pair.
TEST(TriggerChecks, ContentTypeStripsOnlyAPairOfQuotesFromTheCharset) {
  auto empty = check_content_type({{"Content-Type", "application/json; charset=\"\""}}, false);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->message,
            "Content-Type \"application/json; charset=\"\"\": charset is \"\"; JSON is UTF-8");
  auto lone = check_content_type({{"Content-Type", "application/json; charset=\""}}, false);
  ASSERT_TRUE(lone.has_value());
  EXPECT_EQ(lone->message,
            "Content-Type \"application/json; charset=\"\": charset is \"\"\"; JSON is UTF-8");
  EXPECT_TRUE(check_content_type({{"Content-Type", "application/json; charset=\"utf-8"}}, false));
  EXPECT_TRUE(check_content_type({{"Content-Type", "application/json; charset=utf-8\""}}, false));
}

TEST(TriggerChecks, LenientMakesContentTypeAWarning) {
  auto f = check_content_type({{"Content-Type", "text/plain"}}, true);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->severity, Severity::kWarning);
}

TEST(TriggerChecks, EnvelopeParseFindingsFollowContentType) {
  HttpResponse r = json_response(500, "<html>oops</html>", "text/html");
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_GE(findings.size(), 3u);
  EXPECT_EQ(findings[0].id, "status.mismatch");
  EXPECT_EQ(findings[1].id, "content_type.not_json");
  EXPECT_EQ(findings[2].id, "body.not_json");
}

TEST(TriggerChecks, EnvelopeMissingFieldStopsEnvelopeChecks) {
  HttpResponse r = json_response(409, R"({"error_code": "21401"})");
  auto found = ids(check_trigger_response(r, catalog(), operator_expectation()));
  EXPECT_NE(std::find(found.begin(), found.end(), "envelope.missing_field"), found.end());
  // No envelope, so no code.mismatch although 21401 != 21402.
  EXPECT_EQ(std::find(found.begin(), found.end(), "code.mismatch"), found.end());
}

TEST(TriggerChecks, CodeMismatch) {
  HttpResponse r = json_response(409, build_envelope(catalog(), "21202", "PUT", "/operators/"));
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_EQ(ids(findings), (Ids{"code.mismatch"}));
  EXPECT_EQ(findings[0].pointer, "/error_code");
}

TEST(TriggerChecks, MessageMismatchByCatalogRule) {
  HttpResponse r = json_response(
      409, build_envelope_raw("21402", "PUT /operators/", "Operator exists already."));
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_EQ(ids(findings), (Ids{"message.mismatch"}));
  EXPECT_EQ(findings[0].pointer, "/message");
}

TEST(TriggerChecks, MessageOverrideReplacesCatalogRule) {
  TriggerExpectation e = operator_expectation();
  e.message = "Operator exists already.";
  HttpResponse custom = json_response(
      409, build_envelope_raw("21402", "PUT /operators/", "Operator exists already."));
  EXPECT_TRUE(check_trigger_response(custom, catalog(), e).empty());

  auto findings = check_trigger_response(operator_exists(), catalog(), e);
  ASSERT_EQ(ids(findings), (Ids{"message.mismatch"}));
  EXPECT_EQ(findings[0].message,
            "expected message \"Operator exists already.\" (the case's expect.message), got "
            "\"Operator already exists.\"");
}

TEST(TriggerChecks, MessageOverrideRunsInTheMessageCheckBeforeRequest) {
  TriggerExpectation e = operator_expectation();
  e.message = "Custom.";
  HttpResponse r = json_response(409, build_envelope(catalog(), "21402", "PUT", "/elsewhere/"));
  EXPECT_EQ(ids(check_trigger_response(r, catalog(), e)),
            (Ids{"message.mismatch", "request.mismatch"}));
}

TEST(TriggerChecks, RequestMismatchComparesWithWhatWasSent) {
  HttpResponse r = json_response(409, build_envelope(catalog(), "21402", "POST", "/operators/"));
  auto findings = check_trigger_response(r, catalog(), operator_expectation());
  ASSERT_EQ(ids(findings), (Ids{"request.mismatch"}));
  EXPECT_EQ(findings[0].pointer, "/request");

  TriggerExpectation expanded = operator_expectation();
  expanded.path = "/operators/r1abcd-op";
  HttpResponse echo =
      json_response(409, build_envelope(catalog(), "21402", "PUT", "/operators/r1abcd-op"));
  EXPECT_TRUE(check_trigger_response(echo, catalog(), expanded).empty());
}

TEST(TriggerChecks, CodeUndocumented) {
  TriggerExpectation e = operator_expectation();
  e.code = "29999";
  e.statuses = {409};
  HttpResponse r =
      json_response(409, build_envelope_raw("29999", "PUT /operators/", "Something else."));
  EXPECT_EQ(ids(check_trigger_response(r, catalog(), e)), (Ids{"code.undocumented"}));
}

TEST(TriggerChecks, AllFindingsInDocumentedOrder) {
  HttpResponse r =
      json_response(200, build_envelope_raw("21203", "GET /x/", "Bucket not found?"), "text/plain");
  EXPECT_EQ(ids(check_trigger_response(r, catalog(), operator_expectation())),
            (Ids{"status.mismatch", "content_type.not_json", "code.mismatch", "message.mismatch",
                 "request.mismatch"}));
}

TEST(StepChecks, AnyTwoHundredPassesByDefault) {
  EXPECT_FALSE(check_step_status(200, {}, "setup[0]", "PUT /operators/"));
  EXPECT_FALSE(check_step_status(201, {}, "setup[0]", "PUT /operators/"));
  EXPECT_FALSE(check_step_status(204, {}, "teardown[0]", "DELETE /operators/"));
}

TEST(StepChecks, DefaultRangeIsExactly200To299) {
  EXPECT_FALSE(check_step_status(299, {}, "setup[0]", "PUT /operators/"));
  EXPECT_TRUE(check_step_status(199, {}, "setup[0]", "PUT /operators/"));
  EXPECT_TRUE(check_step_status(300, {}, "setup[0]", "PUT /operators/"));
}

TEST(StepChecks, NonTwoHundredFailsByDefault) {
  auto f = check_step_status(409, {}, "setup[1]", "PUT /operators/");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->id, "step.status");
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->message, "setup[1] PUT /operators/: expected HTTP status 2xx, got 409");
}

TEST(StepChecks, ExplicitStatusesReplaceTheDefault) {
  EXPECT_FALSE(check_step_status(404, {200, 404}, "teardown[0]", "DELETE /x/"));
  auto f = check_step_status(201, {200}, "setup[0]", "PUT /x/");
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->message, "setup[0] PUT /x/: expected HTTP status 200, got 201");
}

}  // namespace
}  // namespace errcontract::internal
