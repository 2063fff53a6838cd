// fuzz-api's Markdown report (fuzz_markdown_report.cc): a table row per
// endpoint (violations first), a table row per violation, text escaped so
// no cell breaks the table and no markup gets through.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "errcontract/fuzz_report.h"
#include "fuzz_report_test_support.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

std::vector<std::string> table_rows(const std::string& md) {
  std::vector<std::string> rows;
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| ", 0) == 0) rows.push_back(line);
  }
  return rows;
}

// Cell separators: '|' not escaped as "\|".
std::size_t separators(const std::string& row) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.size(); ++i) n += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return n;
}

TEST(FuzzMarkdownReport, MatchesGolden) {
  testing::expect_golden(render_fuzz_markdown(testing::sample_fuzz_report()), "fuzz_report.md");
}

TEST(FuzzMarkdownReport, EndpointTableHasEveryEndpointViolationsFirst) {
  const std::vector<std::string> rows =
      table_rows(render_fuzz_markdown(testing::sample_fuzz_report()));
  // Header, 4 endpoints, header, 3 violations.
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[1], "| GET /buckets/ | 120 | 20 | 1 of 3 | 21203 21204 | 2 |");
  EXPECT_EQ(rows[2], "| (unknown endpoint) | 42 | 6 | - |  | 1 |");
  EXPECT_EQ(rows[3], "| POST /tickets/ | 0 | 0 | 0 of 1 |  | 0 |");
  EXPECT_EQ(rows[4], "| PUT /operators/ | 150 | 15 | 1 of 2 | 21402 | 0 |");
}

TEST(FuzzMarkdownReport, EveryViolationIsARowAndNoCellBreaksTheTable) {
  const std::string md = render_fuzz_markdown(testing::sample_fuzz_report());
  const std::vector<std::string> rows = table_rows(md);
  for (const std::string& row : rows) EXPECT_EQ(separators(row), 7u) << row;  // 6 cells each
  EXPECT_EQ(rows[6].rfind("| GET /buckets/ | status.mismatch | 21204 | 409 | expected 404", 0), 0u)
      << rows[6];
  EXPECT_NE(rows[6].find("drop query bucket\\_name; auth: none |"), std::string::npos) << rows[6];
  EXPECT_NE(rows[8].find("| FOO /no/such/path | transport.closed |  | - |"), std::string::npos);
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find('\x1b'), std::string::npos);
  EXPECT_NE(md.find("`requests: 312; response classes: 41; documented codes reached: 3/144; "
                    "violations: 3; time: 1.3 s`"),
            std::string::npos);
}

}  // namespace
}  // namespace errcontract
