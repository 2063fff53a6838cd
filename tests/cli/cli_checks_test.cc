// `errcontract checks` lists the finding table; `run --disable-check ID`
// turns one finding off: against the embedded server broken with
// --fault numeric-code, the run fails without it and passes with it, and the
// console and every report say which checks were disabled.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/process.h"
#include "errcontract/finding.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::errcontract_binary;
using testing::run_process;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST(CliChecks, ListsEveryFindingIdWithSeverityAndMeaningOneALine) {
  auto r = run_process(errcontract_binary(), {"checks"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::size_t meaning_column = std::string::npos;
  for (const FindingInfo& row : finding_table()) {
    ASSERT_TRUE(std::getline(lines, line)) << "no line for " << row.name;
    EXPECT_EQ(line.rfind(std::string(row.name) + " ", 0), 0u) << line;
    EXPECT_NE(line.find(std::string(" ") + to_string(row.severity) + " "), std::string::npos)
        << line;
    const std::size_t at = line.find(row.meaning);
    ASSERT_NE(at, std::string::npos) << line;
    if (meaning_column == std::string::npos) meaning_column = at;
    EXPECT_EQ(at, meaning_column) << "not aligned: " << line;
  }
  EXPECT_FALSE(std::getline(lines, line)) << "more lines than ids: " << line;
  EXPECT_NE(r.out.find("code.numeric "), std::string::npos);
  EXPECT_NE(r.out.find("(a warning with --lenient)"), std::string::npos);
}

TEST(CliChecks, JsonFormatIsAnArrayOfTheTable) {
  auto r = run_process(errcontract_binary(), {"checks", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str(), r.out.size());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), finding_table().size());
  const auto& numeric = doc[static_cast<rapidjson::SizeType>(FindingId::kCodeNumeric)];
  EXPECT_STREQ(numeric["id"].GetString(), "code.numeric");
  EXPECT_STREQ(numeric["check"].GetString(), "code");
  EXPECT_STREQ(numeric["severity"].GetString(), "error");
  EXPECT_STREQ(numeric["lenient_severity"].GetString(), "warning");
  EXPECT_TRUE(numeric["can_disable"].GetBool());
}

// One code, so the runs stay short: 21402 (module 14, operators).
const std::vector<std::string> kNumericCodeRun = {"run", "--fault", "numeric-code", "--only",
                                                  "21402"};

TEST(CliChecks, NumericCodeFaultFailsWithoutDisableCheck) {
  auto r = run_process(errcontract_binary(), kNumericCodeRun);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL 21402 operator-create-duplicate: code.numeric"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("disabled checks"), std::string::npos) << r.out;
}

TEST(CliChecks, DisableCheckTurnsTheFailingRunIntoAPassingOneAndEveryReportSaysSo) {
  std::string pattern = (fs::temp_directory_path() / "errc-disable-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  std::vector<std::string> args = kNumericCodeRun;
  for (const std::string& more : std::initializer_list<std::string>{
           "--disable-check", "code.numeric", "--report", "json=" + (dir / "r.json").string(),
           "--report", "junit=" + (dir / "r.xml").string(), "--report",
           "md=" + (dir / "r.md").string()}) {
    args.push_back(more);
  }
  auto r = run_process(errcontract_binary(), args);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("FAIL "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\ndisabled checks (--disable-check): code.numeric\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("cases: 2 passed, 0 failed"), std::string::npos) << r.out;

  rapidjson::Document json;
  const std::string json_text = read_file(dir / "r.json");
  json.Parse(json_text.c_str(), json_text.size());
  ASSERT_FALSE(json.HasParseError()) << json_text;
  ASSERT_EQ(json["disabled_checks"].Size(), 1u);
  EXPECT_STREQ(json["disabled_checks"][0].GetString(), "code.numeric");
  EXPECT_NE(
      read_file(dir / "r.xml").find("<property name=\"disabled_checks\" value=\"code.numeric\"/>"),
      std::string::npos);
  EXPECT_NE(read_file(dir / "r.md").find("Disabled checks (`--disable-check`): `code.numeric`."),
            std::string::npos);
  fs::remove_all(dir);
}

TEST(CliChecks, UnknownIdIsAUsageErrorWithASuggestion) {
  auto r = run_process(errcontract_binary(),
                       {"run", "--only", "21402", "--disable-check", "code.numberic"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--disable-check: unknown finding id \"code.numberic\" (did you mean "
                       "\"code.numeric\"?)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("running"), std::string::npos) << r.out;
}

TEST(CliChecks, SetupFailedCannotBeDisabled) {
  auto r = run_process(errcontract_binary(),
                       {"run", "--only", "21402", "--disable-check", "setup.failed"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("setup.failed cannot be disabled"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace errcontract
