// The browser launcher (browser_page.h): what the run report's and the fuzz
// report's browser tests both need.
#include "browser_page.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <regex>

namespace errcontract::testing {

std::string browser() {
  const char* env = std::getenv("ERRC_BROWSER");
  return env != nullptr && *env != '\0' ? env : "/usr/bin/chromium-headless-shell";
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ProcessResult open_in_browser(const std::filesystem::path& page,
                              const std::filesystem::path& profile_dir,
                              const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"-k",
                                   "5",
                                   "90",
                                   browser(),
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--user-data-dir=" + profile_dir.string(),
                                   "--no-proxy-server",
                                   "--host-resolver-rules=MAP * ~NOTFOUND",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--no-first-run"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("file://" + page.string());
  return run_process("/usr/bin/timeout", args);
}

ReportPage::ReportPage(const std::string& file_name, std::vector<std::string> args) {
  std::string pattern = (std::filesystem::temp_directory_path() / "errc-browser-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (::mkdtemp(buffer.data()) != nullptr) dir_ = buffer.data();
  path_ = dir_ / file_name;
  for (std::string& arg : args)
    arg = std::regex_replace(arg, std::regex("\\{page\\}"), path_.string());
  run_ = run_process(errcontract_binary(), args);
}

ReportPage::~ReportPage() {
  std::error_code ignored;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ignored);
}

ProcessResult ReportPage::open(const std::vector<std::string>& extra) const {
  return open_in_browser(path_, dir_ / "profile", extra);
}

std::string browser_missing() {
  if (::access(browser().c_str(), X_OK) == 0) return "";
  return browser() +
         " is missing: install chromium-headless-shell (ci/bootstrap.sh dev) or set ERRC_BROWSER";
}

}  // namespace errcontract::testing
