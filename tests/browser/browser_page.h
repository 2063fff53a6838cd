// A page in a real browser, for the HTML report tests: Debian's
// chromium-headless-shell (ERRC_BROWSER names another Chromium-like binary)
// on a file:// URL, with a fresh profile, no sandbox (tests run as root), no
// GPU, no proxy and every host name unresolvable, killed (with its child
// processes: timeout signals its process group) after 90 s.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../support/process.h"

namespace errcontract::testing {

// The browser binary: $ERRC_BROWSER, or /usr/bin/chromium-headless-shell.
std::string browser();

// The bytes of a file ("" when it cannot be read).
std::string slurp(const std::filesystem::path& path);

// Runs the browser on `page` with `extra` flags (--dump-dom, --screenshot=...),
// its profile in `profile_dir`.
ProcessResult open_in_browser(const std::filesystem::path& page,
                              const std::filesystem::path& profile_dir,
                              const std::vector<std::string>& extra);

// A report page that one errcontract command writes into a fresh directory
// (removed by the destructor), for a test suite to open in the browser.
class ReportPage {
 public:
  // Runs errcontract with `args`, in which "{page}" stands for the page's
  // path (e.g. "html={page}"); the page is called `file_name`.
  ReportPage(const std::string& file_name, std::vector<std::string> args);
  ~ReportPage();
  ReportPage(const ReportPage&) = delete;
  ReportPage& operator=(const ReportPage&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& path() const { return path_; }
  const ProcessResult& run() const { return run_; }
  // The browser on the page (open_in_browser), its profile in dir().
  ProcessResult open(const std::vector<std::string>& extra) const;

 private:
  std::filesystem::path dir_, path_;
  ProcessResult run_;
};

// "" when the browser can be run; else why not, naming the package.
std::string browser_missing();

// A suite of tests over one page: the suite's SetUpTestSuite sets page_ (an
// errcontract run that exits 1: it found what it was broken to find); each
// test fails, never skips, when the browser is missing, and has the page in
// html_. `Suite` keeps each suite's page apart.
template <typename Suite>
class ReportPageTest : public ::testing::Test {
 protected:
  static void TearDownTestSuite() {
    delete page_;
    page_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(browser_missing(), "");
    ASSERT_EQ(page_->run().exit_code, 1) << page_->run().out << page_->run().err;
    html_ = slurp(page_->path());
    ASSERT_FALSE(html_.empty()) << page_->run().err;
  }

  static inline ReportPage* page_ = nullptr;
  std::string html_;
};

}  // namespace errcontract::testing
