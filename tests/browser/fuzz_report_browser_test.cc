// fuzz-api's HTML report in a real browser: `errcontract fuzz-api --report
// html=PATH` against the embedded reference server broken on purpose
// (other-code 21203), then chromium-headless-shell loads the file
// (--dump-dom: the DOM after the page's script ran; --screenshot: what a
// person sees). Fails, never skips, when the browser is missing.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include "../support/process.h"
#include "browser_page.h"
#include "png_colours.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::browser;
using testing::errcontract_binary;
using testing::run_process;
using testing::slurp;

class FuzzReportInBrowser : public testing::ReportPageTest<FuzzReportInBrowser> {
 protected:
  // One fuzzing run for all tests, small, with violations.
  static void SetUpTestSuite() {
    page_ = new testing::ReportPage(
        "fuzz.html", {"fuzz-api", "--seed", "7", "--max-requests", "600", "--fault", "other-code",
                      "--fault-code", "21203", "--report", "html={page}"});
  }
};

TEST_F(FuzzReportInBrowser, TheScriptRanOverARowPerEndpointAndTheViolationsShow) {
  const testing::ProcessResult page = page_->open({"--dump-dom"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const std::string& dom = page.out;
  EXPECT_NE(dom.find("data-script=\"ran\""), std::string::npos) << dom.substr(0, 500);
  // The endpoint table: as many rows as the file has, and the script counted them all.
  const std::string table = html_.substr(0, html_.find("id=\"violations\""));
  const std::regex row(R"re(<tr class="v-(failed|clean)">)re");
  const auto rows = static_cast<std::size_t>(
      std::distance(std::sregex_iterator(table.begin(), table.end(), row), std::sregex_iterator()));
  EXPECT_GT(rows, 60u);  // every endpoint of cases/api.json, and the unknown paths' row
  EXPECT_NE(dom.find("data-endpoint-rows=\"" + std::to_string(rows) + "\""), std::string::npos);
  EXPECT_NE(dom.find(std::to_string(rows) + " of " + std::to_string(rows) + " endpoints shown"),
            std::string::npos);
  EXPECT_EQ(dom.find("<form id=\"filters\" class=\"filters\" hidden"), std::string::npos);
  // The fault's violation: 21203 answered with another code, whose status is not its own.
  const std::regex violation(
      R"re(<tr class="v-failed"><td><code>[A-Z]+ /[^<]*</code></td><td><code>status\.mismatch</code></td><td>\d{5}</td><td class="n">\d{3}</td>)re");
  EXPECT_TRUE(std::regex_search(dom, violation));
  EXPECT_NE(dom.find("<code>(unknown endpoint)</code>"), std::string::npos);
}

TEST_F(FuzzReportInBrowser, ThePageIsSelfContained) {
  const std::regex reference(R"re(\b(src|href)="([^"]*)")re");
  for (auto it = std::sregex_iterator(html_.begin(), html_.end(), reference);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[2].str().rfind('#', 0), 0u) << it->str();
  }
}

TEST_F(FuzzReportInBrowser, TheScreenshotIsNotBlank) {
  const fs::path png = page_->dir() / "page.png";
  const testing::ProcessResult shot =
      page_->open({"--screenshot=" + png.string(), "--window-size=1280,1600", "--hide-scrollbars"});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  const testing::PngSummary image = testing::summarize_png(slurp(png));
  ASSERT_EQ(image.error, "");
  EXPECT_EQ(image.width, 1280u);
  EXPECT_EQ(image.height, 1600u);
  EXPECT_GT(image.colours, 20u);  // text, the marks' colours, the table's borders
}

}  // namespace
}  // namespace errcontract
