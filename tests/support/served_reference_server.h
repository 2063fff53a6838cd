// `errcontract serve --port 0 --fixtures-out <temp>/fixtures.json` in another
// process, the target a CLI test points `run --target` at (as staging is: the
// fixtures come only from the file). Started in a suite's SetUpTestSuite,
// stopped with SIGTERM by its destructor, its temporary folder removed.
#pragma once

#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "process.h"

namespace errcontract::testing {

class ServedReferenceServer {
 public:
  explicit ServedReferenceServer(const std::vector<std::string>& extra_args = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / "errc-serve-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return;
    dir_ = pattern;
    fixtures_ = (dir_ / "fixtures.json").string();
    std::vector<std::string> args = {"serve", "--port", "0", "--fixtures-out", fixtures_};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    process_ = std::make_unique<BackgroundProcess>(errcontract_binary(), args);
    banner_ = process_->wait_for_line("listening on http://", std::chrono::seconds(60));
    const std::size_t at = banner_.find("http://");
    if (at != std::string::npos) url_ = banner_.substr(at, banner_.find(' ', at) - at);
  }
  ~ServedReferenceServer() {
    if (process_) {
      process_->send_signal(SIGTERM);
      process_->wait(std::chrono::seconds(30));
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  ServedReferenceServer(const ServedReferenceServer&) = delete;
  ServedReferenceServer& operator=(const ServedReferenceServer&) = delete;

  const std::string& url() const { return url_; }  // "" when it did not start
  const std::string& fixtures() const { return fixtures_; }
  const std::string& banner() const { return banner_; }  // the "listening on" line
  const std::filesystem::path& dir() const { return dir_; }
  std::string err() const { return process_ ? process_->err() : "mkdtemp failed"; }

 private:
  std::filesystem::path dir_;
  std::string fixtures_, banner_, url_;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace errcontract::testing
