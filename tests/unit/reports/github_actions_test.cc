#include "errcontract/github_actions.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "report_test_support.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;

CaseResult failed_case(const std::string& file) {
  CaseResult c = testing::make_case("bucket-x", "21203", "bucket", "s", Verdict::kFailed, 1);
  c.file = file;
  c.line = 12;
  c.findings.push_back(make_finding(FindingId::kCodeMismatch, "expected \"21203\", got \"21299\""));
  c.findings.push_back(make_finding(FindingId::kStatusMismatch, "expected 404, got 400"));
  Finding warning = make_finding(FindingId::kCodeMismatch, "a warning");
  warning.severity = Severity::kWarning;
  c.findings.insert(c.findings.begin(), warning);
  return c;
}

TEST(GithubAnnotation, AFailedCasePointsAtItsLineWithItsFirstErrorAndHowManyMore) {
  testing::ScratchDir dir;
  fs::create_directories(dir.path() / "cases");
  const std::string file = (dir.path() / "cases" / "bucket.cases.json").string();
  EXPECT_EQ(github_annotation(failed_case(file), dir.path().string()),
            "::error file=cases/bucket.cases.json,line=12,title=21203 bucket-x::code.mismatch "
            "expected \"21203\", got \"21299\" (and 1 more)");
}

TEST(GithubAnnotation, AnErrorIsAWarningAndPassedOrSkippedCasesHaveNone) {
  CaseResult c = testing::make_case("t", "11001", "system", "s", Verdict::kError, 1);
  c.file = "/elsewhere/system.cases.json";
  c.reason = "connection refused";
  EXPECT_EQ(github_annotation(c, "/work"),
            "::warning file=cases/system.cases.json,title=11001 t::connection refused");
  c.verdict = Verdict::kPassed;
  EXPECT_EQ(github_annotation(c, "/work"), "");
  c.verdict = Verdict::kSkipped;
  EXPECT_EQ(github_annotation(c, "/work"), "");
}

TEST(GithubAnnotation, ASymlinkedLibraryIsNamedByWhereItReallyIs) {
  testing::ScratchDir dir;
  fs::create_directories(dir.path() / "repo" / "cases");
  fs::create_directories(dir.path() / "build");
  fs::create_directory_symlink(dir.path() / "repo" / "cases", dir.path() / "build" / "cases");
  const CaseResult c = failed_case((dir.path() / "build" / "cases" / "b.cases.json").string());
  EXPECT_EQ(github_annotation(c, (dir.path() / "repo").string()).rfind("::error file=cases/b.", 0),
            0u);
}

TEST(GithubAnnotation, CommandSyntaxIsEscapedInPropertiesAndMessage) {
  CaseResult c = failed_case("/x/a,b:c.cases.json");
  c.case_id = "id,with:colon";
  c.findings = {make_finding(FindingId::kCodeMismatch, "100% wrong\r\nsecond line")};
  EXPECT_EQ(github_annotation(c, "/nowhere"),
            "::error file=cases/a%2Cb%3Ac.cases.json,line=12,title=21203 id%2Cwith%3Acolon::"
            "code.mismatch 100%25 wrong%0D%0Asecond line");
}

TEST(GithubActionsReporter, PrintsAnnotationsAsCasesEndAndAppendsTheMarkdownToTheSummary) {
  testing::ScratchDir dir;
  const fs::path summary = dir.path() / "summary.md";
  std::ofstream(summary) << "earlier step\n";
  std::ostringstream out;
  auto reporter = make_github_actions_reporter(out, {dir.path().string(), summary.string()});
  const RunResult run = testing::sample_run_result();
  for (const CaseResult& c : run.cases) reporter->on_case_end(c);
  reporter->on_run_end(run);
  EXPECT_NE(out.str().find("::error file="), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("::warning file="), std::string::npos) << out.str();
  const std::string text = testing::read_file(summary);
  EXPECT_EQ(text.rfind("earlier step\n", 0), 0u);
  EXPECT_NE(text.find(render_markdown(run)), std::string::npos);
}

TEST(GithubActionsReporter, ASummaryThatCannotBeWrittenIsSaidAndNotFatal) {
  testing::ScratchDir dir;
  std::ostringstream out, diagnostics;
  auto reporter = make_github_actions_reporter(
      out, {dir.path().string(), (dir.path() / "no" / "summary.md").string()}, &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_NE(diagnostics.str().find("the step summary was not written"), std::string::npos);
}

}  // namespace
}  // namespace errcontract
