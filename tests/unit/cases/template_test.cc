#include "errcontract/template.h"

#include <gtest/gtest.h>

namespace errcontract {
namespace {

VariableScope test_scope(const Fixtures* fixtures) {
  VariableScope scope;
  scope.run = "r1";
  scope.uniq = "u7";
  scope.fixtures = fixtures;
  scope.captures["id"] = "42";
  scope.env = [](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME_DIR") return "/home/x";
    return std::nullopt;
  };
  return scope;
}

TEST(TemplateExpand, ExpandsEveryKindOfVariable) {
  Fixtures fixtures{{"token", "t0k"}};
  auto out =
      expand("/a/${run}/${uniq}/${env:HOME_DIR}/${fixture:token}/${id}", test_scope(&fixtures));
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "/a/r1/u7//home/x/t0k/42");
}

TEST(TemplateExpand, DoubleDollarIsALiteralDollar) {
  auto out = expand("cost $$5 and $${run}", test_scope(nullptr));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "cost $5 and ${run}");
}

TEST(TemplateExpand, LoneDollarIsKept) {
  auto out = expand("$5 and a trailing $", test_scope(nullptr));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "$5 and a trailing $");
}

TEST(TemplateExpand, TextWithoutVariablesIsUnchanged) {
  auto out = expand("plain", test_scope(nullptr));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "plain");
}

TEST(TemplateExpand, ExpandedValuesAreNotExpandedAgain) {
  VariableScope scope = test_scope(nullptr);
  scope.captures["tricky"] = "${run}";
  auto out = expand("${tricky}", scope);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "${run}");
}

TEST(TemplateExpand, RejectsUnknownVariable) {
  auto out = expand("/x/${nope}", test_scope(nullptr));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "unknown variable ${nope}");
}

TEST(TemplateExpand, RejectsMissingFixture) {
  Fixtures fixtures{{"token", "t"}};
  auto out = expand("${fixture:blocked_token}", test_scope(&fixtures));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "fixture \"blocked_token\" is not provided");
}

TEST(TemplateExpand, RejectsFixtureWhenNoFixturesAreGiven) {
  auto out = expand("${fixture:token}", test_scope(nullptr));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "fixture \"token\" is not provided");
}

TEST(TemplateExpand, RejectsUnsetEnvironmentVariable) {
  auto out = expand("${env:NOT_SET_HERE}", test_scope(nullptr));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "environment variable NOT_SET_HERE is not set");
}

TEST(TemplateExpand, ReadsTheProcessEnvironmentByDefault) {
  ::setenv("ERRC_TEMPLATE_TEST_VAR", "from-env", 1);
  VariableScope scope;  // no env function: std::getenv
  auto out = expand("${env:ERRC_TEMPLATE_TEST_VAR}", scope);
  ::unsetenv("ERRC_TEMPLATE_TEST_VAR");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(*out, "from-env");
}

TEST(TemplateExpand, RejectsUnterminatedVariable) {
  auto out = expand("/a/${run", test_scope(nullptr));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "unterminated ${ at byte 3 (write $$ for a literal $)");
}

TEST(TemplateExpand, RejectsEmptyVariable) {
  auto out = expand("a${}", test_scope(nullptr));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "empty variable ${} at byte 1");
}

TEST(TemplateReferences, ListsNamesInOrder) {
  auto names = referenced_variables("${run}-$${skip}-${env:HOME}/${fixture:token}?${id}");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{"run", "env:HOME", "fixture:token", "id"}));
}

TEST(TemplateReferences, RejectsUnterminatedVariable) {
  auto names = referenced_variables("ok ${run} then ${broken");
  ASSERT_FALSE(names.ok());
  EXPECT_EQ(names.status().message(), "unterminated ${ at byte 15 (write $$ for a literal $)");
}

}  // namespace
}  // namespace errcontract
