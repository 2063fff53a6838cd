// What a CI job relies on. Verdicts: a selection that runs nothing is a
// usage error, not a pass; skipped cases are explained without -v; an empty
// ERRC_FIXTURE_* (CI's missing secret) counts as unset; --min-coverage fails
// a run that verified too little, naming the codes and why. Output: a report
// to standard output, a report path that is a symlink.
#include <gtest/gtest.h>

#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "../support/process.h"

namespace errcontract {
namespace {

using std::chrono::seconds;
using testing::BackgroundProcess;
using testing::errcontract_binary;
using testing::ProcessResult;
using testing::run_process;

namespace fs = std::filesystem;

// "running N cases" from a run's output; -1 when absent.
int cases_run(const std::string& out) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("running (\\d+) case"))) return -1;
  return std::stoi(m[1]);
}

TEST(Selection, OnlyThatMatchesNothingExitsTwoNamingIt) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--only", "no-such-case-anywhere"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--only \"no-such-case-anywhere\" matches no case"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Selection, OneMisspeltOnlyAmongGoodOnesExitsTwo) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--only", "21402", "--only", "99999"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--only \"99999\""), std::string::npos) << r.err;
}

TEST(Selection, ExcludeThatEmptiesTheSelectionExitsTwoNamingIt) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--only", "21402", "--exclude", "operator"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("the selection --only 21402 --exclude operator matches no case"),
            std::string::npos)
      << r.err;
}

// --shard K/N is one-based on the command line: shard N/N is not empty, and
// the shards together run the whole selection.
TEST(Selection, ShardsTogetherRunTheWholeSelection) {
  const ProcessResult all = run_process(errcontract_binary(), {"run", "--only", "operator"});
  const ProcessResult first =
      run_process(errcontract_binary(), {"run", "--only", "operator", "--shard", "1/2"});
  const ProcessResult second =
      run_process(errcontract_binary(), {"run", "--only", "operator", "--shard", "2/2"});
  ASSERT_EQ(all.exit_code, 0) << all.out << all.err;
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_GT(cases_run(second.out), 0) << second.out;
  EXPECT_EQ(cases_run(first.out) + cases_run(second.out), cases_run(all.out));
}

// `errcontract serve` in another process: a target that provides fixtures
// only through --fixtures or the environment, as staging does.
class AgainstServe : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "errc-verdicts-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fixtures_ = (dir_ / "fixtures.json").string();
    server_ = std::make_unique<BackgroundProcess>(
        errcontract_binary(),
        std::vector<std::string>{"serve", "--port", "0", "--fixtures-out", fixtures_});
    const std::string line = server_->wait_for_line("listening on http://", seconds(60));
    const std::size_t at = line.find("http://");
    ASSERT_NE(at, std::string::npos) << server_->err();
    url_ = line.substr(at, line.find(' ', at) - at);
  }
  static void TearDownTestSuite() {
    if (server_) {
      server_->send_signal(SIGTERM);
      server_->wait(seconds(30));
      server_.reset();
    }
    fs::remove_all(dir_);
  }

  static inline fs::path dir_;
  static inline std::string fixtures_, url_;
  static inline std::unique_ptr<BackgroundProcess> server_;
};

TEST_F(AgainstServe, WithoutFixturesMinCoverageFailsNamingCodesAndWhy) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--target", url_, "--min-coverage", "90"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("coverage below --min-coverage 90%"), std::string::npos) << r.out;
  // The codes not verified are listed after their reason.
  EXPECT_NE(r.out.find("skipped: fixture \"token\" not provided ("), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" 21402"), std::string::npos) << r.out;
}

TEST_F(AgainstServe, SkippedCasesAreSummarisedByReasonWithoutVerbose) {
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", url_});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("\nskipped \\d+ cases: fixture \"token\" not provided\n")))
      << r.out;
  EXPECT_EQ(r.out.find("SKIP "), std::string::npos) << r.out;
}

// CI passes "" for a secret it does not have: that must not hide the
// fixtures file's value, and the run says it ignored the variable.
TEST_F(AgainstServe, EmptyEnvironmentFixtureCountsAsUnsetAndIsNamed) {
  const ProcessResult r =
      run_process("/usr/bin/env", {"ERRC_FIXTURE_TOKEN=", errcontract_binary(), "run", "--target",
                                   url_, "--fixtures", fixtures_, "--only", "21402"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("ERRC_FIXTURE_TOKEN is empty: fixture \"token\" counts as not set"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("passed, 0 failed, 0 errors, 0 skipped"), std::string::npos) << r.out;
}

TEST_F(AgainstServe, MisspeltFixtureNameInTheFileIsNamedWithASuggestion) {
  const fs::path misspelt = dir_ / "misspelt.json";
  { std::ofstream(misspelt) << R"({"tokn": "abc"})"; }
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", url_, "--fixtures",
                                                             misspelt.string(), "--only", "21402"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("fixture \"tokn\" in " + misspelt.string() +
                       " is used by no case (did you mean \"token\"?)"),
            std::string::npos)
      << r.err;
}

TEST_F(AgainstServe, FullFixturesMeetMinCoverage) {
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", url_, "--fixtures",
                                                             fixtures_, "--min-coverage", "90"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("coverage below"), std::string::npos) << r.out;
}

TEST(MinCoverage, OutOfRangeIsAUsageError) {
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--min-coverage", "101"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--min-coverage"), std::string::npos) << r.err;
}

TEST(ReportOutput, JsonToStandardOutputParsesAndTheConsoleGoesToStandardError) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--only", "21402", "--report", "json=-"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str(), r.out.size());
  EXPECT_FALSE(doc.HasParseError()) << r.out;
  EXPECT_TRUE(doc.IsObject()) << r.out;
  EXPECT_NE(r.err.find("passed, 0 failed"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists("-"));
}

TEST(ReportOutput, TwoReportsToStandardOutputAreAUsageError) {
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--report", "json=-", "--report", "junit=-"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("only one --report"), std::string::npos) << r.err;
}

TEST(ReportOutput, SymlinkReportPathStaysALinkAndItsTargetHoldsTheReport) {
  std::string pattern = (fs::temp_directory_path() / "errc-link-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  fs::create_symlink(dir / "target.json", dir / "link.json");
  const ProcessResult r =
      run_process(errcontract_binary(),
                  {"run", "--only", "21402", "--report", "json=" + (dir / "link.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
  EXPECT_TRUE(fs::is_regular_file(dir / "target.json"));
  EXPECT_GT(fs::file_size(dir / "target.json"), 0u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace errcontract
