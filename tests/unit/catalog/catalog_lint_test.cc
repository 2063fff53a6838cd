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

TEST(CatalogLint, FlagsAGroupOfSharedMessagesOnce) {
  auto issues = lint_catalog(catalog_of({entry("21203", "Bucket not found.", "exact"),
                                         entry("21603", "Bucket not found.", "exact"),
                                         entry("21901", "bucket not found", "exact")}));
  std::vector<LintIssue> groups;
  for (const auto& issue : issues) {
    if (issue.rule == "lint.duplicate_message") groups.push_back(issue);
  }
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].code, "21203");
  EXPECT_EQ(groups[0].message,
            "21203, 21603, 21901 share the message \"Bucket not found.\": a client cannot tell the "
            "codes apart by message");
}

TEST(CatalogLint, FlagsANumberTheColumnsDisagreeOn) {
  // 21904: the English says 30 days, the Chinese 3 months.
  auto issues = lint_catalog(catalog_of(
      {entry("21903", "cant't beyond 30 days", "exact", "单位为小时时查询区间不能超过30天"),
       entry("21904", "cant't beyond 30 days", "exact", "单位为天时查询区间不能超过3月"),
       entry("21113", "Out of reset limit.", "exact", "每小时只能进行三次")}));
  EXPECT_THAT(rules_for(issues, "21903"), Not(Contains("lint.number_mismatch")));
  EXPECT_THAT(rules_for(issues, "21113"), Not(Contains("lint.number_mismatch")));
  ASSERT_THAT(rules_for(issues, "21904"), Contains("lint.number_mismatch"));
  for (const auto& issue : issues) {
    if (issue.rule != "lint.number_mismatch") continue;
    EXPECT_EQ(issue.message,
              "the English \"cant't beyond 30 days\" says 30 where the Chinese "
              "\"单位为天时查询区间不能超过3月\" says 3");
  }
}

TEST(CatalogLint, FlagsChinesePunctuationOfTheOtherWidth) {
  auto issues = lint_catalog(
      catalog_of({entry("21101", "A.", "exact", "甲,乙"), entry("21102", "B.", "exact", "丙,丁"),
                  entry("21103", "C.", "exact", "戊。"),
                  entry("21104", "D.", "exact", "需购买“自主”服务,才能开启"),
                  entry("21105", "E.", "exact", "请求校验失败."),
                  entry("21106", "F.", "exact", "仅允许(* / . %)")}));
  EXPECT_THAT(rules_for(issues, "21101"), IsEmpty());
  EXPECT_THAT(rules_for(issues, "21103"), Contains("lint.zh_punctuation"));
  EXPECT_THAT(rules_for(issues, "21104"), Contains("lint.zh_punctuation"));
  EXPECT_THAT(rules_for(issues, "21105"), Contains("lint.zh_punctuation"));
  EXPECT_THAT(rules_for(issues, "21106"), IsEmpty());
}

TEST(CatalogLint, FlagsStraySpacesInTheChineseColumn) {
  auto issues =
      lint_catalog(catalog_of({entry("21101", "A.", "exact", "CDN 空间没有开启 动态加速"),
                               entry("21102", "B.", "exact", "需购买“自主域名 ”服务"),
                               entry("21103", "C.", "exact", "CDN 自定义 URL 缓存规则")}));
  EXPECT_THAT(rules_for(issues, "21101"), Contains("lint.zh_space"));
  EXPECT_THAT(rules_for(issues, "21102"), Contains("lint.zh_space"));
  EXPECT_THAT(rules_for(issues, "21103"), IsEmpty());
}

TEST(CatalogLint, FlagsBackslashEscapesOfTheRawTable) {
  const Catalog catalog = catalog_of(
      {entry("21610", "CDN space can't be batch refreshed", "exact", "不能进行批量刷新")});
  auto issues = lint_catalog(
      catalog, "错误代码\n21610 CDN space can\\'t be batch refreshed 不能进行批量刷新\n");
  ASSERT_THAT(rules_for(issues, "21610"), Contains("lint.raw_escape"));
  for (const auto& issue : issues) {
    if (issue.rule != "lint.raw_escape") continue;
    EXPECT_EQ(issue.line, 2u);
    EXPECT_NE(issue.message.find("can\\'t"), std::string::npos) << issue.message;
  }
  EXPECT_THAT(rules_for(lint_catalog(catalog,
                                     "21610 CDN space can't be batch refreshed 不能进行批量刷新\n"),
                        "21610"),
              Not(Contains("lint.raw_escape")));
}

TEST(CatalogLint, FlagsRowsThatDoNotSplitIntoTheCatalogsColumns) {
  const Catalog catalog = catalog_of(
      {entry("21801", "invalid minify setting", "exact", "css/js/html 优化操作参数不合法"),
       entry("21802", "No params.", "exact", "没有参数")});
  auto issues = lint_catalog(catalog,
                             "21801 invalid minify setting css/js/html 优化操作参数不合法\n"
                             "21802 No params. 没有 参数\n"
                             "21803 Extra. 多余\n");
  EXPECT_THAT(rules_for(issues, "21801"), Contains("lint.column_split"));
  EXPECT_THAT(rules_for(issues, "21802"), Contains("lint.column_split"));
  EXPECT_THAT(rules_for(issues, "21803"), Contains("lint.table_mismatch"));
}

TEST(CatalogLint, WritesJsonForTools) {
  std::vector<LintIssue> issues = {{"21610", "lint.raw_escape", "a \"quoted\" text", 120},
                                   {"21203", "lint.duplicate_message", "m", 0}};
  EXPECT_EQ(lint_issues_json(issues, 144),
            R"({
  "issues": [
    {
      "code": "21610",
      "rule": "lint.raw_escape",
      "message": "a \"quoted\" text",
      "line": 120
    },
    {
      "code": "21203",
      "rule": "lint.duplicate_message",
      "message": "m"
    }
  ],
  "summary": {
    "issues": 2,
    "documented": 144,
    "rules": {
      "lint.duplicate_message": 1,
      "lint.raw_escape": 1
    }
  }
}
)");
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
  EXPECT_THAT(rules_for(issues, "21203"), Contains("lint.duplicate_message"));
  EXPECT_THAT(rules_for(issues, "21603"), Not(Contains("lint.duplicate_message")));
  EXPECT_THAT(rules_for(issues, "21221"), Contains("lint.placeholder"));
  EXPECT_THAT(rules_for(issues, "21101"), Contains("lint.no_english"));
  EXPECT_THAT(rules_for(issues, "21606"), Contains("lint.no_description"));
  EXPECT_THAT(rules_for(issues, "21508"), Contains("lint.numbering_gap"));
  EXPECT_THAT(rules_for(issues, "21702"), Contains("lint.typo"));
  EXPECT_THAT(rules_for(issues, "22204"), Contains("lint.typo"));
  EXPECT_THAT(rules_for(issues, "21904"), Contains("lint.number_mismatch"));
  EXPECT_THAT(rules_for(issues, "21509"), Contains("lint.zh_punctuation"));
  EXPECT_THAT(rules_for(issues, "21626"), Contains("lint.zh_space"));
  EXPECT_THAT(rules_for(issues, "21701"), Contains("lint.zh_space"));
}

TEST(CatalogLint, FindsTheRawTablesEscapesAndSplits) {
  auto issues = lint_catalog(Catalog::builtin(), builtin_error_table());
  for (const char* code : {"21610", "21902", "21903", "21904"}) {
    EXPECT_THAT(rules_for(issues, code), Contains("lint.raw_escape")) << code;
  }
  EXPECT_THAT(rules_for(issues, "21801"), Contains("lint.column_split"));
  EXPECT_THAT(rules_for(issues, "21619"), Contains("lint.column_split"));
  EXPECT_THAT(rules_for(issues, "21402"), Not(Contains("lint.column_split")));
  int duplicate_groups = 0, mismatches = 0;
  for (const auto& issue : issues) {
    duplicate_groups += issue.rule == "lint.duplicate_message" ? 1 : 0;
    mismatches += issue.rule == "lint.table_mismatch" ? 1 : 0;
  }
  EXPECT_EQ(duplicate_groups, 3);
  EXPECT_EQ(mismatches, 0);
}

}  // namespace
}  // namespace errcontract
