// catalog show | lint | export end to end.
#include <rapidjson/document.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "../support/process.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

TEST(CliCatalog, ExportJsonListsEveryDocumentedCodeWithAnIntegerStatus) {
  auto r = run_process(errcontract_binary(), {"catalog", "export", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  ASSERT_TRUE(doc.IsObject() && doc.HasMember("codes") && doc["codes"].IsArray());
  int documented = 0;
  for (const auto& code : doc["codes"].GetArray()) {
    ASSERT_TRUE(code["status"].IsInt()) << code["code"].GetString();
    if (std::string(code["source"].GetString()) == "table") ++documented;
  }
  EXPECT_EQ(documented, 144);
}

TEST(CliCatalog, ExportMarkdown) {
  auto r = run_process(errcontract_binary(), {"catalog", "export", "--format", "md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("## 214 operator"), std::string::npos);
  EXPECT_NE(r.out.find("| 21402 | 409 | Operator already exists. |"), std::string::npos);
}

TEST(CliCatalog, ExportRejectsUnknownFormat) {
  auto r = run_process(errcontract_binary(), {"catalog", "export", "--format", "yaml"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliCatalog, ShowPrintsTheEntry) {
  auto r = run_process(errcontract_binary(), {"catalog", "show", "21402"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("status:       409"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("message:      Operator already exists."), std::string::npos) << r.out;
}

TEST(CliCatalog, ShowUnknownCodeIsAUsageError) {
  auto r = run_process(errcontract_binary(), {"catalog", "show", "29999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("code 29999 is not in the catalog"), std::string::npos) << r.err;
}

TEST(CliCatalog, LintListsTheTablesDefects) {
  auto r = run_process(errcontract_binary(), {"catalog", "lint"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("21903 lint.duplicate_message"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("21508 lint.numbering_gap"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("in 144 documented codes"), std::string::npos) << r.out;
  auto strict = run_process(errcontract_binary(), {"catalog", "lint", "--fail-on-findings"});
  EXPECT_EQ(strict.exit_code, 1);
}

TEST(CliCatalog, LintReadsTheRawTableAndTheChineseColumn) {
  auto r = run_process(errcontract_binary(), {"catalog", "lint"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The escape is in the raw table only: the catalog already dropped it.
  EXPECT_NE(r.out.find("21610 lint.raw_escape: the table writes \"CDN space can\\'t be batch "
                       "refreshed CDN不能进行批量刷新\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("(docs/error-codes.txt:120)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("21904 lint.number_mismatch: the English \"cant't beyond 30 days\" says 30 "
                       "where the Chinese \"单位为天时查询区间不能超过3月\" says 3"),
            std::string::npos)
      << r.out;
}

TEST(CliCatalog, LintWritesJsonAndReadsAnotherTable) {
  const std::string table = ::testing::TempDir() + "errc-lint-table.txt";
  std::ofstream(table) << "21904 cant\\'t beyond 30 days 单位为天时查询区间不能超过3月\n";
  auto r =
      run_process(errcontract_binary(), {"catalog", "lint", "--format", "json", "--table", table});
  std::remove(table.c_str());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\n  \"issues\": [", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"rule\": \"lint.raw_escape\",\n      \"message\": \"the table writes "
                       "\\\"cant\\\\'t beyond 30 days"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"line\": 1"), std::string::npos) << r.out;
  // Every other code of the catalog is missing from this one-row table.
  EXPECT_NE(r.out.find("\"lint.table_mismatch\": 143"), std::string::npos) << r.out;
  auto missing = run_process(errcontract_binary(), {"catalog", "lint", "--table", "/nonexistent"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent: cannot read"), std::string::npos) << missing.err;
}

TEST(CliCatalog, BrokenCatalogFileNamesFileAndLine) {
  auto r = run_process(
      errcontract_binary(),
      {"--catalog", ERRC_SOURCE_DIR "/tests/data/table-example.json", "catalog", "show", "21402"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("table-example.json:3:16: invalid JSON"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace errcontract
