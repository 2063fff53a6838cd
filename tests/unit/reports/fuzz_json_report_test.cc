// fuzz-api's JSON report (fuzz_json_report.cc): valid JSON of the structure
// docs/reports.md documents ("The fuzz report (JSON)"), which names every
// member it writes.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <regex>
#include <string>

#include "errcontract/fuzz_report.h"
#include "fuzz_report_test_support.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

std::string render_or_fail(const FuzzReport& report) {
  Result<std::string> json = render_fuzz_json(report);
  EXPECT_TRUE(json.ok()) << json.status().message();
  return json.ok() ? *json : std::string();
}

using testing::parse_strict;

TEST(FuzzJsonReport, MatchesGolden) {
  const std::string json = render_or_fail(testing::sample_fuzz_report());
  testing::expect_golden(
      std::regex_replace(json, std::regex("\"version\": \"[^\"]*\""), "\"version\": \"<version>\""),
      "fuzz_report.json");
}

TEST(FuzzJsonReport, HasTheDocumentedStructure) {
  const rapidjson::Document doc = parse_strict(render_or_fail(testing::sample_fuzz_report()));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["report"].GetString(), "fuzz-api");
  EXPECT_EQ(doc["report_format"].GetInt(), 1);
  EXPECT_EQ(doc["seed"].GetUint64(), 7u);
  EXPECT_EQ(doc["exit_code"].GetInt(), 1);
  EXPECT_STREQ(doc["unreachable"].GetString(), "");
  const auto& totals = doc["totals"];
  EXPECT_EQ(totals["requests"].GetUint64(), 312u);
  EXPECT_EQ(totals["response_classes"].GetUint64(), 41u);
  EXPECT_EQ(totals["codes_reached"].GetUint64(), 3u);
  EXPECT_EQ(totals["codes_documented"].GetUint64(), 144u);
  EXPECT_EQ(totals["violations"].GetUint64(), 3u);
  EXPECT_DOUBLE_EQ(totals["elapsed_ms"].GetDouble(), 1300.0);
  EXPECT_EQ(totals["created"].GetUint64(), 5u);
  EXPECT_EQ(totals["undone"].GetUint64(), 4u);
  EXPECT_EQ(totals["acted_on"].GetUint64(), 2u);
  EXPECT_EQ(totals["sequence_requests"].GetUint64(), 31u);
  const auto& endpoints = doc["endpoints"];
  ASSERT_EQ(endpoints.Size(), 4u);
  EXPECT_STREQ(endpoints[0]["endpoint"].GetString(), "GET /buckets/");
  EXPECT_EQ(endpoints[0]["documented_reached"].GetUint64(), 1u);
  EXPECT_EQ(endpoints[0]["codes_documented"].Size(), 3u);
  EXPECT_EQ(endpoints[0]["violations"].GetUint64(), 2u);
  EXPECT_STREQ(endpoints[3]["endpoint"].GetString(), "(unknown endpoint)");
  const auto& violations = doc["violations"];
  ASSERT_EQ(violations.Size(), 3u);
  EXPECT_EQ(violations[0]["status"].GetInt(), 409);
  EXPECT_STREQ(violations[0]["row"].GetString(), "GET /buckets/");
  EXPECT_TRUE(violations[2]["status"].IsNull());
  EXPECT_STREQ(violations[2]["row"].GetString(), "(unknown endpoint)");
  EXPECT_STREQ(violations[2]["request"]["method"].GetString(), "FOO");
  EXPECT_STREQ(violations[0]["acts_on"].GetString(), "");
  EXPECT_STREQ(violations[2]["acts_on"].GetString(), "PUT /operators/");
  // Ill-formed UTF-8 written as U+FFFD, so the file stays valid JSON.
  EXPECT_NE(std::string(violations[0]["detail"].GetString()).find("\xEF\xBF\xBD"),
            std::string::npos);
}

// Every member the report writes (at every level) is named in the docs.
TEST(FuzzJsonReport, DocsNameEveryMember) {
  const std::string docs =
      testing::read_file(std::filesystem::path(ERRC_SOURCE_DIR) / "docs/reports.md");
  const auto section_at = docs.find("## The fuzz report (JSON)");
  ASSERT_NE(section_at, std::string::npos);
  const std::string section =
      docs.substr(section_at, docs.find("\n## ", section_at + 1) - section_at);
  const std::string json = render_or_fail(testing::sample_fuzz_report());
  const std::regex key("\"([a-z_]+)\": ");
  for (auto it = std::sregex_iterator(json.begin(), json.end(), key); it != std::sregex_iterator();
       ++it) {
    EXPECT_NE(section.find("`" + (*it)[1].str() + "`"), std::string::npos)
        << (*it)[1] << " is not in docs/reports.md's fuzz report section";
  }
}

}  // namespace
}  // namespace errcontract
