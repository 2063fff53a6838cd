// Issue 10's "done when" through a staging-like deployment, with the real
// binary and exactly that command: `errcontract run --target
// https://127.0.0.1:PORT/uapi --ca-file CA.pem --header "X-Api-Key: KEY"
// --proxy http://127.0.0.1:PROXYPORT --lenient --fixtures F --report
// junit=PATH` (tests/support/staging_setup.h). Clean: exit 0, no failure, at
// least 170 cases run, every tunnel through the proxy, throttled answers
// retried and reported, the key nowhere. One code broken by the gateway:
// exit 1 and exactly that code's cases fail.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "process.h"
#include "staging_setup.h"

namespace errcontract::testing {
namespace {

namespace fs = std::filesystem;

// The code the gateway breaks: an anti-leech setting on a file bucket (three cases).
constexpr const char* kBrokenCode = "21207";

struct JunitCase {
  std::string code, id;
  std::string outcome;  // passed, failure, error, skipped
};

// <testcase name="CODE case-id" ...> ... </testcase>, as the JUnit report
// writes them (element text is escaped, so "<failure" is the element).
std::vector<JunitCase> read_junit(const std::string& text) {
  std::vector<JunitCase> cases;
  constexpr std::string_view kOpen = "<testcase name=\"";
  for (std::size_t at = text.find(kOpen); at != std::string::npos; at = text.find(kOpen, at)) {
    at += kOpen.size();
    const std::string name = text.substr(at, text.find('"', at) - at);
    const std::size_t end = text.find("</testcase>", at);
    const std::string body = text.substr(at, end - at);
    JunitCase c;
    c.code = name.substr(0, name.find(' '));
    c.id = name.substr(name.find(' ') + 1);
    c.outcome = body.find("<failure") != std::string::npos   ? "failure"
                : body.find("<error") != std::string::npos   ? "error"
                : body.find("<skipped") != std::string::npos ? "skipped"
                                                             : "passed";
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string last_lines(const std::string& text, int n) {
  std::size_t at = text.size();
  while (n-- > 0 && at != std::string::npos && at > 0) at = text.rfind('\n', at - 1);
  return at == std::string::npos ? text : text.substr(at);
}

class StagingRun : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "errc-staging-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_F(StagingRun, DoneWhenCommandPassesThroughGatewayAndProxy) {
  StagingOptions options;
  options.dir = dir_.string();
  options.api_key = "e2e-secret-api-key-7f3a";
  // Well under the harness's pace (about 120 requests/s here under ASan,
  // 4 workers), so the run meets the limit even on a loaded machine.
  options.rate_per_second = 40;
  options.burst = 5;
  StagingSetup staging(options);
  ASSERT_EQ(staging.error(), "");
  const fs::path junit = dir_ / "junit.xml";
  const ProcessResult r = run_process(errcontract_binary(), staging.run_args(junit.string()));
  EXPECT_EQ(r.exit_code, 0) << last_lines(r.out, 30) << r.err;

  const std::string report = read_file(junit);
  const std::vector<JunitCase> cases = read_junit(report);
  std::map<std::string, int> outcomes;
  for (const JunitCase& c : cases) {
    ++outcomes[c.outcome];
    EXPECT_TRUE(c.outcome == "passed" || c.outcome == "skipped")
        << c.code << " " << c.id << ": " << c.outcome;
  }
  EXPECT_GE(outcomes["passed"], 170) << last_lines(r.out, 30);

  EXPECT_GT(staging.proxy().tunnels(), 0);
  EXPECT_EQ(staging.proxy().refused(), 0);
  ASSERT_GT(staging.gateway().throttled(), 0);
  EXPECT_NE(r.out.find("throttled: " + std::to_string(staging.gateway().throttled()) +
                       " answers (429 / 503) were retried"),
            std::string::npos)
      << last_lines(r.out, 5);
  EXPECT_EQ(staging.gateway().rejected(), 0);  // every request had the key and the base path

  for (const std::string* text : {&r.out, &r.err, &report}) {
    EXPECT_EQ(text->find(options.api_key), std::string::npos);
  }
}

TEST_F(StagingRun, OneBrokenCodeFailsExactlyThatCodesCases) {
  StagingOptions options;
  options.dir = dir_.string();
  options.rate_per_second = 1e6;  // throttling is the other test's business
  options.burst = 1e6;
  options.break_code = kBrokenCode;
  StagingSetup staging(options);
  ASSERT_EQ(staging.error(), "");
  const fs::path junit = dir_ / "junit.xml";
  const ProcessResult r = run_process(errcontract_binary(), staging.run_args(junit.string()));
  EXPECT_EQ(r.exit_code, 1) << last_lines(r.out, 30) << r.err;

  const std::vector<JunitCase> cases = read_junit(read_file(junit));
  std::set<std::string> failed, of_code;
  for (const JunitCase& c : cases) {
    if (c.code == kBrokenCode) of_code.insert(c.id);
    if (c.outcome == "failure") failed.insert(c.id);
    EXPECT_NE(c.outcome, "error") << c.code << " " << c.id;
  }
  EXPECT_GE(cases.size(), 170u);
  ASSERT_FALSE(of_code.empty());
  EXPECT_EQ(failed, of_code);
  EXPECT_GE(staging.gateway().broken(), static_cast<int>(of_code.size()));
}

}  // namespace
}  // namespace errcontract::testing
