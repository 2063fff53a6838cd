// Interruption and cleanup, end to end: `errcontract run` against a real
// `errcontract serve` in another process. SIGINT or SIGTERM mid-run stops new
// cases, tears down the started ones, writes the reports marked interrupted
// and exits non-zero; a second signal quits at once; a resource a teardown
// could not remove is listed as a leak, with its case, in every report.
#include <rapidjson/document.h>
#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/http.h"
#include "hostile_server.h"
#include "process.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::BackgroundProcess;
using testing::errcontract_binary;
using testing::ProcessResult;

constexpr int kPlannedCases = 3000;  // far more than can run before the signal lands

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

rapidjson::Document read_json(const fs::path& path) {
  rapidjson::Document doc;
  const std::string text = read_text(path);
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << path << ": " << text.substr(0, 200);
  return doc;
}

// A bucket case like bucket-create-duplicate: setup creates b${uniq}, the
// trigger collides with it (21202), teardown deletes `teardown_name`.
std::string bucket_case(const std::string& id, const std::string& teardown_name) {
  return R"({"id": ")" + id + R"(", "code": "21202",
    "setup": [{"request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                           "form": {"bucket_name": "b${uniq}", "type": "file"}}}],
    "request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                "form": {"bucket_name": "b${uniq}", "type": "file"}},
    "teardown": [{"request": {"method": "DELETE", "path": "/buckets/", "auth": "token",
                              "query": {"bucket_name": ")" +
         teardown_name + R"(", "password": "${fixture:password}"}}}]})";
}

// `errcontract serve` on 127.0.0.1, any free port, its fixtures in a file.
class ReferenceServerProcess {
 public:
  explicit ReferenceServerProcess(const fs::path& fixtures_file)
      : process_(errcontract_binary(),
                 {"serve", "--port", "0", "--fixtures-out", fixtures_file.string()}) {
    const std::string line = process_.wait_for_line("listening on http://", seconds(60));
    const std::size_t at = line.find("http://");
    if (at != std::string::npos) url_ = line.substr(at, line.find(' ', at) - at);
    const rapidjson::Document fixtures = read_json(fixtures_file);
    if (fixtures.IsObject() && fixtures.HasMember("token")) token_ = fixtures["token"].GetString();
  }
  ~ReferenceServerProcess() {
    process_.send_signal(SIGTERM);
    process_.wait(seconds(30));
  }
  const std::string& url() const { return url_; }

  // The names of the fixture account's buckets.
  std::set<std::string> buckets() const {
    TargetOptions target;
    target.base_url = url_;
    HttpRequest request{"GET", "/buckets/?limit=1000", {{"Authorization", "Bearer " + token_}}, ""};
    auto response = make_http_transport(target)->send(request);
    std::set<std::string> names;
    if (!response.ok() || response->status != 200) {
      ADD_FAILURE() << "GET /buckets/ failed: "
                    << (response.ok() ? response->body : response.status().message());
      return names;
    }
    rapidjson::Document doc;
    doc.Parse(response->body.c_str(), response->body.size());
    for (const auto& b : doc["buckets"].GetArray()) names.insert(b["bucket_name"].GetString());
    return names;
  }

 private:
  BackgroundProcess process_;
  std::string url_, token_;
};

class Cleanup : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "errc-cleanup-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directory(dir_ / "cases");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write_cases(const std::vector<std::string>& cases) {
    std::string text = "{\"cases\": [\n";
    for (std::size_t i = 0; i < cases.size(); ++i) text += (i ? ",\n" : "") + cases[i];
    std::ofstream(dir_ / "cases" / "c.cases.json") << text << "\n]}\n";
    fs::copy_file(ERRC_SOURCE_DIR "/cases/fixtures.json", dir_ / "cases" / "fixtures.json",
                  fs::copy_options::overwrite_existing);
  }

  std::vector<std::string> run_args(const std::string& url) const {
    return {"run",
            "--target",
            url,
            "--cases",
            (dir_ / "cases").string(),
            "--report",
            "json=" + (dir_ / "r.json").string(),
            "--report",
            "junit=" + (dir_ / "r.xml").string(),
            "--report",
            "md=" + (dir_ / "r.md").string(),
            "--jobs",
            "1",
            "-v"};
  }

  fs::path dir_;
};

class Interrupt : public Cleanup, public ::testing::WithParamInterface<int> {};

TEST_P(Interrupt, StopsTearsDownStartedCasesAndReportsWhatRan) {
  ReferenceServerProcess server(dir_ / "fixtures.json");
  ASSERT_NE(server.url(), "");
  const std::set<std::string> before = server.buckets();
  std::vector<std::string> cases;
  for (int i = 0; i < kPlannedCases; ++i) {
    cases.push_back(bucket_case("dup-" + std::to_string(i), "b${uniq}"));
  }
  write_cases(cases);

  std::vector<std::string> args = run_args(server.url());
  args.insert(args.end(), {"--fixtures", (dir_ / "fixtures.json").string()});
  BackgroundProcess run(errcontract_binary(), args);
  ASSERT_EQ(run.error(), "");
  // The first case has ended (-v prints PASS lines as cases end): interrupt.
  ASSERT_NE(run.wait_for_line("PASS 21202 dup-", seconds(120)), "") << run.out() << run.err();
  ASSERT_TRUE(run.send_signal(GetParam()));
  const ProcessResult r = run.wait(seconds(120));

  EXPECT_EQ(r.signal, 0);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("errcontract: stopping: no new cases"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("interrupted: the run was stopped before every case ended"),
            std::string::npos);

  const rapidjson::Document report = read_json(dir_ / "r.json");
  ASSERT_TRUE(report.IsObject());
  EXPECT_TRUE(report["interrupted"].GetBool());
  EXPECT_EQ(report["exit_code"].GetInt(), 1);
  const auto& results = report["cases"].GetArray();
  ASSERT_EQ(results.Size(), static_cast<unsigned>(kPlannedCases));
  int started = 0, never_started = 0;
  for (const auto& c : results) {
    const std::string id = c["id"].GetString();
    if (c["exchanges"].Empty()) {
      EXPECT_STREQ(c["verdict"].GetString(), "skipped") << id;
      // A worker may have picked the case up just before the signal: then the
      // executor, not the scheduler, notes that nothing was sent.
      const std::string reason = c["reason"].GetString();
      EXPECT_TRUE(reason == "interrupted before it started" ||
                  reason == "interrupted before the request was sent")
          << id << ": " << reason;
      ++never_started;
      continue;
    }
    ++started;
    // Every case that sent something also tore down.
    const auto& exchanges = c["exchanges"].GetArray();
    const std::string last = exchanges[exchanges.Size() - 1]["phase"].GetString();
    EXPECT_EQ(last, "teardown[0]") << id;
    EXPECT_TRUE(c["leaks"].Empty()) << id;
  }
  EXPECT_GE(started, 1);
  EXPECT_GE(never_started, 1);
  EXPECT_EQ(started + never_started, kPlannedCases);

  EXPECT_NE(read_text(dir_ / "r.xml").find("<property name=\"interrupted\" value=\"true\"/>"),
            std::string::npos);
  EXPECT_NE(read_text(dir_ / "r.md").find("(interrupted)"), std::string::npos);
  // Nothing any case created is left on the server.
  EXPECT_EQ(server.buckets(), before);
}

INSTANTIATE_TEST_SUITE_P(Signals, Interrupt, ::testing::Values(SIGINT, SIGTERM),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGINT ? "Sigint" : "Sigterm");
                         });

TEST_F(Cleanup, SecondSignalQuitsAtOnce) {
  // The one case waits on a server that never answers, with a minute's
  // timeout: only a second signal ends the run before that.
  testing::HostileServer server(testing::Misbehaviour::kNeverAnswer);
  ASSERT_EQ(server.error(), "");
  write_cases({R"({"id": "stuck", "code": "21203",
                  "request": {"method": "GET", "path": "/buckets/info/"}})"});
  std::vector<std::string> args = run_args(server.url());
  args.insert(args.end(), {"--timeout", "60000"});
  BackgroundProcess run(errcontract_binary(), args);
  const auto until = std::chrono::steady_clock::now() + seconds(60);
  while (server.hostile_requests() == 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(milliseconds(10));  // polling the server, not a guess
  }
  ASSERT_EQ(server.hostile_requests(), 1);

  ASSERT_TRUE(run.send_signal(SIGINT));
  ASSERT_NE(
      run.wait_for_line("errcontract: stopping", seconds(30), BackgroundProcess::Stream::kErr), "");
  ASSERT_TRUE(run.send_signal(SIGINT));
  const ProcessResult r = run.wait(seconds(30));
  EXPECT_EQ(r.signal, SIGINT);
  EXPECT_FALSE(fs::exists(dir_ / "r.json"));
}

TEST_F(Cleanup, LeftoverResourceIsALeakInEveryReport) {
  ReferenceServerProcess server(dir_ / "fixtures.json");
  ASSERT_NE(server.url(), "");
  const std::set<std::string> before = server.buckets();
  // The teardown deletes a bucket that does not exist: b${uniq} stays.
  write_cases({bucket_case("leaky-teardown", "x${uniq}")});
  std::vector<std::string> args = run_args(server.url());
  args.insert(args.end(), {"--fixtures", (dir_ / "fixtures.json").string()});
  const ProcessResult r = testing::run_process(errcontract_binary(), args);
  EXPECT_EQ(r.exit_code, 0) << r.err;  // a leak is a warning

  // The bucket really is left behind: one new name, b<run id>0.
  std::set<std::string> after = server.buckets();
  for (const std::string& name : before) after.erase(name);
  ASSERT_EQ(after.size(), 1u);
  const std::string left = *after.begin();
  const std::string leak =
      "DELETE /buckets/?bucket_name=x" + left.substr(1) + "&password=*** (status 404)";

  EXPECT_NE(r.out.find("LEAK 21202 leaky-teardown: " + leak + "\n"), std::string::npos) << r.out;
  const rapidjson::Document report = read_json(dir_ / "r.json");
  ASSERT_TRUE(report.IsObject());
  const auto& c = report["cases"][0];
  EXPECT_STREQ(c["id"].GetString(), "leaky-teardown");
  ASSERT_EQ(c["leaks"].Size(), 1u);
  EXPECT_EQ(c["leaks"][0].GetString(), leak);
  const std::string junit = read_text(dir_ / "r.xml");
  const std::size_t testcase = junit.find("leaky-teardown");
  ASSERT_NE(testcase, std::string::npos) << junit;
  std::string xml_leak = leak;
  xml_leak.replace(xml_leak.find('&'), 1, "&amp;");
  EXPECT_NE(junit.find("<system-err>teardown could not remove: " + xml_leak, testcase),
            std::string::npos)
      << junit;
  EXPECT_NE(
      read_text(dir_ / "r.md").find("- 21202 leaky-teardown: DELETE /buckets/?bucket\\_name=x"),
      std::string::npos);
}

}  // namespace
}  // namespace errcontract
