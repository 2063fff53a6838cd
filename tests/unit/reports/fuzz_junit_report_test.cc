// fuzz-api's JUnit report (fuzz_junit_report.cc): one testcase per endpoint,
// failed when it has violations, the counts consistent, everything escaped.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "errcontract/fuzz_report.h"
#include "fuzz_report_test_support.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(FuzzJunitReport, MatchesGolden) {
  testing::expect_golden(render_fuzz_junit(testing::sample_fuzz_report()), "fuzz_report.xml");
}

TEST(FuzzJunitReport, OneTestcasePerEndpointFailedWhenItHasViolations) {
  const std::string xml = render_fuzz_junit(testing::sample_fuzz_report());
  EXPECT_EQ(testing::occurrences(xml, "<testcase "), 4u);
  EXPECT_EQ(testing::occurrences(xml, "<failure "), 2u);  // GET /buckets/ and the unknown endpoint
  EXPECT_NE(xml.find("<testsuites name=\"errcontract fuzz-api\" tests=\"4\" failures=\"2\" "
                     "errors=\"0\""),
            std::string::npos)
      << xml;
  const std::regex failed_get(
      R"re(<testcase classname="errcontract.fuzz-api" name="GET /buckets/" time="0.000">\n      <failure message="2 violations: status.mismatch on GET /buckets/ \(error_code 21204\) \[HTTP 409\]: )re");
  EXPECT_TRUE(std::regex_search(xml, failed_get)) << xml;
  EXPECT_NE(xml.find("name=\"(unknown endpoint)\" time=\"0.000\">\n      <failure message=\"1 "
                     "violation: transport.closed"),
            std::string::npos);
  EXPECT_NE(xml.find("documented codes reached: 1 of 3"), std::string::npos);
  EXPECT_NE(xml.find("<property name=\"codes_reached\" value=\"3/144\"/>"), std::string::npos);
}

TEST(FuzzJunitReport, HostileTextIsEscaped) {
  const std::string xml = render_fuzz_junit(testing::sample_fuzz_report());
  EXPECT_EQ(xml.find("<script>"), std::string::npos);
  EXPECT_NE(xml.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find('\xff'), std::string::npos);
  EXPECT_NE(xml.find("leaked: bucket-info-unknown"), std::string::npos);
}

TEST(FuzzJunitReport, AnUnreachableTargetIsAnError) {
  FuzzReport report = testing::sample_fuzz_report();
  report.result.unreachable = true;
  report.result.unreachable_error = "connection refused";
  const std::string xml = render_fuzz_junit(report);
  EXPECT_NE(xml.find("tests=\"5\" failures=\"2\" errors=\"1\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<error message=\"target unreachable: connection refused\""),
            std::string::npos);
}

}  // namespace
}  // namespace errcontract
