// errcontract report merge|render|diff end to end, on reports of real runs
// against the embedded reference server: three shards merged give the
// unsharded run back, a saved report renders to itself and to any format,
// inputs that cannot be joined are refused (exit 2), and diff exits 1 when a
// broken server makes a code fail.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "../support/process.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

rapidjson::Document parse(const fs::path& path) {
  const std::string text = read_file(path);
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << path;
  return doc;
}

std::map<std::string, std::string> code_statuses(const rapidjson::Document& doc) {
  std::map<std::string, std::string> out;
  for (const auto& c : doc["coverage"]["codes"].GetArray()) {
    out[c["code"].GetString()] = c["status"].GetString();
  }
  return out;
}

std::vector<std::string> case_ids(const rapidjson::Document& doc) {
  std::vector<std::string> out;
  for (const auto& c : doc["cases"].GetArray()) out.push_back(c["id"].GetString());
  return out;
}

// The runs are made once: three shards and the unsharded run.
class CliReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (fs::temp_directory_path() / "errc-report-cli-XXXXXX").string();
    dir_ = new fs::path(::mkdtemp(pattern.data()));
    for (int k = 1; k <= 3; ++k) {
      const auto r =
          run_process(errcontract_binary(), {"run", "--shard", std::to_string(k) + "/3", "--report",
                                             "json=" + path("s" + std::to_string(k) + ".json")});
      ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    }
    const auto r = run_process(errcontract_binary(), {"run", "--report", "junit=" + path("u.xml"),
                                                      "--report", "json=" + path("u.json")});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  static void TearDownTestSuite() {
    std::error_code ignored;
    fs::remove_all(*dir_, ignored);
    delete dir_;
  }
  static std::string path(const std::string& name) { return (*dir_ / name).string(); }

  static fs::path* dir_;
};
fs::path* CliReport::dir_ = nullptr;

TEST_F(CliReport, MergedShardsAreTheUnshardedRun) {
  const auto r =
      run_process(errcontract_binary(),
                  {"report", "merge", "--report", "junit=" + path("m.xml"), "--report",
                   "json=" + path("m.json"), path("s1.json"), path("s2.json"), path("s3.json")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const std::string merged_xml = read_file(path("m.xml"));
  EXPECT_EQ(count(merged_xml, "<testcase "), count(read_file(path("u.xml")), "<testcase "));
  EXPECT_GT(count(merged_xml, "<testcase "), 144);

  const rapidjson::Document merged = parse(path("m.json"));
  const rapidjson::Document unsharded = parse(path("u.json"));
  EXPECT_EQ(code_statuses(merged), code_statuses(unsharded));
  EXPECT_EQ(case_ids(merged), case_ids(unsharded));  // the plan order, not shard by shard
  EXPECT_EQ(merged["coverage"]["summary"]["documented"].GetInt(), 144);
  EXPECT_EQ(merged["coverage"]["summary"]["verified"].GetInt(), 144);
  EXPECT_EQ(merged["exit_code"].GetInt(), 0);
  EXPECT_EQ(std::string(merged["cases_digest"].GetString()), unsharded["cases_digest"].GetString());
  EXPECT_TRUE(merged["shard"].IsNull());
}

TEST_F(CliReport, MergeWithoutReportsPrintsTheConsoleSummary) {
  const auto r = run_process(
      errcontract_binary(), {"report", "merge", path("s1.json"), path("s2.json"), path("s3.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("cases: "), std::string::npos) << r.out;
}

TEST_F(CliReport, MergeRefusesATamperedDigest) {
  std::string text = read_file(path("s2.json"));
  const std::string key = "\"catalog_digest\": \"sha256:";
  const std::size_t at = text.find(key);
  ASSERT_NE(at, std::string::npos);
  text[at + key.size()] = text[at + key.size()] == '0' ? '1' : '0';
  std::ofstream(path("tampered.json"), std::ios::binary) << text;
  const auto r = run_process(errcontract_binary(), {"report", "merge", path("s1.json"),
                                                    path("tampered.json"), path("s3.json")});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(path("s1.json") + " and " + path("tampered.json") +
                       " were run with a different catalog"),
            std::string::npos)
      << r.err;
}

TEST_F(CliReport, MergeRefusesADuplicateCaseUnlessAllowed) {
  fs::copy_file(path("s1.json"), path("again.json"), fs::copy_options::overwrite_existing);
  auto r =
      run_process(errcontract_binary(), {"report", "merge", "--report", "json=" + path("dup.json"),
                                         path("s1.json"), path("again.json")});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(" is in both " + path("s1.json") + " and " + path("again.json")),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(path("dup.json")));

  r = run_process(errcontract_binary(),
                  {"report", "merge", "--allow-duplicates", "--report", "json=" + path("dup.json"),
                   path("s1.json"), path("again.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(parse(path("dup.json"))["cases"].Size(), 2 * parse(path("s1.json"))["cases"].Size());
}

TEST_F(CliReport, RenderWritesTheSavedReportBackAndAnyFormat) {
  const auto r =
      run_process(errcontract_binary(), {"report", "render", "--report", "json=" + path("r.json"),
                                         "--report", "md=" + path("r.md"), path("u.json")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(read_file(path("r.json")), read_file(path("u.json")));  // a real run round-trips
  const std::string md = read_file(path("r.md"));
  EXPECT_EQ(md.rfind("## errcontract", 0), 0u) << md.substr(0, 200);
  EXPECT_NE(md.find("144/144"), std::string::npos) << md.substr(0, 2000);
}

TEST_F(CliReport, ABrokenInputIsAUsageErrorNamingFileAndByte) {
  const std::string text = read_file(path("s1.json"));
  std::ofstream(path("cut.json"), std::ios::binary) << text.substr(0, text.size() / 2);
  auto r = run_process(errcontract_binary(), {"report", "render", path("cut.json")});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(path("cut.json") + ":"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(byte "), std::string::npos) << r.err;

  r = run_process(errcontract_binary(), {"report", "diff", path("s1.json")});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
}

TEST_F(CliReport, DiffExitsOneWhenACodeNewlyFails) {
  auto r = run_process(errcontract_binary(),
                       {"run", "--only", "21203", "--report", "json=" + path("clean.json")});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  r = run_process(errcontract_binary(), {"run", "--fault", "other-code", "--only", "21203",
                                         "--report", "json=" + path("broken.json")});
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err;

  r = run_process(errcontract_binary(),
                  {"report", "diff", path("clean.json"), path("broken.json")});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("codes newly failing (1 code):\n  21203: verified -> failed\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("cases newly failing ("), std::string::npos) << r.out;

  r = run_process(errcontract_binary(),
                  {"report", "diff", path("broken.json"), path("clean.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("codes newly verified (1 code):\n  21203: failed -> verified\n"),
            std::string::npos)
      << r.out;

  r = run_process(errcontract_binary(), {"report", "diff", path("clean.json"), path("clean.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace errcontract
