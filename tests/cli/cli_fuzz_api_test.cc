// errcontract fuzz-api end to end: the embedded server clean (exit 0) and
// broken (exit 1, reproducers that `run --cases DIR` replays: failing against
// the broken server, passing against the clean one), a closed port (exit 3),
// and --report in every format (written also when the exit is 1).
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>

#include "../support/hostile_server.h"
#include "../support/process.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::errcontract_binary;
using testing::run_process;

const std::regex kSummary(
    R"(requests: \d+; response classes: \d+; documented codes reached: \d+/144; violations: (\d+); time: [0-9.]+ s)");

// A new directory under the system's temporary one ("" if it cannot be made).
std::string scratch_dir() {
  std::string pattern = (fs::temp_directory_path() / "errc-fuzz-api-XXXXXX").string();
  return ::mkdtemp(pattern.data()) != nullptr ? pattern : std::string();
}

// The reproducers in `dir` fail against the server whose 21203 is broken and
// pass against the clean one.
void expect_replays_fail_with_the_fault_only(const std::string& dir) {
  auto broken = run_process(errcontract_binary(), {"run", "--cases", dir, "--fault", "other-code",
                                                   "--fault-code", "21203"});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  // Every one of them: a reproducer whose baseline needed a setup carries it.
  EXPECT_NE(broken.out.find("cases: 0 passed, "), std::string::npos) << broken.out;
  auto clean = run_process(errcontract_binary(), {"run", "--cases", dir});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find(" passed, 0 failed, 0 errors"), std::string::npos) << clean.out;
}

TEST(CliFuzzApi, CleanEmbeddedServerExitsZero) {
  auto r = run_process(errcontract_binary(), {"fuzz-api", "--seed", "7", "--max-requests", "2000"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, kSummary)) << r.out;
  EXPECT_EQ(m[1], "0");
  // What the run made, all deleted, and acted on before that.
  const std::regex made(R"(created: (\d+) resources, (\d+) deleted; acted on (\d+) of them with )"
                        R"((\d+) requests)");
  ASSERT_TRUE(std::regex_search(r.out, m, made)) << r.out;
  EXPECT_EQ(m[1], m[2]);
  EXPECT_NE(m[3], "0");
  EXPECT_EQ(r.out.find("leaked:"), std::string::npos) << r.out;
}

TEST(CliFuzzApi, FaultFoundAndReproducersReplay) {
  const std::string out = scratch_dir();
  ASSERT_FALSE(out.empty());
  auto r = run_process(errcontract_binary(),
                       {"fuzz-api", "--seed", "7", "--max-requests", "2000", "--fault",
                        "other-code", "--fault-code", "21203", "--out", out});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("violation status.mismatch on "), std::string::npos) << r.out;
  ASSERT_TRUE(fs::exists(out + "/fuzz-api.cases.json")) << r.out << r.err;
  expect_replays_fail_with_the_fault_only(out);
  fs::remove_all(out);
}

TEST(CliFuzzApi, VerboseShowsTheKeptChangesAndMinimisedReproducersReplay) {
  const std::string out = scratch_dir();
  ASSERT_FALSE(out.empty());
  auto r = run_process(errcontract_binary(),
                       {"fuzz-api", "--seed", "7", "--max-requests", "3000", "--fault",
                        "other-code", "--fault-code", "21203", "--out", out, "-v"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      r.out, m,
      std::regex(
          R"(\nminimised: (\d+) violations, (\d+) of (\d+) changes dropped, (\d+) requests)")))
      << r.out;
  EXPECT_GT(std::stoi(m[1]), 0);
  EXPECT_GT(std::stoi(m[2]), 0);
  // Under a violation: the mutations as sent, then the changes kept, fewer for some.
  const std::regex kept(
      R"(\n  after: [^\n]+\n  minimised: kept (\d+) of (\d+) changes from the baseline \(\d+ requests\): [^\n]+\n)");
  bool fewer = false;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), kept);
       it != std::sregex_iterator(); ++it) {
    fewer = fewer || std::stoi((*it)[1]) < std::stoi((*it)[2]);
  }
  EXPECT_TRUE(fewer) << r.out;
  ASSERT_TRUE(fs::exists(out + "/fuzz-api.cases.json"));
  expect_replays_fail_with_the_fault_only(out);
  fs::remove_all(out);
}

TEST(CliFuzzApi, TheCorpusIsKeptBetweenRunsAndGrows) {
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  const std::regex kCorpus(R"(corpus: (\d+) entries read, (\d+) written to )");
  std::smatch first, second;
  auto r = run_process(errcontract_binary(),
                       {"fuzz-api", "--seed", "7", "--max-requests", "1000", "--corpus", dir});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_TRUE(std::regex_search(r.out, first, kCorpus)) << r.out;
  EXPECT_EQ(first[1], "0");
  const std::string saved = first[2];  // `first` points into r.out, reused below
  EXPECT_GT(std::stoi(saved), 0);
  ASSERT_TRUE(fs::exists(dir + "/corpus.cases.json"));
  r = run_process(errcontract_binary(),
                  {"fuzz-api", "--seed", "7", "--max-requests", "1000", "--corpus", dir});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_TRUE(std::regex_search(r.out, second, kCorpus)) << r.out;
  EXPECT_EQ(second[1], saved);  // the whole saved corpus is read back
  EXPECT_GT(std::stoi(second[2]), std::stoi(saved));
  // A corpus file that is not a case file is a usage error naming it.
  std::ofstream(dir + "/corpus.cases.json") << "{\"cases\": [";
  r = run_process(errcontract_binary(), {"fuzz-api", "--max-requests", "10", "--corpus", dir});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("corpus.cases.json"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

TEST(CliFuzzApi, VerboseNamesTheDocumentedCodesNotReached) {
  auto r =
      run_process(errcontract_binary(), {"fuzz-api", "--seed", "7", "--max-requests", "150", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex(R"(documented codes reached: (\d+)/144)")));
  const int reached = std::stoi(m[1]);
  ASSERT_LT(reached, 144) << "a budget this small cannot reach every code";
  ASSERT_TRUE(std::regex_search(r.out, m,
                                std::regex(R"(documented codes not reached \((\d+)\): ([0-9 ]+))")))
      << r.out;
  EXPECT_EQ(std::stoi(m[1]), 144 - reached);
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(CliFuzzApi, ReportsInEveryFormatShowTheViolationAndAreWrittenWhenTheExitIsOne) {
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  auto r = run_process(
      errcontract_binary(),
      {"fuzz-api", "--seed", "7", "--max-requests", "600", "--fault", "other-code", "--fault-code",
       "21203", "--report", "junit=" + dir + "/fuzz.xml", "--report", "json=" + dir + "/fuzz.json",
       "--report", "md=" + dir + "/fuzz.md", "--report", "html=" + dir + "/fuzz.html"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::smatch summary;
  ASSERT_TRUE(std::regex_search(r.out, summary, kSummary)) << r.out;
  const std::string line = summary[0];
  // The console's first violation, as each report must show it.
  std::smatch first;
  ASSERT_TRUE(std::regex_search(
      r.out, first,
      std::regex(R"(violation status\.mismatch on ([A-Z]+ \S+) \(error_code (\d+)\))")))
      << r.out;
  const std::string endpoint = first[1], code = first[2];

  const std::string xml = slurp(dir + "/fuzz.xml");
  EXPECT_NE(xml.find("<testcase classname=\"errcontract.fuzz-api\" name=\"" + endpoint +
                     "\" time=\"0.000\">\n      <failure "),
            std::string::npos)
      << xml.substr(0, 2000);
  EXPECT_NE(xml.find("<property name=\"summary\" value=\"" + line + "\"/>"), std::string::npos);

  const std::string json = slurp(dir + "/fuzz.json");
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  ASSERT_FALSE(doc.HasParseError()) << json.substr(0, 500);
  EXPECT_EQ(doc["summary_line"].GetString(), line);
  EXPECT_EQ(doc["exit_code"].GetInt(), 1);
  bool found = false;
  for (const auto& v : doc["violations"].GetArray()) {
    found = found || (std::string(v["finding"].GetString()) == "status.mismatch" &&
                      v["endpoint"].GetString() == endpoint && v["code"].GetString() == code);
  }
  EXPECT_TRUE(found) << json.substr(0, 2000);
  std::size_t endpoint_violations = 0;
  for (const auto& e : doc["endpoints"].GetArray())
    endpoint_violations += e["violations"].GetUint();
  EXPECT_EQ(endpoint_violations, doc["violations"].Size());
  EXPECT_GT(doc["endpoints"].Size(), 60u);

  const std::string md = slurp(dir + "/fuzz.md");
  EXPECT_NE(md.find("`" + line + "`"), std::string::npos) << md.substr(0, 500);
  const std::string md_endpoint = std::regex_replace(endpoint, std::regex("_"), "\\_");
  EXPECT_NE(md.find("| " + md_endpoint + " | status.mismatch | " + code + " | "), std::string::npos)
      << md;

  const std::string html = slurp(dir + "/fuzz.html");
  EXPECT_NE(html.find("<code>" + line + "</code>"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"v-failed\"><td><code>" + endpoint +
                      "</code></td><td><code>status.mismatch</code></td><td>" + code + "</td>"),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(CliFuzzApi, AReportPathThatCannotBeWrittenStopsBeforeAnyRequest) {
  auto r = run_process(errcontract_binary(), {"fuzz-api", "--max-requests", "100", "--report",
                                              "json=/nonexistent-errc-dir/fuzz.json"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("errcontract: the json report cannot be written: "
                       "/nonexistent-errc-dir/fuzz.json"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("requests:"), std::string::npos) << r.out;
}

TEST(CliFuzzApi, AnUnknownReportFormatIsAUsageErrorNamingTheFormats) {
  auto r = run_process(errcontract_binary(), {"fuzz-api", "--report", "pdf=x.pdf"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--report format \"pdf\" is not one of junit, json, md, html"),
            std::string::npos)
      << r.err;
}

TEST(CliFuzzApi, AReportOnStandardOutputMovesTheConsoleToStandardError) {
  auto r = run_process(errcontract_binary(),
                       {"fuzz-api", "--seed", "7", "--max-requests", "200", "--report", "json=-"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.data(), r.out.size());
  ASSERT_FALSE(doc.HasParseError()) << r.out.substr(0, 500);
  EXPECT_STREQ(doc["report"].GetString(), "fuzz-api");
  EXPECT_TRUE(std::regex_search(r.err, kSummary)) << r.err;
}

TEST(CliFuzzApi, ClosedPortExitsThree) {
  const std::string closed = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  auto r =
      run_process(errcontract_binary(), {"fuzz-api", "--target", closed, "--max-requests", "100"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("target unreachable"), std::string::npos) << r.err;
}

TEST(CliFuzzApi, BadOptionIsUsageError) {
  auto r = run_process(errcontract_binary(), {"fuzz-api", "--max-requests", "0"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
}

}  // namespace
}  // namespace errcontract
