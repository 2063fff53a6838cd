// errcontract teardown --from REPORT.json: a run whose teardowns fail (a
// transport that answers every DELETE with 500, in front of the reference
// server) leaves leaks; its JSON report keeps those teardowns with fixture
// references, never values; replayed against the server over a socket, they
// remove what the run left.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../support/hostile_server.h"
#include "../support/process.h"
#include "errcontract/reference_server.h"
#include "errcontract/reports.h"
#include "errcontract/runner.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

// Forwards to the reference server, but no DELETE gets through.
class NoDelete : public Transport {
 public:
  explicit NoDelete(ReferenceServer& server) : inner_(make_in_process_transport(server)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (request.method == "DELETE") {
      HttpResponse r;
      r.status = 500;
      r.headers = {{"Content-Type", "application/json"}};
      r.body = R"({"error_code":"10001","message":"busy","request":"DELETE"})";
      return r;
    }
    return inner_->send(request);
  }

 private:
  std::unique_ptr<Transport> inner_;
};

class TeardownFrom : public ::testing::Test {
 protected:
  void SetUp() override {
    auto library =
        CaseLibrary::load_dir(std::string(ERRC_SOURCE_DIR) + "/cases", Catalog::builtin());
    ASSERT_TRUE(library.ok()) << library.status().message();
    auto port = server_.start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok());
    target_ = "http://127.0.0.1:" + std::to_string(*port);
    RunOptions options;
    options.only = {"bucket-create-duplicate", "watermark-two-files"};
    options.fixtures = server_.fixtures();
    options.allow_destructive = true;
    Reporter quiet;
    run_ = run_cases(
        Catalog::builtin(), *library, [this] { return std::make_unique<NoDelete>(server_); },
        options, quiet);
    dir_ = std::filesystem::temp_directory_path() / ("errc-teardown-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    report_ = (dir_ / "report.json").string();
    auto json = render_json(run_);
    ASSERT_TRUE(json.ok());
    std::ofstream(report_) << *json;
    for (const auto& [name, value] : server_.fixtures()) {
      setenv(fixture_variable(name).c_str(), value.c_str(), 1);
    }
  }
  void TearDown() override {
    for (const auto& [name, value] : server_.fixtures()) unsetenv(fixture_variable(name).c_str());
    server_.stop();
    std::filesystem::remove_all(dir_);
  }

  std::string report_text() const {
    std::ifstream in(report_);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }

  ReferenceServer server_{Catalog::builtin()};
  RunResult run_;
  std::string target_;
  std::filesystem::path dir_;
  std::string report_;
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
  return n;
}

TEST_F(TeardownFrom, TheReportKeepsFailedTeardownsWithFixtureReferences) {
  std::size_t leaks = 0;
  for (const CaseResult& c : run_.cases) leaks += c.leaks.size();
  ASSERT_GT(leaks, 0u);
  const std::string text = report_text();
  EXPECT_EQ(count(text, "\"leaked_teardowns\""), run_.cases.size());
  EXPECT_NE(text.find("Bearer ${fixture:token}"), std::string::npos);
  for (const auto& [name, value] : server_.fixtures()) {
    if (value.size() < 4) continue;  // too short to be hidden anywhere
    EXPECT_EQ(text.find(value), std::string::npos) << name;
  }
}

TEST_F(TeardownFrom, ReplayRemovesWhatTheRunLeft) {
  std::size_t leaks = 0;
  for (const CaseResult& c : run_.cases) leaks += c.leaks.size();
  const auto r =
      run_process(errcontract_binary(), {"teardown", "--from", report_, "--target", target_});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count(r.out, "\nremoved: DELETE ") + (r.out.rfind("removed: DELETE ", 0) == 0), leaks)
      << r.out;
  EXPECT_NE(r.out.find("teardown: " + std::to_string(leaks) + " of " + std::to_string(leaks)),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("password=${fixture:password}"), std::string::npos)
      << "recorded, not a value";
  // Sent again, nothing is there to remove any more.
  const auto again =
      run_process(errcontract_binary(), {"teardown", "--from", report_, "--target", target_});
  EXPECT_EQ(count(again.out, "removed: DELETE "), 0u) << again.out;
  EXPECT_EQ(count(again.out, "already gone: DELETE "), leaks) << again.out;
}

TEST_F(TeardownFrom, AnUnreachableTargetLeavesThemAndExitsOne) {
  const std::string closed = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  const auto r =
      run_process(errcontract_binary(), {"teardown", "--from", report_, "--target", closed});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("failed: DELETE "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("teardown: 0 of "), std::string::npos) << r.out;
}

TEST_F(TeardownFrom, AMissingFixtureIsNamed) {
  unsetenv("ERRC_FIXTURE_TOKEN");
  const auto r =
      run_process(errcontract_binary(), {"teardown", "--from", report_, "--target", target_});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("failed: DELETE "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("token"), std::string::npos) << r.out;
}

TEST_F(TeardownFrom, ABrokenReportIsAUsageErrorNamingFileLineAndByte) {
  const std::string text = report_text();
  const std::string cut = (dir_ / "cut.json").string();
  std::ofstream(cut) << text.substr(0, text.size() / 2);
  const auto r =
      run_process(errcontract_binary(), {"teardown", "--from", cut, "--target", target_});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(cut + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(byte "), std::string::npos) << r.err;

  const std::string other = (dir_ / "other.json").string();
  std::ofstream(other)
      << R"({"tool": "errcontract", "cases": [{"id": "x", "leaked_teardowns": [{}]}]})";
  const auto shape =
      run_process(errcontract_binary(), {"teardown", "--from", other, "--target", target_});
  EXPECT_EQ(shape.exit_code, 2);
  EXPECT_NE(shape.err.find(other + ": cases[0].leaked_teardowns[0].phase"), std::string::npos)
      << shape.err;
}

}  // namespace
}  // namespace errcontract
