#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "errcontract/reports.h"
#include "errcontract/utf8.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

// The start tag of the grid cell of `code`: "<li class=... data-code=...>".
std::string cell_tag(const std::string& html, const std::string& code) {
  const std::size_t at = html.find("data-code=\"" + code + "\"");
  if (at == std::string::npos) return "";
  const std::size_t start = html.rfind("<li ", at);
  return html.substr(start, html.find('>', at) - start + 1);
}

// The element whose id is `id`, from its start tag to the end of the page
// section it opens (up to the next element with an id="case-...").
std::string case_block(const std::string& html, const std::string& id) {
  const std::size_t at = html.find("id=\"case-" + id + "\"");
  if (at == std::string::npos) return "";
  const std::size_t next = html.find("id=\"case-", at + 1);
  return html.substr(at, next == std::string::npos ? std::string::npos : next - at);
}

TEST(HtmlReporter, MatchesGolden) {
  testing::expect_golden(render_html(testing::sample_run_result()), "html_reporter.html");
}

TEST(HtmlReporter, EveryCatalogCodeHasACellWithItsVerdictClass) {
  const RunResult run = testing::sample_run_result();
  const std::string html = render_html(run);
  // 21201's only case ended in an error: the code shows as error, not failed.
  const std::pair<const char*, const char*> expected[] = {
      {"11001", "cell v-verified ext"}, {"21201", "cell v-error"},    {"21205", "cell v-skipped"},
      {"21206", "cell v-no-case"},      {"21401", "cell v-verified"}, {"21402", "cell v-failed"},
      {"21403", "cell v-no-case"}};
  ASSERT_EQ(std::size(expected), run.coverage.size());
  for (const auto& [code, cls] : expected) {
    EXPECT_NE(cell_tag(html, code).find(std::string("class=\"") + cls + "\""), std::string::npos)
        << code << ": " << cell_tag(html, code);
  }
  EXPECT_NE(html.find("data-documented=\"6\""), std::string::npos);
}

TEST(HtmlReporter, ACellShowsItsCatalogRowOnHoverAndFocusAndLinksToItsCases) {
  const std::string html = render_html(testing::sample_run_result());
  const std::size_t cell = html.find("data-code=\"21402\"");
  const std::string li = html.substr(cell, html.find("</li>", cell) - cell);
  EXPECT_NE(li.find("<a class=\"code\" href=\"#case-operator-create-duplicate\" "
                    "title=\"21402 \u00b7 HTTP 409 (or 400) \u00b7 Operator already exists "
                    "\u00b7 failed\""),
            std::string::npos)
      << li;
  EXPECT_NE(li.find("<span class=\"tip\" role=\"tooltip\" id=\"tip-21402\">"), std::string::npos);
  EXPECT_NE(html.find("id=\"case-operator-create-duplicate\""), std::string::npos);
  // A code without a case is still focusable, so its tooltip opens from the keyboard.
  EXPECT_NE(html.find("<span class=\"code\" tabindex=\"0\" title=\"21206 \u00b7 HTTP 400"),
            std::string::npos);
  EXPECT_NE(html.find(".cell:hover .tip,.cell:focus-within .tip{display:block}"),
            std::string::npos);
}

TEST(HtmlReporter, LoadsNothingFromOutsideThePage) {
  const std::string html = render_html(testing::sample_run_result());
  const std::regex attribute(R"(\b(src|href|action|srcset|data|poster)\s*=\s*["']?([^"'\s>]*))",
                             std::regex::icase);
  int links = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), attribute);
       it != std::sregex_iterator(); ++it) {
    ++links;
    EXPECT_EQ((*it)[2].str().rfind('#', 0), 0u) << "external reference: " << it->str();
  }
  EXPECT_GT(links, 3);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
}

TEST(HtmlReporter, EscapesAwkwardBytesAndIsWellFormedUtf8) {
  const std::string html = render_html(testing::sample_run_result());
  EXPECT_EQ(find_invalid_utf8(html), std::string::npos);
  EXPECT_EQ(html.find("<b>\\\"Tom"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;\\&quot;Tom &amp; Jerry\\&quot;&lt;/b&gt;\\x01\\x1B[31m"),
            std::string::npos);
  EXPECT_NE(html.find("\\xFF \\xC3( \\xED\\xA0\\x80 \\xEF\\xBF\\xBF end\\x00!"), std::string::npos);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
  EXPECT_EQ(html.find('\0'), std::string::npos);
}

TEST(HtmlReporter, NoSecretFromTheResultReachesThePage) {
  RunResult run = testing::sample_run_result();
  const std::string html = render_html(run);
  // The sample's Authorization header and password were redacted by the runner.
  EXPECT_NE(html.find("Authorization: [redacted]"), std::string::npos);
  EXPECT_NE(html.find("password=[redacted]"), std::string::npos);
  // Nothing of the result but what it holds: a value absent from it never appears.
  EXPECT_EQ(html.find("Bearer"), std::string::npos);
}

TEST(HtmlReporter, GroupsFailuresByFindingIdWithCurlAndCatalogRow) {
  RunResult run = testing::sample_run_result();
  CaseResult second = run.cases[1];
  second.case_id = "operator-create-duplicate-again";
  second.curl = {"curl -sS -i -g --path-as-is -X PUT 'http://127.0.0.1:8080/operators/'"};
  run.cases.insert(run.cases.begin() + 2, second);
  run.cases[1].curl = {
      "curl -sS -X PUT 'http://127.0.0.1:8080/operators/' --data-urlencode "
      "'operator_name=r1-op'",
      "curl -sS -X PUT 'http://127.0.0.1:8080/operators/' -H 'Authorization: "
      "Bearer '\"$ERRC_FIXTURE_TOKEN\""};
  const std::string html = render_html(run);
  const std::size_t group = html.find("<h3>status.mismatch: 2 failed cases</h3>");
  ASSERT_NE(group, std::string::npos) << html;
  const std::size_t first = html.find("id=\"case-operator-create-duplicate\"");
  const std::size_t again = html.find("id=\"case-operator-create-duplicate-again\"");
  const std::size_t errors = html.find("<h3>connection refused: 1 errored case</h3>");
  ASSERT_NE(errors, std::string::npos);
  EXPECT_LT(group, first);
  EXPECT_LT(first, again);
  EXPECT_LT(again, errors);
  const std::string block = case_block(html, "operator-create-duplicate");
  EXPECT_NE(block.find("<pre class=\"curl\">curl -sS -X PUT &#39;http://127.0.0.1:8080/operators/"
                       "&#39; --data-urlencode &#39;operator_name=r1-op&#39;\ncurl -sS -X PUT"),
            std::string::npos)
      << block;
  EXPECT_NE(block.find("&quot;$ERRC_FIXTURE_TOKEN&quot;"), std::string::npos);
  EXPECT_NE(block.find("<dt>Catalog</dt><dd>21402 \u00b7 HTTP 409 (or 400) \u00b7 "
                       "\u201cOperator already exists\u201d</dd>"),
            std::string::npos)
      << block;
  EXPECT_NE(block.find("<details class=\"exchanges\" open><summary>Exchanges (3)</summary>"),
            std::string::npos);
  EXPECT_NE(block.find("<li class=\"error\">status.mismatch expected 409, got 200</li>"),
            std::string::npos);
}

TEST(HtmlReporter, PassedCasesAreCollapsedAndLongBodiesCut) {
  RunResult run = testing::sample_run_result();
  run.cases[0].exchanges[0].response->body = std::string(100 * 1024, 'x');
  const std::string html = render_html(run);
  const std::string block = case_block(html, "token-missing");
  EXPECT_EQ(block.rfind("id=\"case-token-missing\" class=\"case v-passed\"", 0), 0u) << block;
  EXPECT_NE(html.find("<details id=\"case-token-missing\""), std::string::npos);
  EXPECT_NE(block.find("<details class=\"exchanges\"><summary>"), std::string::npos);
  // 8 KB of the response shown (status line and headers included), the rest counted.
  const std::smatch cut = [&] {
    std::smatch m;
    std::regex_search(block, m,
                      std::regex("\u2026 ([0-9]+) more bytes; the JSON report has them all"));
    return m;
  }();
  ASSERT_FALSE(cut.empty()) << block.substr(0, 2000);
  EXPECT_GT(std::stoul(cut[1].str()), 100u * 1024 - 8 * 1024);
  EXPECT_LT(std::stoul(cut[1].str()), 100u * 1024 - 8 * 1024 + 100);
  EXPECT_LT(html.size(), 40u * 1024);
}

TEST(HtmlReporter, HeaderSaysTheExitVerdict) {
  RunResult run = testing::sample_run_result();
  EXPECT_NE(render_html(run).find("<header class=\"run v-failed\">"), std::string::npos);
  EXPECT_NE(render_html(run).find("<dt>Exit code</dt><dd>1</dd>"), std::string::npos);
  run.cases = {run.cases[0]};
  run.totals = {1, 0, 0, 0, 1};
  EXPECT_NE(render_html(run).find("<span class=\"badge v-passed\">\u2713 passed</span>"),
            std::string::npos);
  run.interrupted = true;
  EXPECT_NE(render_html(run).find("<span class=\"badge v-interrupted\">\u26a0 interrupted</span>"),
            std::string::npos);
  run.unreachable = "connection refused";
  const std::string html = render_html(run);
  EXPECT_NE(html.find("\u26a0 target unreachable</span>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Exit code</dt><dd>3</dd>"), std::string::npos);
  for (const char* fact :
       {"<dt>Target</dt><dd>http://127.0.0.1:8080</dd>", "<dt>Run id</dt><dd>r1test</dd>",
        "<dt>Started</dt><dd>2024-05-01T12:00:00Z</dd>", "<dt>Duration</dt><dd>1.234 s</dd>"}) {
    EXPECT_NE(html.find(fact), std::string::npos) << fact;
  }
}

TEST(HtmlReporter, ARunThatDidNotRunEveryCaseSaysWhyInTheHeader) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(render_html(run).find("<p class=\"note\">The run"), std::string::npos);
  run.interrupted = true;
  run.stopped_after_failures = 5;
  const std::string html = render_html(run);
  EXPECT_NE(html.find("<p class=\"note\">The run was interrupted: results are partial.</p>"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"note\">The run stopped after 5 failed cases (--max-failures): "
                      "the cases not started were skipped.</p>"),
            std::string::npos);
}

TEST(HtmlReporter, FiltersArePresentButHiddenUntilTheScriptRuns) {
  const std::string html = render_html(testing::sample_run_result());
  EXPECT_NE(html.find("<form id=\"filters\" class=\"filters\" hidden>"), std::string::npos);
  EXPECT_NE(html.find("<option value=\"214\">214 operator</option>"), std::string::npos);
  EXPECT_NE(html.find("<input type=\"checkbox\" value=\"error\" checked>"), std::string::npos);
  EXPECT_NE(html.find("@media print{"), std::string::npos);
  // Nothing else on the page is hidden without the script.
  EXPECT_EQ(html.find(" hidden", html.find("</form>")), std::string::npos);
}

// A case that names no code (fuzz-api's, on a path no code lists) gets a
// module filter of its own, not the "all modules" value, and no grid section.
TEST(HtmlReporter, CasesWithNoCodeHaveTheirOwnFilterAndNoGridSection) {
  RunResult run = testing::sample_run_result();
  run.cases[0].code.clear();
  run.cases[0].module_name.clear();
  run.cases[0].contract = true;
  const std::string html = render_html(run);
  EXPECT_NE(html.find("<option value=\"no code\">no code</option>"), std::string::npos);
  EXPECT_NE(html.find("data-module=\"no code\""), std::string::npos);
  EXPECT_EQ(html.find("<h3>no code"), std::string::npos);
}

}  // namespace
}  // namespace errcontract
