#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "errcontract/template.h"

namespace errcontract {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "fixtures_test";
  std::filesystem::create_directories(dir);
  std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(FixturesFile, ReadsNameValuePairs) {
  std::string path = write_temp("ok.json", R"({"token": "abc", "blocked_token": "def"})");
  auto fixtures = load_fixtures_file(path);
  ASSERT_TRUE(fixtures.ok()) << fixtures.status().message();
  EXPECT_EQ(*fixtures, (Fixtures{{"token", "abc"}, {"blocked_token", "def"}}));
}

TEST(FixturesFile, ReadsAnEmptyObject) {
  auto fixtures = load_fixtures_file(write_temp("empty.json", "{}"));
  ASSERT_TRUE(fixtures.ok());
  EXPECT_TRUE(fixtures->empty());
}

TEST(FixturesFile, RejectsMalformedJsonWithLineAndColumn) {
  std::string path = write_temp("bad.json", "{\n  \"token\": 'abc'\n}");
  auto fixtures = load_fixtures_file(path);
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(fixtures.status().message(), path + ":2:12: invalid JSON: Invalid value.");
}

TEST(FixturesFile, RejectsEveryNonStringValueNamingItsLine) {
  std::string path = write_temp("types.json",
                                "{\n  \"a\": 1,\n  \"b\": \"ok\",\n  \"c\": [\"x\"],\n"
                                "  \"d\": {\"e\": \"f\"}\n}");
  auto fixtures = load_fixtures_file(path);
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().message(), path + ":2: fixture \"a\" must be a string\n" + path +
                                             ":4: fixture \"c\" must be a string\n" + path +
                                             ":5: fixture \"d\" must be a string");
}

TEST(FixturesFile, RejectsANonObject) {
  std::string path = write_temp("array.json", "[\"token\"]");
  auto fixtures = load_fixtures_file(path);
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().message(),
            path + ":1: a fixtures file is a JSON object of name -> string value");
}

TEST(FixturesFile, RejectsDuplicateName) {
  std::string path = write_temp("dup.json", "{\"token\": \"a\",\n \"token\": \"b\"}");
  auto fixtures = load_fixtures_file(path);
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().message(), path + ":2: duplicate member \"token\"");
}

TEST(FixturesFile, RejectsInvalidUtf8) {
  std::string path = write_temp("utf8.json", "{\"token\": \"a\xff\"}");
  auto fixtures = load_fixtures_file(path);
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().message(), path + ":1:13: not valid UTF-8");
}

TEST(FixturesFile, ReportsAMissingFile) {
  auto fixtures = load_fixtures_file("/nonexistent/errc-fixtures.json");
  ASSERT_FALSE(fixtures.ok());
  EXPECT_EQ(fixtures.status().code(), StatusCode::kIoError);
  EXPECT_EQ(fixtures.status().message().rfind("/nonexistent/errc-fixtures.json: cannot open", 0),
            0u);
}

TEST(FixturesEnvironment, ReadsPrefixedVariablesLowerCased) {
  ::setenv("ERRC_FIXTURE_BLOCKED_TOKEN", "xyz", 1);
  ::setenv("ERRC_FIXTURE_", "ignored", 1);
  ::setenv("ERRC_FIXTUREX", "ignored", 1);
  Fixtures fixtures = fixtures_from_environment();
  ::unsetenv("ERRC_FIXTURE_BLOCKED_TOKEN");
  ::unsetenv("ERRC_FIXTURE_");
  ::unsetenv("ERRC_FIXTUREX");
  ASSERT_EQ(fixtures.count("blocked_token"), 1u);
  EXPECT_EQ(fixtures.at("blocked_token"), "xyz");
  EXPECT_EQ(fixtures.count(""), 0u);
  EXPECT_EQ(fixtures.count("x"), 0u);
}

TEST(FixturesEnvironment, KeepsValuesWithEqualsSigns) {
  ::setenv("ERRC_FIXTURE_TOKEN", "a=b=c", 1);
  Fixtures fixtures = fixtures_from_environment();
  ::unsetenv("ERRC_FIXTURE_TOKEN");
  EXPECT_EQ(fixtures.at("token"), "a=b=c");
}

// CI passes an empty string for a secret that is not set; it must not
// override the fixtures file's value with "".
TEST(FixturesEnvironment, EmptyVariableCountsAsUnsetAndIsNamed) {
  ::setenv("ERRC_FIXTURE_TOKEN", "", 1);
  std::vector<std::string> empty;
  Fixtures fixtures = fixtures_from_environment(&empty);
  ::unsetenv("ERRC_FIXTURE_TOKEN");
  EXPECT_EQ(fixtures.count("token"), 0u);
  EXPECT_EQ(empty, std::vector<std::string>{"token"});
}

}  // namespace
}  // namespace errcontract
