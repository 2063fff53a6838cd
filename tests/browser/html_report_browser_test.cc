// The HTML report of a real run in a real browser: `errcontract run --report
// html=PATH` against the embedded reference server, then Debian's
// chromium-headless-shell loads the file (--dump-dom: the DOM after the
// page's script ran; --screenshot: what a person sees). The browser is
// required in the dev preset: when it is missing the test fails, naming
// the package. ERRC_BROWSER names another Chromium-like binary.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
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

// A secret-named header's value: the run redacts it, the page must not hold it.
constexpr char kSecret[] = "html-browser-secret-5d1e";

class HtmlReportInBrowser : public testing::ReportPageTest<HtmlReportInBrowser> {
 protected:
  // One run for all tests: the whole case library under the other-message
  // fault, so the page is as large as this library makes it, with failures
  // (their exchanges open), curl commands, and verified codes (those whose
  // table message is empty pass).
  static void SetUpTestSuite() {
    page_ = new testing::ReportPage("run.html", {"run", "--fault", "other-message", "--header",
                                                 std::string("X-Api-Key: ") + kSecret, "--report",
                                                 "html={page}", "--color", "never"});
  }

  static testing::ProcessResult open_page(const std::vector<std::string>& extra) {
    return page_->open(extra);
  }
};

TEST_F(HtmlReportInBrowser, TheScriptRanAndTheGridHoldsEveryDocumentedCode) {
  const testing::ProcessResult page = open_page({"--dump-dom"});
  ASSERT_EQ(page.exit_code, 0) << page.err;
  const std::string& dom = page.out;
  EXPECT_NE(dom.find("data-script=\"ran\""), std::string::npos) << dom.substr(0, 500);
  EXPECT_NE(dom.find("data-documented-cells=\"144\""), std::string::npos);
  // The script showed the filters and counted what they show.
  EXPECT_EQ(dom.find("<form id=\"filters\" class=\"filters\" hidden"), std::string::npos);
  EXPECT_NE(dom.find("codes shown</output>"), std::string::npos);
  const std::regex cell(R"re(<li class="cell v-(verified|failed|error|skipped|no-case)( ext)?")re");
  int documented = 0, failed = 0, verified = 0;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), cell); it != std::sregex_iterator();
       ++it) {
    if ((*it)[2].matched) continue;
    ++documented;
    failed += (*it)[1].str() == "failed";
    verified += (*it)[1].str() == "verified";
  }
  EXPECT_EQ(documented, 144);
  EXPECT_GT(failed, 100);  // other-message fails every code whose table message is not empty
  EXPECT_GT(verified, 0);
}

TEST_F(HtmlReportInBrowser, TheScreenshotIsNotBlank) {
  const fs::path png = page_->dir() / "page.png";
  const testing::ProcessResult shot =
      open_page({"--screenshot=" + png.string(), "--window-size=1280,2000", "--hide-scrollbars"});
  ASSERT_EQ(shot.exit_code, 0) << shot.err;
  const testing::PngSummary image = testing::summarize_png(slurp(png));
  ASSERT_EQ(image.error, "");
  EXPECT_EQ(image.width, 1280u);
  EXPECT_EQ(image.height, 2000u);
  // Text, the verdict colours and the borders: far more than a blank page's one.
  EXPECT_GT(image.colours, 20u);
}

TEST_F(HtmlReportInBrowser, ThePageOfARealRunIsSelfContainedAndHoldsNoSecret) {
  EXPECT_EQ(html_.find(kSecret), std::string::npos);
  // The header was sent: the curl commands name it, its value an environment reference.
  EXPECT_NE(html_.find("-H &#39;X-Api-Key: &#39;&quot;$ERRC_HEADER_X_API_KEY&quot;"),
            std::string::npos);
  EXPECT_NE(html_.find("<pre class=\"curl\">curl "), std::string::npos);
  const std::regex reference(R"re(\b(src|href)="([^"]*)")re");
  for (auto it = std::sregex_iterator(html_.begin(), html_.end(), reference);
       it != std::sregex_iterator(); ++it) {
    EXPECT_EQ((*it)[2].str().rfind('#', 0), 0u) << it->str();
  }
  EXPECT_LT(html_.size(), 3u * 1024 * 1024);  // the whole library, most cases failed
}

// The blank check itself: a uniform image has one colour.
TEST(PngColours, AUniformImageHasOneColourAndGarbageIsRefused) {
  const unsigned width = 4, height = 3;
  std::string raw;
  for (unsigned y = 0; y < height; ++y) raw += '\0' + std::string(width * 3, '\xEE');
  uLongf size = compressBound(raw.size());
  std::string idat(size, '\0');
  ASSERT_EQ(compress(reinterpret_cast<Bytef*>(idat.data()), &size,
                     reinterpret_cast<const Bytef*>(raw.data()), raw.size()),
            Z_OK);
  idat.resize(size);
  auto chunk = [](std::string_view type, std::string_view data) {
    std::string out;
    for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(data.size() >> shift);
    out.append(type);
    out.append(data);
    return out + std::string(4, '\0');  // the CRC is not checked
  };
  const std::string ihdr("\0\0\0\x04\0\0\0\x03\x08\x02\0\0\0", 13);
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) +
                          chunk("IDAT", idat) + chunk("IEND", "");
  const testing::PngSummary uniform = testing::summarize_png(png);
  ASSERT_EQ(uniform.error, "");
  EXPECT_EQ(uniform.width, 4u);
  EXPECT_EQ(uniform.height, 3u);
  EXPECT_EQ(uniform.colours, 1u);
  EXPECT_EQ(testing::summarize_png("GIF89a").error, "not a PNG (no signature)");
}

}  // namespace
}  // namespace errcontract
