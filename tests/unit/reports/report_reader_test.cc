// The JSON report read back: render_json(read(render_json(run))) is the same
// text, and a broken or foreign file is named with where it breaks.
#include "errcontract/report_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

std::string render_or_fail(const RunResult& run) {
  Result<std::string> json = render_json(run);
  EXPECT_TRUE(json.ok()) << json.status().message();
  return json.ok() ? *json : std::string();
}

// The sample run with every member that is written only when set.
RunResult full_sample() {
  RunResult run = testing::sample_run_result();
  run.catalog_digest = "sha256:" + std::string(64, 'a');
  run.cases_digest = "sha256:" + std::string(64, 'b');
  run.shard_index = 1;
  run.shard_count = 3;
  run.stopped_after_failures = 2;
  run.disabled_checks = {FindingId::kEnvelopeExtraMember};
  run.totals.throttled = 4;
  run.cases[0].endpoint = "GET /accounts/profile/";
  run.cases[1].curl = {"curl -sS -X PUT 'http://127.0.0.1:8080/operators/'"};
  run.cases[1].leaked_teardowns.push_back(
      {"teardown[0]",
       run.cases[1].leaks[0],
       HttpRequest{"DELETE", "/operators/?operator_name=r1-op", {{"X-Bin", "\xff"}}, "a\xfe"},
       {200, 204}});
  run.cases[2].error_kind = TransportErrorKind::kRefused;
  run.cases[2].exchanges[0].error_kind = TransportErrorKind::kRefused;
  run.cases[2].rejected_fixture = "token";
  run.cases[3].contract = true;
  return run;
}

TEST(ReportReader, RoundTripsTheSampleRun) {
  const std::string json = render_or_fail(testing::sample_run_result());
  Result<RunResult> read = parse_json_report(json, "sample.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(render_or_fail(*read), json);
}

TEST(ReportReader, RoundTripsEveryOptionalMember) {
  const RunResult run = full_sample();
  const std::string json = render_or_fail(run);
  Result<RunResult> read = parse_json_report(json, "full.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(render_or_fail(*read), json);
  EXPECT_EQ(read->catalog_digest, run.catalog_digest);
  EXPECT_EQ(read->shard_index, 1);
  EXPECT_EQ(read->shard_count, 3);
  EXPECT_EQ(read->totals.throttled, 4);
  EXPECT_EQ(read->cases[2].error_kind, TransportErrorKind::kRefused);
  EXPECT_EQ(read->cases[2].rejected_fixture, "token");
  EXPECT_EQ(read->cases[0].endpoint, "GET /accounts/profile/");
  EXPECT_TRUE(read->cases[3].contract);
  EXPECT_FALSE(read->cases[2].contract);
}

TEST(ReportReader, KeepsBodiesByteForByte) {
  Result<RunResult> read = parse_json_report(render_or_fail(full_sample()), "full.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_TRUE(read->cases[1].exchanges[1].response.has_value());
  EXPECT_EQ(read->cases[1].exchanges[1].response->body, testing::awkward_body());
  EXPECT_TRUE(read->cases[1].exchanges[1].response->body_truncated);
  EXPECT_EQ(read->cases[1].leaked_teardowns[0].request.body, "a\xfe");
  EXPECT_FALSE(read->cases[2].exchanges[0].response.has_value());
  EXPECT_EQ(read->cases[2].exchanges[0].attempts, 3);
}

TEST(ReportReader, KeepsWhatTheExitCodeIsChosenFrom) {
  RunResult run = testing::sample_run_result();
  run.unreachable = "connection refused";
  Result<RunResult> read = parse_json_report(render_or_fail(run), "r.json");
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->outcome(), RunOutcome::kUnreachable);
}

TEST(ReportReader, NamesFileLineColumnAndByteOfBrokenJson) {
  Result<RunResult> read = parse_json_report("{\n  \"tool\": \"errcontract\",\n  oops", "cut.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(read.status().message().rfind("cut.json:3:3 (byte 29): ", 0), 0u)
      << read.status().message();
}

TEST(ReportReader, RefusesAFileThatIsNotAReport) {
  Result<RunResult> read = parse_json_report(R"({"tool": "other"})", "x.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("x.json: tool: not \"errcontract\""), std::string::npos)
      << read.status().message();
}

TEST(ReportReader, NamesTheMemberOfTheWrongShape) {
  std::string json = render_or_fail(testing::sample_run_result());
  const std::string verdict = "\"verdict\": \"failed\"";
  json.replace(json.find(verdict), verdict.size(), "\"verdict\": \"done\"");
  Result<RunResult> read = parse_json_report(json, "r.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("r.json: cases[1].verdict: \"done\" is not a verdict"),
            std::string::npos)
      << read.status().message();

  json = render_or_fail(testing::sample_run_result());
  json.replace(json.find("\"attempts\": 1"), 13, "\"attempts\": \"1\"");
  read = parse_json_report(json, "r.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("r.json: cases[0].exchanges[0].attempts: not an integer"),
            std::string::npos)
      << read.status().message();
}

TEST(ReportReader, RefusesBadBase64AndAnotherReportFormat) {
  std::string json = render_or_fail(testing::sample_run_result());
  const std::size_t at = json.find("\"body_base64\": \"") + 16;
  json.insert(at, "!");
  Result<RunResult> read = parse_json_report(json, "r.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("body_base64: not base64"), std::string::npos)
      << read.status().message();

  json = render_or_fail(testing::sample_run_result());
  json.replace(json.find("\"report_format\": 1"), 18, "\"report_format\": 2");
  read = parse_json_report(json, "r.json");
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("report_format: 2 is not the format"), std::string::npos)
      << read.status().message();
}

TEST(ReportReader, RefusesAShardThatIsNotKOfN) {
  for (const char* shard : {"4/3", "0/3", "1/", "x/3", "1/3 "}) {
    std::string json = render_or_fail(testing::sample_run_result());
    json.replace(json.find("\"shard\": null"), 13, std::string("\"shard\": \"") + shard + "\"");
    Result<RunResult> read = parse_json_report(json, "r.json");
    ASSERT_FALSE(read.ok()) << shard;
    EXPECT_NE(
        read.status().message().find("r.json: shard: \"" + std::string(shard) + "\" is not K/N"),
        std::string::npos)
        << read.status().message();
  }
}

TEST(ReportReader, LoadNamesAFileThatCannotBeRead) {
  Result<RunResult> read = load_json_report("/nonexistent/r.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().message(), "/nonexistent/r.json: cannot be read");
}

}  // namespace
}  // namespace errcontract
