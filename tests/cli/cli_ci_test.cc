// What a CI job relies on. Verdicts: a selection that runs nothing is a
// usage error, not a pass; skipped cases are explained without -v; an empty
// ERRC_FIXTURE_* (CI's missing secret) counts as unset; --min-coverage fails
// a run that verified too little, naming the codes and why. Output: a report
// to standard output, a report path that is a symlink.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "../support/process.h"
#include "../support/served_reference_server.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::ProcessResult;
using testing::run_process;
using testing::ServedReferenceServer;

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
    server_ = std::make_unique<ServedReferenceServer>();
    ASSERT_NE(server_->url(), "") << server_->err();
    dir_ = server_->dir();
    fixtures_ = server_->fixtures();
    url_ = server_->url();
  }
  static void TearDownTestSuite() { server_.reset(); }

  static inline fs::path dir_;
  static inline std::string fixtures_, url_;
  static inline std::unique_ptr<ServedReferenceServer> server_;
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
                       " is not declared by the case library (did you mean \"token\"?)"),
            std::string::npos)
      << r.err;
}

TEST_F(AgainstServe, FullFixturesMeetMinCoverage) {
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", url_, "--fixtures",
                                                             fixtures_, "--min-coverage", "90"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("coverage below"), std::string::npos) << r.out;
}

std::size_t line_count(const ProcessResult& r) {
  return static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n') +
                                  std::count(r.err.begin(), r.err.end(), '\n'));
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The done-when of a revoked token: the full fixtures say how to obtain it
// again, so the run mends itself, says so, and passes.
TEST_F(AgainstServe, ARevokedTokenIsObtainedAgainAndTheRunSaysSo) {
  const ProcessResult r = run_process(
      "/usr/bin/env", {"ERRC_FIXTURE_TOKEN=expired-or-revoked-token", errcontract_binary(), "run",
                       "--target", url_, "--fixtures", fixtures_});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_LE(line_count(r), 60u) << r.out << r.err;
  EXPECT_EQ(occurrences(r.out,
                        "fixture token was obtained again after the target rejected it "
                        "(401, 11001)"),
            1u)
      << r.out;
  EXPECT_NE(r.out.find(" 0 failed, 0 errors, "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("expired-or-revoked-token"), std::string::npos) << r.out;
}

// Without what obtaining it needs, the rejection is diagnosed once, the
// cases that need the token are errors (not failures), and nothing leaks.
TEST_F(AgainstServe, ARevokedTokenThatCannotBeObtainedIsDiagnosedOnce) {
  rapidjson::Document full;
  {
    std::ifstream in(fixtures_);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    full.Parse(text.c_str(), text.size());
  }
  ASSERT_TRUE(full.IsObject());
  full.RemoveMember("app_client_secret");
  const fs::path partial = dir_ / "no-client-secret.json";
  {
    std::ofstream out(partial);
    out << "{";
    bool first = true;
    for (const auto& m : full.GetObject()) {
      out << (first ? "" : ",") << '"' << m.name.GetString() << "\":\"" << m.value.GetString()
          << '"';
      first = false;
    }
    out << "}";
  }
  const ProcessResult r = run_process(
      "/usr/bin/env", {"ERRC_FIXTURE_TOKEN=expired-or-revoked-token", errcontract_binary(), "run",
                       "--target", url_, "--fixtures", partial.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_LE(line_count(r), 60u) << r.out << r.err;
  EXPECT_EQ(occurrences(r.out,
                        "fixture token was rejected by the target (401, 11001): expired or "
                        "revoked?"),
            1u)
      << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(" 0 failed, [1-9][0-9]* errors"))) << r.out;
  EXPECT_EQ(r.out.find("LEAK"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("FAIL "), std::string::npos) << r.out;
}

TEST_F(AgainstServe, FixturesCommandSaysWhoNeedsEachAndWhatProvidesIt) {
  const ProcessResult r =
      run_process("/usr/bin/env", {"ERRC_FIXTURE_BLOCKED_TOKEN=from-the-environment",
                                   errcontract_binary(), "fixtures", "--fixtures", fixtures_});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(std::regex_search(
      r.out, std::regex("(^|\n)token \\(secret\\): Access token of the main account[^\n]*\n"
                        "  needed by \\d+ cases for \\d+ codes: [0-9 ]*21402[0-9 ]*\n"
                        "  provided by: " +
                        fixtures_ +
                        "\n"
                        "  obtained with: POST /oauth/access_token/ \\(using app_client_id, "
                        "app_client_secret, username, password\\)\n")))
      << r.out;
  EXPECT_NE(r.out.find("  provided by: ERRC_FIXTURE_BLOCKED_TOKEN, " + fixtures_ + "\n"),
            std::string::npos)
      << r.out;
  // A value that is not secret is shown; secrets never are.
  EXPECT_NE(r.out.find("username: Username of the main account"), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("provided by: [^\n]*fixtures.json \\(user-")))
      << r.out;
  EXPECT_EQ(r.out.find("from-the-environment"), std::string::npos) << r.out;
}

TEST(Fixtures, ACaseNamingAnUndeclaredFixtureDoesNotLoad) {
  const fs::path dir = fs::temp_directory_path() / ("errc-undeclared-" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::copy_file(ERRC_SOURCE_DIR "/cases/fixtures.json", dir / "fixtures.json",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "x.cases.json") << R"({"cases": [{"id": "op", "code": "21402",
  "request": {"method": "PUT", "path": "/operators/", "auth": "tokn"}}]})";
  const ProcessResult r = run_process(
      errcontract_binary(), {"run", "--cases", dir.string(), "--target", "http://127.0.0.1:1"});
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("x.cases.json:2: fixture \"tokn\" is not declared in "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(did you mean \"token\"?)"), std::string::npos) << r.err;
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

// Under GitHub Actions each failed case is annotated at its line in its case
// file (relative to the workspace), and the Markdown report is appended to
// the step summary; elsewhere neither happens.
TEST(GithubActions, FailedCasesAreAnnotatedAtTheirCaseAndTheSummaryIsAppended) {
  const fs::path dir = fs::temp_directory_path() / ("errc-gha-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path summary = dir / "summary.md";
  setenv("GITHUB_ACTIONS", "true", 1);
  setenv("GITHUB_WORKSPACE", ERRC_SOURCE_DIR, 1);
  setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--fault", "other-code", "--only", "21203"});
  unsetenv("GITHUB_ACTIONS");
  unsetenv("GITHUB_WORKSPACE");
  unsetenv("GITHUB_STEP_SUMMARY");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::regex annotation(
      R"(::error file=(cases/bucket\.cases\.json),line=(\d+),title=21203 ([a-z0-9-]+)::code\.mismatch )");
  int annotations = 0;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), annotation);
       it != std::sregex_iterator(); ++it, ++annotations) {
    // The line is where that case starts: its "id" is on it or the next line.
    std::ifstream in(fs::path(ERRC_SOURCE_DIR) / (*it)[1].str());
    std::string line, here;
    for (int n = 1; std::getline(in, line) && n <= std::stoi((*it)[2]) + 1; ++n) {
      if (n >= std::stoi((*it)[2])) here += line;
    }
    EXPECT_NE(here.find("\"id\": \"" + (*it)[3].str() + "\""), std::string::npos)
        << (*it)[0] << " points at: " << here;
  }
  EXPECT_GE(annotations, 3) << r.out;
  std::ifstream in(summary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("21203"), std::string::npos) << text;
  EXPECT_NE(text.find("| "), std::string::npos) << text;

  const ProcessResult outside =
      run_process(errcontract_binary(), {"run", "--fault", "other-code", "--only", "21203"});
  EXPECT_EQ(outside.out.find("::error"), std::string::npos) << outside.out;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace errcontract
