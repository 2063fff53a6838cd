#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(MarkdownReporter, MatchesGolden) {
  testing::expect_golden(render_markdown(testing::sample_run_result()), "markdown_reporter.md");
}

TEST(MarkdownReporter, HeadlineSaysWhatFailed) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(render_markdown(run).rfind("## errcontract: 1 failed, 1 error\n", 0), 0u);
  run.cases.clear();
  run.totals = {3, 0, 0, 1, 3};
  run.interrupted = true;
  EXPECT_EQ(render_markdown(run).rfind("## errcontract: 3 passed, 1 skipped (interrupted)\n", 0),
            0u);
}

TEST(MarkdownReporter, SaysRunIdStopAndFixtureNotes) {
  RunResult run = testing::sample_run_result();
  std::string md = render_markdown(run);
  EXPECT_NE(md.find("\nRun r1test, target "), std::string::npos) << md;
  EXPECT_NE(md.find("\nFixtures:\n\n- fixture token was rejected by the target (401, 11001): "
                    "expired or revoked?\n- fixture token obtained again"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("--max-failures"), std::string::npos);
  run.stopped_after_failures = 5;
  md = render_markdown(run);
  EXPECT_EQ(md.rfind("## errcontract: 1 failed, 1 error (stopped after 5 failures)\n", 0), 0u)
      << md;
  EXPECT_NE(md.find("**The run stopped after 5 failed cases (`--max-failures`)"),
            std::string::npos);
}

TEST(MarkdownReporter, SaysWhichChecksWereDisabled) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(render_markdown(run).find("Disabled checks"), std::string::npos);
  run.disabled_checks = {FindingId::kCodeNumeric, FindingId::kMessageMismatch};
  EXPECT_NE(render_markdown(run).find(
                "\nDisabled checks (`--disable-check`): `code.numeric`, `message.mismatch`.\n"),
            std::string::npos)
      << render_markdown(run);
}

TEST(MarkdownReporter, ListsLeaksWithTheirCase) {
  RunResult run = testing::sample_run_result();
  run.cases[0].leaks = {"DELETE /buckets/?bucket_name=b_1 (status 404)"};  // a passed case
  const std::string md = render_markdown(run);
  EXPECT_NE(md.find("### Leaks\n\nLeft on the target: teardown could not remove them.\n\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- 11001 token-missing: DELETE /buckets/?bucket\\_name=b\\_1 (status 404)\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- 21402 operator-create-duplicate: operator r1-op (DELETE /operators/ "
                    "returned 500)\n"),
            std::string::npos);
  for (CaseResult& c : run.cases) c.leaks.clear();
  EXPECT_EQ(render_markdown(run).find("### Leaks"), std::string::npos);
}

TEST(MarkdownReporter, EscapesMarkupFromTheTarget) {
  RunResult run = testing::sample_run_result();
  run.cases[1].findings = {{FindingId::kMessageMismatch,
                            Severity::kError,
                            "got <img src=x onerror=alert(1)> [click](http://evil) | `x` *y*",
                            {},
                            ""}};
  const std::string md = render_markdown(run);
  EXPECT_NE(md.find("  - message.mismatch got &lt;img src=x onerror=alert(1)&gt; "
                    "\\[click\\](http://evil) \\| \\`x\\` \\*y\\*\n"),
            std::string::npos)
      << md;
}

TEST(MarkdownReporter, ListsAtMostFiftyFailingCases) {
  RunResult run = testing::sample_run_result();
  const CaseResult failed = run.cases[1];
  run.cases.clear();
  for (int i = 0; i < 60; ++i) run.cases.push_back(failed);
  const std::string md = render_markdown(run);
  EXPECT_NE(md.find("- ... and 10 more; the JUnit or JSON report lists them all\n"),
            std::string::npos);
}

TEST(MarkdownReporter, UnwritablePathIsReportedNotFatal) {
  testing::ScratchDir dir;
  std::filesystem::create_directory(dir.path() / "sub");
  std::ostringstream diagnostics;
  // The path names an existing directory: the final rename fails.
  auto reporter = testing::report_for("md", (dir.path() / "sub").string(), &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_EQ(reporter->status().code(), StatusCode::kIoError);
  EXPECT_NE(diagnostics.str().find("errcontract: the md report was not written: "),
            std::string::npos)
      << diagnostics.str();
  EXPECT_NE(diagnostics.str().find("Is a directory"), std::string::npos) << diagnostics.str();
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"sub"}) << "the temporary file is removed";
}

}  // namespace
}  // namespace errcontract
