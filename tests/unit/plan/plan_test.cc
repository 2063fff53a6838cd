// plan_cases: selectors (id, code, module digits, level+module, module name,
// tag), --exclude over --only, and round-robin sharding after filtering; the
// selectors that match nothing and the provided fixtures no case knows.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/fixture_declarations.h"
#include "errcontract/runner.h"

namespace errcontract {
namespace {

constexpr const char* kCases = R"({"cases": [
  {"id": "bucket-a", "code": "21202", "tags": ["bucket-create"],
   "request": {"method": "PUT", "path": "/buckets/"}},
  {"id": "bucket-b", "code": "21203", "request": {"method": "GET", "path": "/buckets/info/"}},
  {"id": "operator-a", "code": "21402", "tags": ["slow"],
   "request": {"method": "PUT", "path": "/operators/"}},
  {"id": "system-a", "code": "11001", "tags": ["slow"],
   "request": {"method": "GET", "path": "/accounts/profile/"}},
  {"id": "bucket-c", "code": "21204", "request": {"method": "DELETE", "path": "/buckets/"}}
]})";

const CaseLibrary& library() {
  static const CaseLibrary lib = [] {
    auto parsed = CaseLibrary::parse(kCases, "plan_test.cases.json", Catalog::builtin());
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return parsed.ok() ? std::move(parsed).value() : CaseLibrary{};
  }();
  return lib;
}

std::vector<std::string> ids(const RunOptions& options) {
  std::vector<std::string> out;
  for (const Case* c : plan_cases(library(), Catalog::builtin(), options)) out.push_back(c->id);
  return out;
}

using Ids = std::vector<std::string>;

Ids ids_only(Ids selectors) {
  RunOptions o;
  o.only = std::move(selectors);
  return ids(o);
}

TEST(PlanCases, NoSelectorsKeepsLibraryOrder) {
  EXPECT_EQ(ids({}), (Ids{"bucket-a", "bucket-b", "operator-a", "system-a", "bucket-c"}));
}

TEST(PlanCases, OnlySelectsById) { EXPECT_EQ(ids_only({"operator-a"}), (Ids{"operator-a"})); }

TEST(PlanCases, OnlySelectsByCode) { EXPECT_EQ(ids_only({"21203"}), (Ids{"bucket-b"})); }

TEST(PlanCases, OnlySelectsByTwoDigitModule) { EXPECT_EQ(ids_only({"14"}), (Ids{"operator-a"})); }

TEST(PlanCases, OnlySelectsByLevelAndModule) {
  EXPECT_EQ(ids_only({"212"}), (Ids{"bucket-a", "bucket-b", "bucket-c"}));
}

TEST(PlanCases, OnlySelectsByModuleName) { EXPECT_EQ(ids_only({"system"}), (Ids{"system-a"})); }

TEST(PlanCases, OnlySelectsByTag) {
  EXPECT_EQ(ids_only({"slow"}), (Ids{"operator-a", "system-a"}));
}

TEST(PlanCases, SeveralOnlySelectorsUnite) {
  EXPECT_EQ(ids_only({"bucket-create", "11001"}), (Ids{"bucket-a", "system-a"}));
}

TEST(PlanCases, ExcludeWinsOverOnly) {
  RunOptions o;
  o.only = {"bucket"};
  o.exclude = {"21203", "bucket-c"};
  EXPECT_EQ(ids(o), (Ids{"bucket-a"}));
}

TEST(PlanCases, ExcludeAloneRemovesFromEverything) {
  RunOptions o;
  o.exclude = {"slow"};
  EXPECT_EQ(ids(o), (Ids{"bucket-a", "bucket-b", "bucket-c"}));
}

TEST(PlanCases, UnknownSelectorSelectsNothing) { EXPECT_TRUE(ids_only({"no-such-thing"}).empty()); }

TEST(PlanCases, ShardsSplitRoundRobin) {
  RunOptions first;
  first.shard_index = 0;
  first.shard_count = 2;
  RunOptions second = first;
  second.shard_index = 1;
  EXPECT_EQ(ids(first), (Ids{"bucket-a", "operator-a", "bucket-c"}));
  EXPECT_EQ(ids(second), (Ids{"bucket-b", "system-a"}));
}

TEST(PlanCases, ShardingAppliesAfterFilters) {
  RunOptions o;
  o.only = {"bucket"};
  o.shard_index = 1;
  o.shard_count = 2;
  EXPECT_EQ(ids(o), (Ids{"bucket-b"}));
}

// RunOptions from code rather than --shard K/N: a count below one is one shard.
TEST(PlanCases, AShardCountBelowOneIsOneShard) {
  const Ids all{"bucket-a", "bucket-b", "operator-a", "system-a", "bucket-c"};
  for (const int count : {0, -1}) {
    RunOptions o;
    o.shard_count = count;
    EXPECT_EQ(ids(o), all) << count;
  }
}

CaseLibrary parse_library(const char* json) {
  auto parsed = CaseLibrary::parse(json, "plan_test.cases.json", Catalog::builtin());
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? std::move(parsed).value() : CaseLibrary{};
}

Ids plan_ids(const CaseLibrary& lib, Ids only) {
  RunOptions o;
  o.only = std::move(only);
  Ids out;
  for (const Case* c : plan_cases(lib, Catalog::builtin(), o)) out.push_back(c->id);
  return out;
}

// Digits are '0' to '9', both ends included; a tag, id or module name as
// short as a module number, a level and module or a code is still a name.
TEST(PlanCases, DigitSelectorsRunFromZeroToNineAndShortNamesAreNames) {
  const CaseLibrary lib = parse_library(R"({"cases": [
    {"id": "nine", "code": "21209", "tags": ["ui", "api", "smoke"],
     "request": {"method": "POST", "path": "/buckets/formapi/"}},
    {"id": "abc", "code": "21402", "request": {"method": "PUT", "path": "/operators/"}}
  ]})");
  EXPECT_EQ(plan_ids(lib, {"21209"}), (Ids{"nine"}));
  for (const char* name : {"ui", "api", "smoke", "abc"}) {
    EXPECT_EQ(plan_ids(lib, {name}), (Ids{std::string(name) == "abc" ? "abc" : "nine"})) << name;
  }
}

// Punctuation is not a digit either: "1.5" is matched as an id, tag or module
// name, never as a level and module (a library built in code, since a parsed
// one starts ids and tags with a letter).
TEST(PlanCases, ASelectorWithPunctuationIsNotANumber) {
  CaseLibrary lib;
  Case c;
  c.id = "1.5";
  c.code = "21202";
  lib.cases.push_back(c);
  EXPECT_EQ(plan_ids(lib, {"1.5"}), (Ids{"1.5"}));
}

TEST(SelectorsMatchingNothing, NamesOnlyTheSelectorsNoCaseMatches) {
  EXPECT_EQ(selectors_matching_nothing(library(), Catalog::builtin(),
                                       {"operator-a", "no-such-case", "212", "99", "slow"}),
            (Ids{"no-such-case", "99"}));
  EXPECT_TRUE(selectors_matching_nothing(library(), Catalog::builtin(), {}).empty());
}

// Without a fixtures.json (or with a missing one), a fixture is known when a
// case uses it; with one, when it is declared there, used or not.
constexpr const char* kTokenCase = R"({"cases": [
  {"id": "needs-token", "code": "21203", "fixtures": ["token"],
   "request": {"method": "GET", "path": "/buckets/info/"}}
]})";

TEST(UnknownFixtures, WithoutDeclarationsTheCasesFixturesAreKnown) {
  const CaseLibrary lib = parse_library(kTokenCase);
  const auto unknown = unknown_fixtures(lib, {{"token", "t"}, {"tokn", "t"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].name, "tokn");
  EXPECT_EQ(unknown[0].hint, " (did you mean \"token\"?)");
}

TEST(UnknownFixtures, AMissingFixturesFileFallsBackToTheCasesFixtures) {
  CaseLibrary lib = parse_library(kTokenCase);
  auto declared = std::make_shared<FixtureDeclarations>();
  declared->missing = true;
  lib.declared = declared;
  EXPECT_TRUE(unknown_fixtures(lib, {{"token", "t"}}).empty());
}

TEST(UnknownFixtures, DeclaredFixturesAreKnownUsedOrNot) {
  CaseLibrary lib = parse_library(kTokenCase);
  auto declared = std::make_shared<FixtureDeclarations>();
  for (const char* name : {"token", "bucket"}) {
    FixtureDeclaration d;
    d.name = name;
    declared->list.push_back(d);
  }
  lib.declared = declared;
  const auto unknown = unknown_fixtures(lib, {{"bucket", "b"}, {"other", "o"}, {"token", "t"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].name, "other");
  EXPECT_EQ(unknown[0].hint, "");
}

}  // namespace
}  // namespace errcontract
