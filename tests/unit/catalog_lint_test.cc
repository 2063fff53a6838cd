#include "errcontract/catalog_lint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

namespace errcontract {
namespace {

std::string entry(const std::string& code, const std::string& message, const std::string& rule,
                  const std::string& zh = "描述", const std::string& source = "table") {
  return fmt::format(
      R"({{"code": "{}", "level": {}, "module": "{}", "module_name": "m", "detail": "{}",
          "status": 400, "message": "{}", "message_rule": "{}", "description_zh": "{}",
          "source": "{}"}})",
      code, code[0] - '0', code.substr(1, 2), code.substr(3, 2), message, rule, zh, source);
}

Catalog catalog_of(const std::vector<std::string>& entries) {
  std::string json = "{\"codes\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) json += (i ? "," : "") + entries[i];
  json += "]}";
  auto c = Catalog::parse(json, "t.json");
  EXPECT_TRUE(c.ok()) << c.status().message();
  return std::move(c).value();
}

std::vector<std::string> rules_for(const std::vector<LintIssue>& issues, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& i : issues) {
    if (i.code == code) out.push_back(i.rule);
  }
  return out;
}

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(CatalogLint, CleanCatalogHasNoIssues) {
  auto issues = lint_catalog(catalog_of(
      {entry("21401", "Bad.", "exact"), entry("21402", "Operator already exists.", "exact")}));
  EXPECT_THAT(issues, IsEmpty());
}

TEST(CatalogLint, FlagsDuplicateMessagesAcrossModules) {
  auto issues = lint_catalog(catalog_of(
      {entry("21203", "Bucket not found.", "exact"), entry("21901", "bucket not found", "exact")}));
  EXPECT_THAT(rules_for(issues, "21203"), Contains("lint.duplicate_message"));
  EXPECT_THAT(rules_for(issues, "21901"), Contains("lint.duplicate_message"));
}

TEST(CatalogLint, FlagsMissingEnglishAndDescription) {
  auto issues =
      lint_catalog(catalog_of({entry("21401", "", "any"), entry("21402", "Exists.", "exact", "")}));
  EXPECT_THAT(rules_for(issues, "21401"), Contains("lint.no_english"));
  EXPECT_THAT(rules_for(issues, "21402"), Contains("lint.no_description"));
}

TEST(CatalogLint, FlagsPlaceholderAndDoublePeriod) {
  auto issues = lint_catalog(catalog_of(
      {entry("21201", "invalid ip:...", "prefix"), entry("21202", "Out of limit(10)..", "exact")}));
  EXPECT_THAT(rules_for(issues, "21201"), Contains("lint.placeholder"));
  EXPECT_THAT(rules_for(issues, "21201"), Not(Contains("lint.double_period")));
  EXPECT_THAT(rules_for(issues, "21202"), Contains("lint.double_period"));
}

TEST(CatalogLint, FlagsNumberingGaps) {
  auto issues =
      lint_catalog(catalog_of({entry("21501", "A.", "exact"), entry("21505", "B.", "exact")}));
  ASSERT_THAT(rules_for(issues, "21505"), Contains("lint.numbering_gap"));
  EXPECT_NE(issues.back().message.find("21502..21504"), std::string::npos) << issues.back().message;
}

TEST(CatalogLint, FlagsKnownTyposAsWholeWords) {
  auto issues = lint_catalog(catalog_of(
      {entry("21226", "Only cdn bucket can reflesh purge.", "exact"),
       entry("21227", "Something founded.", "exact"), entry("21228", "Refreshed fine.", "exact")}));
  EXPECT_THAT(rules_for(issues, "21226"), Contains("lint.typo"));
  EXPECT_THAT(rules_for(issues, "21227"), Contains("lint.typo"));
  EXPECT_THAT(rules_for(issues, "21228"), IsEmpty());
}

TEST(CatalogLint, SkipsExtensionCodes) {
  auto issues = lint_catalog(catalog_of({entry("11001", "", "any", "", "extension")}));
  EXPECT_THAT(issues, IsEmpty());
}

TEST(CatalogLint, FindsTheTablesKnownDefects) {
  auto issues = lint_catalog(Catalog::builtin());
  EXPECT_THAT(rules_for(issues, "21903"), Contains("lint.duplicate_message"));
  EXPECT_THAT(rules_for(issues, "21603"), Contains("lint.duplicate_message"));
  EXPECT_THAT(rules_for(issues, "21221"), Contains("lint.placeholder"));
  EXPECT_THAT(rules_for(issues, "21101"), Contains("lint.no_english"));
  EXPECT_THAT(rules_for(issues, "21606"), Contains("lint.no_description"));
  EXPECT_THAT(rules_for(issues, "21508"), Contains("lint.numbering_gap"));
  EXPECT_THAT(rules_for(issues, "21702"), Contains("lint.typo"));
  EXPECT_THAT(rules_for(issues, "22204"), Contains("lint.typo"));
}

}  // namespace
}  // namespace errcontract
