// The errcontract binary with 16 workers, as a child process: the console
// output of many workers (each case one whole block, none lost or mixed), a
// run against `errcontract serve` in another process, and SIGINT arriving
// while 16 rate-limited workers run, after which the reports are still
// written whole. Under the tsan preset the children inherit TSAN_OPTIONS, so
// a race in the CLI ends it with ThreadSanitizer's exit code and fails here.
#include <rapidjson/document.h>
#include <signal.h>
#include <stdlib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "process.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;
using testing::BackgroundProcess;
using testing::errcontract_binary;
using testing::ProcessResult;
using testing::run_process;

const std::string kCasesDir = std::string(ERRC_SOURCE_DIR) + "/cases";

class CliConcurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "errc-concurrency-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string read_text(const fs::path& path) const {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  fs::path dir_;
};

// Case id -> how many "    request:" lines follow its verdict line before
// the next verdict line. Exchange lines are indented; verdict lines are not.
std::map<std::string, int> case_blocks(const std::string& console, int& verdict_lines) {
  std::map<std::string, int> blocks;
  std::istringstream in(console);
  std::string line, current;
  verdict_lines = 0;
  while (std::getline(in, line)) {
    if (line.rfind("PASS ", 0) == 0 || line.rfind("FAIL ", 0) == 0 ||
        line.rfind("ERROR ", 0) == 0 || line.rfind("SKIP ", 0) == 0) {
      ++verdict_lines;
      current = line.substr(line.rfind(' ') + 1);
      blocks[current];  // present even if its block holds no request line
    } else if (line.rfind("    request: ", 0) == 0 && !current.empty()) {
      ++blocks[current];
    } else if (line.rfind("    ", 0) != 0) {
      current.clear();  // the summary table after the last case
    }
  }
  return blocks;
}

TEST_F(CliConcurrency, SixteenWorkersPrintEachCaseAsOneWholeBlock) {
  const ProcessResult list = run_process(errcontract_binary(), {"list", "--cases", kCasesDir});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--cases", kCasesDir, "--jobs", "16", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  int verdict_lines = 0;
  const std::map<std::string, int> blocks = case_blocks(r.out, verdict_lines);
  ASSERT_GT(blocks.size(), 100u);
  EXPECT_EQ(verdict_lines, static_cast<int>(blocks.size())) << "a case printed twice";
  for (const auto& [id, requests] : blocks) {
    EXPECT_EQ(requests, 1) << id << ": its trigger line is missing or another's is mixed in";
    EXPECT_NE(list.out.find(id), std::string::npos) << id;
  }
  EXPECT_NE(r.out.find("cases: " + std::to_string(blocks.size()) + " passed, 0 failed, 0 errors"),
            std::string::npos)
      << r.out.substr(r.out.size() > 400 ? r.out.size() - 400 : 0);
}

TEST_F(CliConcurrency, SixteenWorkersAgainstServeInAnotherProcessPass) {
  const fs::path fixtures = dir_ / "fixtures.json";
  BackgroundProcess serve(errcontract_binary(),
                          {"serve", "--port", "0", "--fixtures-out", fixtures.string()});
  ASSERT_EQ(serve.error(), "");
  const std::string line = serve.wait_for_line("listening on http://", seconds(60));
  const std::size_t at = line.find("http://");
  ASSERT_NE(at, std::string::npos) << serve.err();
  const std::string url = line.substr(at, line.find(' ', at) - at);

  const ProcessResult r = run_process(
      errcontract_binary(), {"run", "--target", url, "--fixtures", fixtures.string(), "--cases",
                             kCasesDir, "--allow-destructive", "--jobs", "16"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 failed, 0 errors, 0 skipped"), std::string::npos) << r.out;

  ASSERT_TRUE(serve.send_signal(SIGTERM));
  const ProcessResult served = serve.wait(seconds(60));
  EXPECT_EQ(served.exit_code, 0) << served.err;
  EXPECT_NE(served.out.find("errcontract reference server stopped (SIGTERM)"), std::string::npos);
}

TEST_F(CliConcurrency, InterruptDuringSixteenWorkersStillWritesWholeReports) {
  // --rate keeps the 16 workers busy long enough for the signal to land mid-run.
  BackgroundProcess run(
      errcontract_binary(),
      {"run", "--cases", kCasesDir, "--jobs", "16", "--rate", "40", "-v", "--report",
       "json=" + (dir_ / "r.json").string(), "--report", "junit=" + (dir_ / "r.xml").string(),
       "--report", "md=" + (dir_ / "r.md").string()});
  ASSERT_EQ(run.error(), "");
  ASSERT_NE(run.wait_for_line("PASS ", seconds(120)), "") << run.out() << run.err();
  ASSERT_TRUE(run.send_signal(SIGINT));
  const ProcessResult r = run.wait(seconds(120));

  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("errcontract: stopping: no new cases"), std::string::npos) << r.err;

  const std::string json = read_text(dir_ / "r.json");
  rapidjson::Document report;
  report.Parse(json.c_str(), json.size());
  ASSERT_FALSE(report.HasParseError()) << json.substr(0, 300);
  EXPECT_TRUE(report["interrupted"].GetBool());
  int started = 0, never_started = 0;
  for (const auto& c : report["cases"].GetArray()) {
    if (c["exchanges"].Empty()) {
      EXPECT_STREQ(c["verdict"].GetString(), "skipped") << c["id"].GetString();
      ++never_started;
    } else {
      // A case under way when the signal came either finished or stopped
      // after its setup ("interrupted before the request was sent"); either
      // way its teardown removed what it made.
      const std::string verdict = c["verdict"].GetString();
      const std::string reason = c["reason"].GetString();
      EXPECT_TRUE(verdict == "passed" ||
                  (verdict == "skipped" && reason == "interrupted before the request was sent"))
          << c["id"].GetString() << ": " << verdict << " (" << reason << ")";
      EXPECT_TRUE(c["leaks"].Empty()) << c["id"].GetString();
      ++started;
    }
  }
  EXPECT_GE(started, 1);
  EXPECT_GE(never_started, 1);
  EXPECT_NE(read_text(dir_ / "r.xml").find("<property name=\"interrupted\" value=\"true\"/>"),
            std::string::npos);
  EXPECT_NE(read_text(dir_ / "r.md").find("(interrupted)"), std::string::npos);
}

}  // namespace
}  // namespace errcontract
