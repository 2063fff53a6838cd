// fixtures.json: declarations read with every problem at its line, and the
// case loader refusing a fixture the library does not declare.
#include "errcontract/fixture_declarations.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "errcontract/case.h"
#include "errcontract/catalog.h"

namespace errcontract {
namespace {

constexpr const char* kDeclarations = R"({"fixtures": {
  "username": {"about": "login", "secret": false},
  "password": {"about": "its password", "secret": true},
  "token": {"about": "access token", "secret": true,
            "obtain": {"request": {"method": "POST", "path": "/oauth/access_token/",
                                   "form": {"username": "${fixture:username}",
                                            "password": "${fixture:password}"}},
                       "capture": "/access_token"}}
}})";

std::shared_ptr<const FixtureDeclarations> declarations() {
  auto parsed = FixtureDeclarations::parse(kDeclarations, "fixtures.json");
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::make_shared<const FixtureDeclarations>(std::move(parsed).value());
}

std::string load_error(const std::string& case_members) {
  const std::string json = R"({"cases": [
{"id": "c1", "code": "21402",
 )" + case_members + R"(}
]})";
  auto library = CaseLibrary::parse(json, "x.cases.json", Catalog::builtin(), declarations());
  return library.ok() ? std::string() : library.status().message();
}

constexpr const char* kTrigger = R"("request": {"method": "PUT", "path": "/operators/")";

TEST(FixtureDeclarations, ReadsNameAboutSecretAndObtainWithItsInputs) {
  auto d = declarations();
  ASSERT_EQ(d->list.size(), 3u);
  const FixtureDeclaration* token = d->find("token");
  ASSERT_NE(token, nullptr);
  EXPECT_TRUE(token->secret);
  EXPECT_EQ(token->about, "access token");
  EXPECT_EQ(token->line, 4u);
  ASSERT_TRUE(token->obtain.has_value());
  EXPECT_EQ(token->obtain->request.path, "/oauth/access_token/");
  EXPECT_EQ(token->obtain->capture, "/access_token");
  EXPECT_EQ(token->obtain->inputs, (std::vector<std::string>{"username", "password"}));
  EXPECT_FALSE(d->find("username")->obtain.has_value());
}

TEST(FixtureDeclarations, ReportsEveryProblemAtItsLine) {
  auto parsed = FixtureDeclarations::parse(R"({"fixtures": {
  "token": {"about": "t", "secrte": true},
  "Bad": {"about": "b", "secret": false},
  "key": {"about": "", "secret": "no"},
  "tok": {"about": "t", "secret": true,
          "obtain": {"request": {"method": "POST", "path": "/t", "auth": "usernme"},
                     "capture": "token"}}
}})",
                                           "f.json");
  ASSERT_FALSE(parsed.ok());
  const std::string& m = parsed.status().message();
  EXPECT_NE(m.find("f.json:2: unknown member \"secrte\" in fixture \"token\" (did you mean "
                   "\"secret\"?)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("f.json:2: fixture \"token\" needs \"secret\": true or false"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("f.json:3: fixture name \"Bad\" must be lower-case"), std::string::npos) << m;
  EXPECT_NE(m.find("f.json:4: fixture \"key\" needs \"about\""), std::string::npos) << m;
  EXPECT_NE(m.find("f.json:7: \"obtain\" of fixture \"tok\" needs \"capture\": a JSON Pointer"),
            std::string::npos)
      << m;
}

TEST(FixtureDeclarations, AnObtainInputMustBeDeclared) {
  auto parsed = FixtureDeclarations::parse(R"({"fixtures": {
  "username": {"about": "u", "secret": false},
  "token": {"about": "t", "secret": true,
            "obtain": {"request": {"method": "POST", "path": "/t",
                                   "form": {"u": "${fixture:usernme}", "v": "${uniq}"}},
                       "capture": "/t"}}
}})",
                                           "f.json");
  ASSERT_FALSE(parsed.ok());
  const std::string& m = parsed.status().message();
  EXPECT_NE(m.find("uses fixture \"usernme\", which is not declared (did you mean \"username\"?)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("${uniq}: an obtain request may use only"), std::string::npos) << m;
}

TEST(CaseLoader, AnUndeclaredAuthFixtureIsAnErrorWithFileLineAndASuggestion) {
  const std::string m = load_error(std::string(kTrigger) + R"(, "auth": "tokn"})");
  EXPECT_NE(m.find("x.cases.json:3: fixture \"tokn\" is not declared in fixtures.json (did you "
                   "mean \"token\"?)"),
            std::string::npos)
      << m;
}

TEST(CaseLoader, AnUndeclaredFixtureReferenceOrListedFixtureIsAnError) {
  const std::string m = load_error(R"("fixtures": ["pasword"],
 )" + std::string(kTrigger) + R"(, "query": {"p": "${fixture:passwd}"}})");
  EXPECT_NE(m.find("x.cases.json:3: fixture \"pasword\" is not declared in fixtures.json (did you "
                   "mean \"password\"?)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("x.cases.json:4: fixture \"passwd\" is not declared in fixtures.json (did you "
                   "mean \"password\"?)"),
            std::string::npos)
      << m;
}

TEST(CaseLoader, DeclaredFixturesLoad) {
  EXPECT_EQ(load_error(R"("fixtures": ["password"], )" + std::string(kTrigger) +
                       R"(, "auth": "token", "query": {"u": "${fixture:username}"}})"),
            "");
}

TEST(CaseLoader, ADirectoryWithoutFixturesJsonSaysWhereTheDeclarationsGo) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "errc-fixture-decl-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "a.cases.json") << R"({"cases": [{"id": "c1", "code": "21402",
    "request": {"method": "PUT", "path": "/operators/", "auth": "token"}}]})";
  auto library = CaseLibrary::load_dir(dir.string(), Catalog::builtin());
  ASSERT_FALSE(library.ok());
  EXPECT_NE(library.status().message().find("a.cases.json:2: fixture \"token\" is not declared: "
                                            "there is no " +
                                            (dir / "fixtures.json").string()),
            std::string::npos)
      << library.status().message();
  std::ofstream(dir / "fixtures.json")
      << R"({"fixtures": {"token": {"about": "t", "secret": true}}})";
  auto loaded = CaseLibrary::load_dir(dir.string(), Catalog::builtin());
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace errcontract
