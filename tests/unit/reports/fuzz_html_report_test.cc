// fuzz-api's HTML report (fuzz_html_report.cc): self-contained, every text
// escaped, a row per endpoint marked when it has violations, a row per
// violation. The page in a real browser: tests/browser.
#include <gtest/gtest.h>

#include <string>

#include "errcontract/fuzz_report.h"
#include "fuzz_report_test_support.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(FuzzHtmlReport, MatchesGolden) {
  testing::expect_golden(render_fuzz_html(testing::sample_fuzz_report()), "fuzz_report.html");
}

TEST(FuzzHtmlReport, LoadsNothingFromAnywhere) {
  const std::string html = render_fuzz_html(testing::sample_fuzz_report());
  EXPECT_EQ(testing::occurrences(html, "<script"), 1u);  // the inline one
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("href=\"http"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(FuzzHtmlReport, EverythingFromTheRunIsEscaped) {
  const std::string html = render_fuzz_html(testing::sample_fuzz_report());
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;"),
            std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find('\xff'), std::string::npos);
  FuzzReport report = testing::sample_fuzz_report();
  report.result.endpoints[0].endpoint = "GET /<b>";
  report.result.violations[2].mutation = "<img src=x onerror=alert(1)>";
  report.result.leaks = {"</li><script>"};
  const std::string hostile = render_fuzz_html(report);
  EXPECT_EQ(hostile.find("<b>"), std::string::npos);
  EXPECT_EQ(hostile.find("<img"), std::string::npos);
  EXPECT_EQ(hostile.find("</li><script>"), std::string::npos);
}

TEST(FuzzHtmlReport, EndpointsWithViolationsAreMarkedAndEachViolationIsARow) {
  const std::string html = render_fuzz_html(testing::sample_fuzz_report());
  const std::string endpoints = html.substr(html.find("id=\"endpoints\""));
  const std::string table = endpoints.substr(0, endpoints.find("</table>"));
  EXPECT_EQ(testing::occurrences(table, "<tr class=\"v-failed\">"), 2u);
  EXPECT_EQ(testing::occurrences(table, "<tr class=\"v-clean\">"), 2u);
  EXPECT_NE(table.find("<td><code>GET /buckets/</code></td><td class=\"n\">120</td><td "
                       "class=\"n\">20</td><td class=\"n\">1 of 3</td>"),
            std::string::npos)
      << table;
  const std::string violations = html.substr(html.find("id=\"violations\""));
  EXPECT_EQ(testing::occurrences(violations.substr(0, violations.find("</table>")),
                                 "<tr class=\"v-failed\">"),
            3u);
  EXPECT_NE(html.find("<code>requests: 312; response classes: 41; documented codes reached: "
                      "3/144; violations: 3; time: 1.3 s</code>"),
            std::string::npos);
}

}  // namespace
}  // namespace errcontract
