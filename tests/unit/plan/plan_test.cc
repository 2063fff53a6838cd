// plan_cases: selectors (id, code, module digits, level+module, module name,
// tag), --exclude over --only, and round-robin sharding after filtering.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
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

}  // namespace
}  // namespace errcontract
