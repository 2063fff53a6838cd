#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

std::string run_console(const RunResult& run, ConsoleOptions options) {
  std::ostringstream out;
  auto reporter = make_console_reporter(out, options);
  reporter->on_run_start({run.target, run.cases.size(), 2, run.disabled_checks, run.run_id});
  for (const CaseResult& c : run.cases) reporter->on_case_end(c);
  reporter->on_run_end(run);
  return out.str();
}

TEST(ConsoleReporter, MatchesGolden) {
  testing::expect_golden(run_console(testing::sample_run_result(), {}), "console_reporter.txt");
}

TEST(ConsoleReporter, VerboseMatchesGolden) {
  ConsoleOptions options;
  options.verbose = true;
  testing::expect_golden(run_console(testing::sample_run_result(), options),
                         "console_reporter_verbose.txt");
}

TEST(ConsoleReporter, HeaderNamesDisabledChecksOnlyWhenThereAreSome) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(run_console(run, {}).find("disabled checks"), std::string::npos);
  run.disabled_checks = {FindingId::kCodeNumeric, FindingId::kMessageMismatch};
  const std::string out = run_console(run, {});
  EXPECT_EQ(out.find("running 4 cases against http://127.0.0.1:8080 with 2 jobs, run id r1test\n"
                     "disabled checks (--disable-check): code.numeric, message.mismatch\n"),
            0u)
      << out;
}

TEST(ConsoleReporter, FailingCaseLineListsEveryFinding) {
  const std::string out = run_console(testing::sample_run_result(), {});
  EXPECT_NE(out.find("FAIL 21402 operator-create-duplicate: status.mismatch expected 409, got 200; "
                     "code.mismatch expected \"21402\", got \"21401\" (at /error_code); "),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("ERROR 21201 bucket-create-exists: connection refused\n"), std::string::npos);
}

TEST(ConsoleReporter, SkippedAndPassedCasesOnlyWhenVerbose) {
  const std::string quiet = run_console(testing::sample_run_result(), {});
  EXPECT_EQ(quiet.find("SKIP "), std::string::npos) << quiet;
  EXPECT_EQ(quiet.find("PASS "), std::string::npos) << quiet;
  ConsoleOptions options;
  options.verbose = true;
  const std::string verbose = run_console(testing::sample_run_result(), options);
  EXPECT_NE(verbose.find("SKIP 21205 bucket-cdn-required: fixture cdn_bucket is not provided\n"),
            std::string::npos)
      << verbose;
  EXPECT_NE(verbose.find("PASS 11001 token-missing: warning envelope.extra_member"),
            std::string::npos);
}

TEST(ConsoleReporter, TotalsLineCountsDocumentedCodesOnly) {
  const std::string out = run_console(testing::sample_run_result(), {});
  EXPECT_NE(
      out.find(
          "cases: 1 passed, 1 failed, 1 errors, 1 skipped; requests: 5; "
          "documented codes verified: 1/6; (code, endpoint) pairs verified: 1/7; time: 1.23 s\n"),
      std::string::npos)
      << out;
}

TEST(ConsoleReporter, ModuleTableShowsCodesPerModule) {
  const std::string out = run_console(testing::sample_run_result(), {});
  EXPECT_NE(out.find("module        cases  passed  failed  errors  skipped  codes\n"
                     "110 system        1       1       0       0        0    1/1\n"
                     "212 bucket        2       0       0       1        1    0/3\n"
                     "214 operator      1       0       1       0        0    1/3\n"),
            std::string::npos)
      << out;
}

TEST(ConsoleReporter, InterruptedRunSaysSo) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(run_console(run, {}).find("interrupted"), std::string::npos);
  run.interrupted = true;
  EXPECT_NE(run_console(run, {}).find("interrupted: the run was stopped before every case ended\n"),
            std::string::npos);
}

TEST(ConsoleReporter, ColourOnlyWhenAsked) {
  const std::string plain = run_console(testing::sample_run_result(), {});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  ConsoleOptions options;
  options.color = true;
  const std::string colored = run_console(testing::sample_run_result(), options);
  EXPECT_NE(colored.find("\x1b[1m\x1b[31mFAIL\x1b[0m 21402"), std::string::npos) << colored;
}

TEST(ConsoleReporter, TargetBytesCannotDriveTheTerminal) {
  RunResult run = testing::sample_run_result();
  run.cases[1].findings = {{FindingId::kMessageMismatch,
                            Severity::kError,
                            "got \"\x1b]0;pwned\x07\xc2\x9b"
                            "2J\xff\"\nnext",
                            {},
                            ""}};
  ConsoleOptions options;
  options.verbose = true;
  const std::string out = run_console(run, options);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_EQ(out.find('\x07'), std::string::npos);
  EXPECT_NE(out.find("got \"\\x1B]0;pwned\\x07\\xC2\\x9B2J\\xFF\"\\x0Anext"), std::string::npos)
      << out;
}

TEST(ConsoleReporter, LeaksAreAlwaysShown) {
  const std::string out = run_console(testing::sample_run_result(), {});
  EXPECT_NE(out.find("LEAK 21402 operator-create-duplicate: operator r1-op (DELETE /operators/ "
                     "returned 500)\n"),
            std::string::npos)
      << out;
}

TEST(ConsoleReporter, EmptyRunPrintsOnlyTotals) {
  RunResult run;
  run.target = "embedded reference server";
  EXPECT_EQ(run_console(run, {}),
            "running 0 cases against embedded reference server with 2 jobs\n"
            "cases: 0 passed, 0 failed, 0 errors, 0 skipped; requests: 0; "
            "documented codes verified: 0/0; (code, endpoint) pairs verified: 0/0; time: 0.00 s\n");
}

TEST(ConsoleReporter, SkipReasonsAreCappedAtEightLinesWithTheRestSummed) {
  RunResult run;
  run.target = "embedded reference server";
  // Ten reasons: reason 0 skips 10 cases, reason 9 skips 1.
  for (int reason = 0; reason < 10; ++reason) {
    for (int n = 0; n < 10 - reason; ++n) {
      CaseResult c = testing::make_case("c" + std::to_string(reason) + "-" + std::to_string(n),
                                        "21402", "operator", "s", Verdict::kSkipped, 0);
      c.reason = "fixture f" + std::to_string(reason) + " is not provided";
      run.cases.push_back(std::move(c));
    }
  }
  const std::string out = run_console(run, {});
  std::size_t lines = 0;
  for (std::size_t at = out.find("skipped "); at != std::string::npos;
       at = out.find("skipped ", at + 1)) {
    if (at == 0 || out[at - 1] == '\n') ++lines;
  }
  EXPECT_EQ(lines, 8u) << out;
  EXPECT_NE(out.find("skipped 10 cases: fixture f0 is not provided"), std::string::npos) << out;
  // Reasons 7, 8 and 9 (3 + 2 + 1 cases) share the last line.
  EXPECT_NE(out.find("skipped 6 cases: 3 other reasons (-v lists every skipped case)"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("fixture f9"), std::string::npos) << out;
}

// A run where `n` cases fail with status.mismatch first.
RunResult run_of_status_failures(int n) {
  RunResult run;
  run.target = "t";
  for (int i = 0; i < n; ++i) {
    CaseResult c =
        testing::make_case("c" + std::to_string(i), "21402", "operator", "s", Verdict::kFailed, 1);
    c.findings.push_back(
        {FindingId::kStatusMismatch, Severity::kError, "expected 409, got 401", {}, ""});
    run.cases.push_back(std::move(c));
  }
  run.totals.failed = n;
  return run;
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ConsoleReporter, SameFindingPrintsThreeLinesAndOneCount) {
  const std::string out = run_console(run_of_status_failures(10), {});
  EXPECT_EQ(count_of(out, "FAIL 21402 c"), 3u) << out;
  EXPECT_NE(out.find("FAIL 21402 c2: "), std::string::npos);
  EXPECT_NE(out.find("\nstatus.mismatch: 10 failed cases (7 not listed), e.g. 21402 c0, 21402 c1, "
                     "21402 c2; -v lists all\n"),
            std::string::npos)
      << out;
  ConsoleOptions verbose;
  verbose.verbose = true;
  const std::string all = run_console(run_of_status_failures(10), verbose);
  EXPECT_EQ(count_of(all, "FAIL 21402 c"), 10u) << all;
  EXPECT_EQ(all.find("not listed"), std::string::npos) << all;
}

TEST(ConsoleReporter, ErrorsAreGroupedByKind) {
  RunResult run;
  run.target = "t";
  for (int i = 0; i < 5; ++i) {
    CaseResult c =
        testing::make_case("e" + std::to_string(i), "21201", "bucket", "s", Verdict::kError, 1);
    c.reason = "timed out after " + std::to_string(i) + " ms";
    c.error_kind = TransportErrorKind::kTimeout;
    run.cases.push_back(std::move(c));
  }
  const std::string out = run_console(run, {});
  EXPECT_EQ(count_of(out, "ERROR 21201 e"), 3u) << out;
  EXPECT_NE(out.find(std::string("\n") + to_string(TransportErrorKind::kTimeout) +
                     ": 5 errored cases (2 not listed), e.g. 21201 e0"),
            std::string::npos)
      << out;
}

TEST(ConsoleReporter, StoppedAfterMaxFailuresSaysSo) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(run_console(run, {}).find("--max-failures"), std::string::npos);
  run.stopped_after_failures = 5;
  EXPECT_NE(run_console(run, {}).find("stopped after 5 failed cases (--max-failures): the cases "
                                      "not started yet were skipped\n"),
            std::string::npos);
}

TEST(ConsoleReporter, ProgressLineIsErasedBeforeEveryOtherLine) {
  ConsoleOptions options;
  options.progress = true;
  const std::string out = run_console(run_of_status_failures(5), options);
  // Drawn after the first case, erased before each printed line and at the end.
  EXPECT_NE(out.find("\r\x1b[K1/5 cases, 1 failed, 0 errors"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\x1b[KFAIL 21402 c1"), std::string::npos) << out;
  EXPECT_NE(out.find("\r\x1b[Kstatus.mismatch: 5 failed cases"), std::string::npos) << out;
  // Every line that stays on the screen starts clean: after the last erase
  // only plain lines follow.
  const std::string tail = out.substr(out.rfind("\r\x1b[K") + 4);
  EXPECT_EQ(tail.find('\r'), std::string::npos) << tail;
  EXPECT_EQ(tail.find('\x1b'), std::string::npos) << tail;
  EXPECT_EQ(run_console(run_of_status_failures(5), {}).find('\r'), std::string::npos);
}

TEST(ConsoleReporter, StartLineNamesTheRunId) {
  EXPECT_EQ(
      run_console(testing::sample_run_result(), {})
          .rfind("running 4 cases against http://127.0.0.1:8080 with 2 jobs, run id r1test\n", 0),
      0u);
}

}  // namespace
}  // namespace errcontract
