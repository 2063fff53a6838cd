// errcontract fuzz-api end to end: the embedded server clean (exit 0) and
// broken (exit 1, reproducers that `run --cases DIR` replays: failing against
// the broken server, passing against the clean one), a closed port (exit 3).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
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

TEST(CliFuzzApi, CleanEmbeddedServerExitsZero) {
  auto r = run_process(errcontract_binary(), {"fuzz-api", "--seed", "7", "--max-requests", "2000"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(r.out, m, kSummary)) << r.out;
  EXPECT_EQ(m[1], "0");
}

TEST(CliFuzzApi, FaultFoundAndReproducersReplay) {
  std::string pattern = (fs::temp_directory_path() / "errc-fuzz-api-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const std::string out = pattern;
  auto r = run_process(errcontract_binary(),
                       {"fuzz-api", "--seed", "7", "--max-requests", "2000", "--fault",
                        "other-code", "--fault-code", "21203", "--out", out});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("violation status.mismatch on "), std::string::npos) << r.out;
  ASSERT_TRUE(fs::exists(out + "/fuzz-api.cases.json")) << r.out << r.err;
  auto broken = run_process(errcontract_binary(), {"run", "--cases", out, "--fault", "other-code",
                                                   "--fault-code", "21203"});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  auto clean = run_process(errcontract_binary(), {"run", "--cases", out});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  fs::remove_all(out);
}

TEST(CliFuzzApi, VerboseShowsTheKeptChangesAndMinimisedReproducersReplay) {
  std::string pattern = (fs::temp_directory_path() / "errc-fuzz-min-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const std::string out = pattern;
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
  auto broken = run_process(errcontract_binary(), {"run", "--cases", out, "--fault", "other-code",
                                                   "--fault-code", "21203"});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  auto clean = run_process(errcontract_binary(), {"run", "--cases", out});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  fs::remove_all(out);
}

TEST(CliFuzzApi, TheCorpusIsKeptBetweenRunsAndGrows) {
  std::string pattern = (fs::temp_directory_path() / "errc-fuzz-corpus-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern;
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
