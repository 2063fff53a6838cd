// Shared by the report writers' tests: a hand-built RunResult with one case of
// each verdict and awkward bytes in its exchanges, golden-file comparison
// (ERRC_UPDATE_GOLDEN=1 rewrites the files), strict JSON parsing, counting
// and a scratch directory.
#pragma once

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "errcontract/report_formats.h"
#include "errcontract/run_result.h"

namespace errcontract::testing {

// The file reporter of `format` (a name in the format table) writing `path`.
inline std::unique_ptr<FileReporter> report_for(std::string_view format, const std::string& path,
                                                std::ostream* diagnostics = nullptr) {
  auto made = make_file_reporter(std::string(format) + "=" + path, diagnostics);
  EXPECT_TRUE(made.ok()) << made.status().message();
  return std::move(made).value();
}

// The bytes a broken target might send: quotes, markup, an entity, a raw
// control character, an ANSI escape, CR LF, a NUL, invalid UTF-8 (a lone
// 0xFF, a truncated sequence, an encoded surrogate) and a U+FFFF.
inline std::string awkward_body() {
  static const char kBytes[] =
      "{\"error_code\": \"21401\", \"message\": \"<b>\\\"Tom & Jerry\\\"</b>\x01\x1b[31m\"}\r\n"
      "tail: caf\xc3\xa9 \xff \xc3\x28 \xed\xa0\x80 \xef\xbf\xbf end\x00!";
  return std::string(kBytes, sizeof(kBytes) - 1);
}

inline CaseResult make_case(std::string id, std::string code, std::string module_name,
                            std::string summary, Verdict verdict, double elapsed_ms) {
  CaseResult c;
  c.case_id = std::move(id);
  c.code = std::move(code);
  c.module = c.code.substr(1, 2);
  c.module_name = std::move(module_name);
  c.summary = std::move(summary);
  c.file = "cases/" + c.module_name + ".cases.json";
  c.verdict = verdict;
  c.elapsed_ms = elapsed_ms;
  return c;
}

inline RunResult sample_run_result() {
  RunResult run;
  run.target = "http://127.0.0.1:8080";
  run.started_at = "2024-05-01T12:00:00Z";
  run.run_id = "r1test";
  run.fixture_notes = {"fixture token was rejected by the target (401, 11001): expired or revoked?",
                       "fixture token obtained again (POST /oauth/token/)"};
  run.elapsed_ms = 1234.5;

  CaseResult passed = make_case("token-missing", "11001", "system", "A request without a token",
                                Verdict::kPassed, 2.25);
  passed.findings.push_back({FindingId::kEnvelopeExtraMember,
                             Severity::kWarning,
                             "unexpected member \"type\"",
                             {},
                             "/type"});
  Exchange get;
  get.phase = "request";
  get.request = {"GET", "/buckets/", {{"Accept", "application/json"}}, ""};
  get.response = HttpResponse{
      401,
      {{"Content-Type", "application/json"}},
      R"({"error_code":"11001","request":"GET /buckets/","message":"Invalid token.","type":"auth"})",
      false};
  get.elapsed_ms = 1.5;
  passed.exchanges.push_back(get);
  run.cases.push_back(passed);

  CaseResult failed =
      make_case("operator-create-duplicate", "21402", "operator",
                "Creating an operator whose name is taken", Verdict::kFailed, 12.3456);
  failed.findings.push_back(
      {FindingId::kStatusMismatch, Severity::kError, "expected 409, got 200", {}, ""});
  failed.findings.push_back({FindingId::kCodeMismatch,
                             Severity::kError,
                             "expected \"21402\", got \"21401\"",
                             {},
                             "/error_code"});
  failed.findings.push_back(
      {FindingId::kBodyInvalidUtf8, Severity::kError, "ill-formed UTF-8 \\xFF", 95, ""});
  failed.findings.push_back({FindingId::kMessageMismatch,
                             Severity::kWarning,
                             "expected \"Operator already exists.\", got \"<b>\"",
                             {},
                             "/message"});
  Exchange setup;
  setup.phase = "setup[0]";
  setup.request = {
      "PUT",
      "/operators/",
      {{"Authorization", "[redacted]"}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "operator_name=r1-op&password=[redacted]"};
  setup.response = HttpResponse{201, {{"Content-Type", "application/json"}}, "{}", false};
  setup.elapsed_ms = 3.25;
  failed.exchanges.push_back(setup);
  Exchange request = setup;
  request.phase = "request";
  request.response =
      HttpResponse{200,
                   {{"Content-Type", "text/html; charset=\"utf-8\""}, {"X-Odd", "a\tb"}},
                   awkward_body(),
                   true};
  request.elapsed_ms = 4.5;
  failed.exchanges.push_back(request);
  Exchange teardown;
  teardown.phase = "teardown[0]";
  teardown.request = {"DELETE", "/operators/?operator_name=r1-op", {}, ""};
  teardown.response = HttpResponse{500, {}, "", false};
  teardown.elapsed_ms = 1.0;
  failed.exchanges.push_back(teardown);
  failed.leaks.push_back("operator r1-op (DELETE /operators/ returned 500)");
  run.cases.push_back(failed);

  CaseResult error = make_case("bucket-create-exists", "21201", "bucket",
                               "Creating a bucket that exists", Verdict::kError, 30);
  error.reason = "connection refused";
  Exchange refused;
  refused.phase = "setup[0]";
  refused.request = {"PUT", "/buckets/", {}, "bucket_name=r1-b&type=file"};
  refused.transport_error = "connection refused";
  refused.elapsed_ms = 10;
  refused.attempts = 3;
  error.exchanges.push_back(refused);
  run.cases.push_back(error);

  CaseResult skipped = make_case("bucket-cdn-required", "21205", "bucket",
                                 "CDN settings on a non-CDN bucket", Verdict::kSkipped, 0);
  skipped.reason = "fixture cdn_bucket is not provided";
  run.cases.push_back(skipped);

  run.totals = {1, 1, 1, 1, 5};
  // Every catalog field of each entry, as the table has it (one with an alternative).
  run.coverage = {
      {"11001",
       "system",
       true,
       CodeStatus::kVerified,
       {"token-missing"},
       {{"GET /accounts/profile/", CodeStatus::kVerified, {"token-missing"}}},
       "Token is missing",
       401,
       {}},
      {"21201",
       "bucket",
       false,
       CodeStatus::kFailed,
       {"bucket-create-exists"},
       {{"PUT /buckets/", CodeStatus::kFailed, {"bucket-create-exists"}}},
       "Bucket already exists",
       409,
       {}},
      {"21205",
       "bucket",
       false,
       CodeStatus::kSkipped,
       {"bucket-cdn-required"},
       {{"DELETE /buckets/", CodeStatus::kSkipped, {"bucket-cdn-required"}}},
       "Bucket is not a CDN bucket",
       400,
       {}},
      {"21206",
       "bucket",
       false,
       CodeStatus::kNoCase,
       {},
       {{"PUT /buckets/", CodeStatus::kNoCase, {}}},
       "Bucket name is too long",
       400,
       {}},
      {"21401",
       "operator",
       false,
       CodeStatus::kVerified,
       {"operator-create-missing"},
       {{"PUT /operators/", CodeStatus::kVerified, {"operator-create-missing"}},
        {"PUT /buckets/operators/", CodeStatus::kNoCase, {}}},
       "Operator name is missing",
       400,
       {}},
      {"21402",
       "operator",
       false,
       CodeStatus::kFailed,
       {"operator-create-duplicate"},
       {{"PUT /operators/", CodeStatus::kFailed, {"operator-create-duplicate"}}},
       "Operator already exists",
       409,
       {400}},
      {"21403",
       "operator",
       false,
       CodeStatus::kNoCase,
       {},
       {{"PUT /buckets/operators/", CodeStatus::kNoCase, {}}},
       "Operator not found",
       404,
       {}},
  };
  return run;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Compares `actual` with tests/golden/<name>; with ERRC_UPDATE_GOLDEN=1 in the
// environment rewrites the golden file instead (review the diff!).
inline void expect_golden(const std::string& actual, const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(ERRC_SOURCE_DIR) / "tests/golden" / name;
  const char* update = std::getenv("ERRC_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    std::cerr << "rewrote " << path << "\n";
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run the test with ERRC_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(actual, read_file(path))
      << "differs from " << path << " (ERRC_UPDATE_GOLDEN=1 rewrites it)";
}

// `json` parsed strictly (ill-formed UTF-8 is an error); a parse error fails the test.
inline rapidjson::Document parse_strict(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  EXPECT_FALSE(doc.HasParseError())
      << rapidjson::GetParseError_En(doc.GetParseError()) << " at byte " << doc.GetErrorOffset();
  return doc;
}

// How many times `what` occurs in `text`.
inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A fresh directory under the system temp dir, removed when the test ends.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "errc-report-XXXXXX").string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    path_ = ::mkdtemp(buffer.data());
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(path_)) {
      names.push_back(e.path().filename().string());
    }
    return names;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace errcontract::testing
