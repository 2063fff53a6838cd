// The curl commands a failed case carries, run with the real curl against the
// reference server on 127.0.0.1, reproduce the failure: the trigger's status
// and error_code are the ones the run saw. Secrets come from ERRC_FIXTURE_*
// variables set for the shell; none of their values is in any report.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "../support/process.h"
#include "e2e_support.h"
#include "errcontract/curl_command.h"
#include "errcontract/reports.h"

namespace errcontract::e2e {
namespace {

struct Answer {
  int status = 0;
  std::string error_code;
};

// From `curl -i` output: the last status line (a 100 Continue comes first),
// and error_code from the body.
Answer parse_curl_output(const std::string& out) {
  Answer a;
  static const std::regex kStatus(R"(HTTP/[0-9.]+ ([0-9]{3}))");
  for (std::sregex_iterator it(out.begin(), out.end(), kStatus), end; it != end; ++it) {
    a.status = std::stoi((*it)[1]);
  }
  static const std::regex kCode(R"re("error_code"\s*:\s*"?([0-9]+))re");
  std::smatch m;
  if (std::regex_search(out, m, kCode)) a.error_code = m[1];
  return a;
}

class CurlReproduce : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(errcontract::testing::run_process("/bin/sh", {"-c", "command -v curl"}).exit_code, 0)
        << "curl is not installed (ci/bootstrap.sh dev installs it)";
    auto port = server_.start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    server_.set_fault(FaultMode::kWrongStatus);
    RunOptions options;
    options.only = {"bucket-create-duplicate", "watermark-two-files"};
    options.fixtures = server_.fixtures();
    options.allow_destructive = true;
    TargetOptions target;
    target.base_url = "http://127.0.0.1:" + std::to_string(*port);
    options.curl = curl_target(target);
    QuietReporter reporter;
    run_ = run_cases(
        Catalog::builtin(), library(), [target] { return make_http_transport(target); }, options,
        reporter);
  }
  void TearDown() override { server_.stop(); }

  ReferenceServer server_{Catalog::builtin()};
  RunResult run_;
};

TEST_F(CurlReproduce, RealCurlGetsTheStatusAndCodeTheRunSaw) {
  ASSERT_EQ(run_.cases.size(), 2u) << describe_cases(run_);
  std::string env = "env";
  for (const auto& [name, value] : server_.fixtures()) {
    env += " " + shell_quote(fixture_variable(name) + "=" + value);
  }
  for (const CaseResult& c : run_.cases) {
    ASSERT_EQ(c.verdict, Verdict::kFailed) << describe_cases(run_);
    ASSERT_EQ(c.curl.size(), c.exchanges.size() - 1)
        << c.case_id << ": setup + trigger, no teardown";
    const Exchange& trigger = c.exchanges[c.curl.size() - 1];
    ASSERT_EQ(trigger.phase, "request");
    ASSERT_TRUE(trigger.response.has_value());
    Answer last;
    for (const std::string& command : c.curl) {
      // Secrets are references, set only in the shell that runs the command.
      const auto r = errcontract::testing::run_process(
          "/bin/sh", {"-c", env + " sh -c " + shell_quote(command)});
      ASSERT_EQ(r.exit_code, 0) << command << "\n" << r.err;
      last = parse_curl_output(r.out);
    }
    const Answer seen{trigger.response->status,
                      parse_curl_output("HTTP/1.1 000\n" + trigger.response->body).error_code};
    EXPECT_EQ(last.status, seen.status) << c.case_id << ": " << c.curl.back();
    EXPECT_EQ(last.error_code, seen.error_code) << c.case_id;
    EXPECT_EQ(last.error_code, c.code) << c.case_id;
  }
}

TEST_F(CurlReproduce, NoFixtureValueIsInAnyReport) {
  ASSERT_FALSE(run_.cases.empty());
  ASSERT_FALSE(run_.cases[0].curl.empty());
  std::ostringstream console;
  ConsoleOptions verbose;
  verbose.verbose = true;
  auto reporter = make_console_reporter(console, verbose);
  for (const CaseResult& c : run_.cases) reporter->on_case_end(c);
  reporter->on_run_end(run_);
  auto json = render_json(run_);
  ASSERT_TRUE(json.ok());
  const std::map<std::string, std::string> reports = {{"console -v", console.str()},
                                                      {"json", *json},
                                                      {"junit", render_junit(run_)},
                                                      {"markdown", render_markdown(run_)}};
  for (const auto& [format, text] : reports) {
    EXPECT_NE(text.find("ERRC_FIXTURE_TOKEN"), std::string::npos) << format << " has no command";
    for (const auto& [name, value] : server_.fixtures()) {
      if (value.size() < 4) continue;  // too short to be hidden anywhere
      EXPECT_EQ(text.find(value), std::string::npos) << format << " shows fixture " << name;
    }
  }
}

}  // namespace
}  // namespace errcontract::e2e
