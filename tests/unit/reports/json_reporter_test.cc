#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <regex>
#include <sstream>
#include <string>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

// The tool version changes with every release; the golden file does not.
std::string normalise_version(const std::string& json) {
  return std::regex_replace(json, std::regex("\"version\": \"[^\"]*\""),
                            "\"version\": \"<version>\"");
}

using testing::parse_strict;

std::string render_or_fail(const RunResult& run) {
  Result<std::string> json = render_json(run);
  EXPECT_TRUE(json.ok()) << json.status().message();
  return json.ok() ? *json : std::string();
}

TEST(JsonReporter, MatchesGolden) {
  testing::expect_golden(normalise_version(render_or_fail(testing::sample_run_result())),
                         "json_reporter.json");
}

TEST(JsonReporter, CarriesRunIdStopAndFixtureNotes) {
  RunResult run = testing::sample_run_result();
  rapidjson::Document doc = parse_strict(render_or_fail(run));
  EXPECT_STREQ(doc["run_id"].GetString(), "r1test");
  EXPECT_TRUE(doc["stopped_after_failures"].IsNull());
  ASSERT_EQ(doc["fixture_notes"].Size(), 2u);
  EXPECT_STREQ(doc["fixture_notes"][0].GetString(),
               "fixture token was rejected by the target (401, 11001): expired or revoked?");
  run.stopped_after_failures = 5;
  doc = parse_strict(render_or_fail(run));
  EXPECT_EQ(doc["stopped_after_failures"].GetInt(), 5);
}

TEST(JsonReporter, IsValidJsonWithTheExpectedCounts) {
  const rapidjson::Document doc = parse_strict(render_or_fail(testing::sample_run_result()));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["tool"].GetString(), "errcontract");
  EXPECT_EQ(doc["report_format"].GetInt(), 1);
  EXPECT_EQ(doc["exit_code"].GetInt(), 1);
  EXPECT_DOUBLE_EQ(doc["elapsed_ms"].GetDouble(), 1234.5);
  const auto& totals = doc["totals"];
  EXPECT_EQ(totals["cases"].GetInt(), 4);
  EXPECT_EQ(totals["passed"].GetInt(), 1);
  EXPECT_EQ(totals["failed"].GetInt(), 1);
  EXPECT_EQ(totals["errors"].GetInt(), 1);
  EXPECT_EQ(totals["skipped"].GetInt(), 1);
  EXPECT_EQ(totals["requests"].GetInt(), 5);
  const auto& cases = doc["cases"];
  ASSERT_EQ(cases.Size(), 4u);
  EXPECT_STREQ(cases[1]["verdict"].GetString(), "failed");
  EXPECT_EQ(cases[1]["findings"].Size(), 4u);
  EXPECT_EQ(cases[1]["exchanges"].Size(), 3u);
  EXPECT_EQ(cases[1]["leaks"].Size(), 1u);
  EXPECT_STREQ(cases[2]["verdict"].GetString(), "error");
  EXPECT_TRUE(cases[2]["exchanges"][0]["response"].IsNull());
  EXPECT_EQ(cases[2]["exchanges"][0]["attempts"].GetInt(), 3);
  const auto& summary = doc["coverage"]["summary"];
  EXPECT_EQ(summary["documented"].GetInt(), 6);
  EXPECT_EQ(summary["verified"].GetInt(), 1);
  EXPECT_EQ(summary["failed"].GetInt(), 2);
  EXPECT_EQ(summary["skipped"].GetInt(), 1);
  EXPECT_EQ(summary["no_case"].GetInt(), 2);
  EXPECT_EQ(doc["coverage"]["codes"].Size(), 7u);
  EXPECT_TRUE(doc["coverage"]["codes"][0]["extension"].GetBool());
}

TEST(JsonReporter, DisabledChecksAreAlwaysAnArray) {
  const rapidjson::Document none = parse_strict(render_or_fail(testing::sample_run_result()));
  ASSERT_TRUE(none["disabled_checks"].IsArray());
  EXPECT_EQ(none["disabled_checks"].Size(), 0u);
  RunResult run = testing::sample_run_result();
  run.disabled_checks = {FindingId::kCodeNumeric, FindingId::kTeardownFailed};
  const rapidjson::Document doc = parse_strict(render_or_fail(run));
  ASSERT_EQ(doc["disabled_checks"].Size(), 2u);
  EXPECT_STREQ(doc["disabled_checks"][0].GetString(), "code.numeric");
  EXPECT_STREQ(doc["disabled_checks"][1].GetString(), "teardown.failed");
}

TEST(JsonReporter, FindingOffsetAndPointerOnlyWhenKnown) {
  const rapidjson::Document doc = parse_strict(render_or_fail(testing::sample_run_result()));
  const auto& findings = doc["cases"][1]["findings"];
  EXPECT_FALSE(findings[0].HasMember("offset"));
  EXPECT_FALSE(findings[0].HasMember("pointer"));
  EXPECT_STREQ(findings[1]["pointer"].GetString(), "/error_code");
  EXPECT_EQ(findings[2]["offset"].GetInt(), 95);
  EXPECT_STREQ(findings[3]["severity"].GetString(), "warning");
}

TEST(JsonReporter, InvalidUtf8BodyIsReplacedAndKeptAsBase64) {
  const rapidjson::Document doc = parse_strict(render_or_fail(testing::sample_run_result()));
  const auto& response = doc["cases"][1]["exchanges"][1]["response"];
  const std::string body(response["body"].GetString(), response["body"].GetStringLength());
  EXPECT_NE(
      body.find("caf\xc3\xa9 \xef\xbf\xbd \xef\xbf\xbd( \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd "),
      std::string::npos);
  EXPECT_NE(body.find(std::string("end\0!", 5)), std::string::npos) << "NUL survives as \\u0000";
  ASSERT_TRUE(response.HasMember("body_base64"));
  EXPECT_EQ(std::string(response["body_base64"].GetString()).substr(0, 16), "eyJlcnJvcl9jb2Rl");
  EXPECT_TRUE(response["body_truncated"].GetBool());
  EXPECT_FALSE(doc["cases"][0]["exchanges"][0]["response"].HasMember("body_base64"))
      << "valid bodies are not duplicated";
}

TEST(JsonReporter, InvalidUtf8AnywhereStillGivesValidJson) {
  RunResult run = testing::sample_run_result();
  const std::string bad = "x\xff\xed\xb0\x80y\xc0\xaf";
  run.target += bad;
  run.cases[0].case_id += bad;
  run.cases[0].findings[0].message += bad;
  run.cases[0].exchanges[0].request.headers.push_back({bad, bad});
  run.cases[1].leaks.push_back(bad);
  run.coverage[0].case_ids.push_back(bad);
  const rapidjson::Document doc = parse_strict(render_or_fail(run));
  EXPECT_STREQ(doc["target"].GetString(),
               "http://127.0.0.1:8080x\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdy"
               "\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(JsonReporter, NonFiniteTimesAreWrittenAsZero) {
  RunResult run = testing::sample_run_result();
  run.elapsed_ms = std::numeric_limits<double>::quiet_NaN();
  run.cases[0].elapsed_ms = std::numeric_limits<double>::infinity();
  const rapidjson::Document doc = parse_strict(render_or_fail(run));
  EXPECT_EQ(doc["elapsed_ms"].GetDouble(), 0.0);
  EXPECT_EQ(doc["cases"][0]["elapsed_ms"].GetDouble(), 0.0);
}

TEST(JsonReporter, ReporterWritesTheFileAndReplacesAnOldOne) {
  testing::ScratchDir dir;
  const auto path = dir.path() / "report.json";
  std::ofstream(path) << "old";
  std::ostringstream diagnostics;
  auto reporter = testing::report_for("json", path.string(), &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_TRUE(reporter->status().ok()) << reporter->status().message();
  EXPECT_EQ(testing::read_file(path), render_or_fail(testing::sample_run_result()));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"report.json"});
}

TEST(JsonReporter, UnwritablePathIsReportedNotFatal) {
  testing::ScratchDir dir;
  // The parent is a regular file: writing fails even for root.
  std::ofstream(dir.path() / "file") << "x";
  const std::string path = (dir.path() / "file" / "report.json").string();
  std::ostringstream diagnostics;
  auto reporter = testing::report_for("json", path, &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_EQ(reporter->status().code(), StatusCode::kIoError);
  EXPECT_NE(diagnostics.str().find("errcontract: the json report was not written: " + path),
            std::string::npos)
      << diagnostics.str();
  EXPECT_NE(diagnostics.str().find("Not a directory"), std::string::npos) << diagnostics.str();
}

}  // namespace
}  // namespace errcontract
