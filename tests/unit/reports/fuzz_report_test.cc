// What every fuzz report shares (fuzz_report.cc): the summary line, the "R of
// N" figure, a row's violations, the exit code; and that each format of the
// table writes a fuzz report through FileReporter.
#include "errcontract/fuzz_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "errcontract/report_formats.h"
#include "fuzz_report_test_support.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(FuzzReport, SummaryLineIsTheOneFuzzApiPrints) {
  EXPECT_EQ(fuzz_summary_line(testing::sample_fuzz_report()),
            "requests: 312; response classes: 41; documented codes reached: 3/144; "
            "violations: 3; time: 1.3 s");
}

TEST(FuzzReport, DocumentedReachedCountsOnlyTheCodesListedForTheEndpoint) {
  const FuzzReport report = testing::sample_fuzz_report();
  // GET /buckets/ carried 21203 and 21204; the catalog lists 21201, 21203, 21205.
  EXPECT_EQ(documented_reached_text(report.result.endpoints[0]), "1 of 3");
  EXPECT_EQ(documented_reached_text(report.result.endpoints[1]), "0 of 1");
  EXPECT_EQ(documented_reached_text(report.result.endpoints[3]), "-");  // unknown: none listed
}

TEST(FuzzReport, ViolationsOfARowAreItsOwnInOrder) {
  const FuzzReport report = testing::sample_fuzz_report();
  const auto get = violations_of(report, report.result.endpoints[0]);
  ASSERT_EQ(get.size(), 2u);
  EXPECT_EQ(get[0]->finding, "status.mismatch");
  EXPECT_EQ(get[1]->finding, "message.mismatch");
  const auto unknown = violations_of(report, report.result.endpoints[3]);
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0]->endpoint, "FOO /no/such/path");
  EXPECT_TRUE(violations_of(report, report.result.endpoints[1]).empty());
}

TEST(FuzzReport, ViolationLineIsTheConsoleOne) {
  const FuzzReport report = testing::sample_fuzz_report();
  EXPECT_EQ(violation_line(report.result.violations[1]),
            "message.mismatch on GET /buckets/ (error_code 21204) [HTTP 409]: expected \"Bucket "
            "not found\"");
  EXPECT_EQ(violation_line(report.result.violations[2]),
            "transport.closed on FOO /no/such/path: the connection was closed");
}

TEST(FuzzReport, ExitCodeIsFuzzApis) {
  FuzzResult r;
  EXPECT_EQ(fuzz_exit_code(r), 0);
  r.violations.emplace_back();
  EXPECT_EQ(fuzz_exit_code(r), 1);
  r.unreachable = true;
  EXPECT_EQ(fuzz_exit_code(r), 3);
}

TEST(FuzzReport, EveryFormatOfTheTableWritesAFuzzReport) {
  testing::ScratchDir dir;
  const FuzzReport report = testing::sample_fuzz_report();
  for (const ReportFormat& format : report_formats()) {
    ASSERT_TRUE(format.render_fuzz) << format.name;
    const std::string path = (dir.path() / std::string(format.name)).string();
    std::ostringstream diagnostics;
    auto reporter = make_file_reporter(std::string(format.name) + "=" + path, &diagnostics);
    ASSERT_TRUE(reporter.ok()) << reporter.status().message();
    (*reporter)->on_fuzz_end(report);
    EXPECT_TRUE((*reporter)->status().ok()) << diagnostics.str();
    const std::string written = testing::read_file(path);
    EXPECT_NE(written.find("GET /buckets/"), std::string::npos) << format.name;
    EXPECT_NE(written.find("status.mismatch"), std::string::npos) << format.name;
  }
}

TEST(FuzzReport, AnUnwritablePathIsReportedNotFatal) {
  std::ostringstream diagnostics;
  auto reporter = make_file_reporter("md=/nonexistent-dir/fuzz.md", &diagnostics);
  ASSERT_TRUE(reporter.ok());
  (*reporter)->on_fuzz_end(testing::sample_fuzz_report());
  EXPECT_EQ((*reporter)->status().code(), StatusCode::kIoError);
  EXPECT_NE(diagnostics.str().find("the md report was not written: /nonexistent-dir/fuzz.md"),
            std::string::npos)
      << diagnostics.str();
}

}  // namespace
}  // namespace errcontract
