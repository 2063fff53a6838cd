// merge_runs: shards joined back into the run they were split from, coverage
// judged again, and the inputs that cannot be joined refused by name.
#include "errcontract/run_merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "errcontract/exit_codes.h"

namespace errcontract {
namespace {

CaseResult make_case(const std::string& id, const std::string& code, Verdict verdict,
                     const std::string& endpoint = "PUT /buckets/") {
  CaseResult c;
  c.case_id = id;
  c.code = code;
  c.module = code.substr(1, 2);
  c.verdict = verdict;
  c.endpoint = endpoint;
  c.exchanges.resize(1);
  return c;
}

CoverageEntry row(const std::string& code, std::vector<std::string> endpoints) {
  CoverageEntry entry;
  entry.code = code;
  entry.module_name = "bucket";
  entry.message = "message of " + code;
  entry.http_status = 409;
  for (auto& e : endpoints) entry.endpoints.push_back({e, CodeStatus::kNoCase, {}});
  return entry;
}

// One shard K/N of a run with the catalog rows 21201, 21202, 21203.
MergeInput shard(int k, int n, std::vector<CaseResult> cases) {
  MergeInput in;
  in.file = "s" + std::to_string(k) + ".json";
  in.result.catalog_digest = "sha256:cat";
  in.result.cases_digest = "sha256:lib";
  in.result.shard_index = k - 1;
  in.result.shard_count = n;
  in.result.run_id = "r" + std::to_string(k);
  in.result.target = "http://staging";
  in.result.started_at = "2024-05-01T12:00:0" + std::to_string(k) + "Z";
  in.result.elapsed_ms = 100.0 * k;
  in.result.cases = std::move(cases);
  in.result.coverage = {row("21201", {"PUT /buckets/"}), row("21202", {"PUT /buckets/"}),
                        row("21203", {"PUT /buckets/", "DELETE /buckets/"})};
  return in;
}

std::vector<std::string> ids(const RunResult& run) {
  std::vector<std::string> out;
  for (const CaseResult& c : run.cases) out.push_back(c.case_id);
  return out;
}

TEST(RunMerge, ShardsComeBackInPlanOrder) {
  // Plan a b c d e over 2 shards: 1/2 ran a c e, 2/2 ran b d; given in reverse.
  const std::vector<MergeInput> inputs = {
      shard(2, 2,
            {make_case("b", "21201", Verdict::kPassed), make_case("d", "21202", Verdict::kPassed)}),
      shard(1, 2,
            {make_case("a", "21201", Verdict::kPassed), make_case("c", "21202", Verdict::kPassed),
             make_case("e", "21203", Verdict::kPassed)})};
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(ids(*merged), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(merged->shard_count, 1);
}

TEST(RunMerge, RunsThatAreNotShardsKeepInputOrder) {
  std::vector<MergeInput> inputs = {shard(1, 1, {make_case("z", "21201", Verdict::kPassed)}),
                                    shard(1, 1, {make_case("a", "21202", Verdict::kPassed)})};
  inputs[1].file = "other.json";
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(ids(*merged), (std::vector<std::string>{"z", "a"}));
}

TEST(RunMerge, JudgesCoverageAgainFromTheMergedCases) {
  // 21201 passed in one shard and failed in the other: failed. 21203 passed on
  // one of its endpoints only. 21202 has no case anywhere.
  std::vector<MergeInput> inputs = {
      shard(1, 2,
            {make_case("a", "21201", Verdict::kPassed),
             make_case("c", "21203", Verdict::kPassed, "DELETE /buckets/")}),
      shard(2, 2, {make_case("b", "21201", Verdict::kFailed)})};
  // What each shard judged alone must not survive the merge.
  inputs[0].result.coverage[0].status = CodeStatus::kVerified;
  inputs[1].result.coverage[2].status = CodeStatus::kNoCase;
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  ASSERT_EQ(merged->coverage.size(), 3u);
  EXPECT_EQ(merged->coverage[0].status, CodeStatus::kFailed);
  EXPECT_EQ(merged->coverage[0].case_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(merged->coverage[1].status, CodeStatus::kNoCase);
  EXPECT_EQ(merged->coverage[2].status, CodeStatus::kVerified);
  EXPECT_EQ(merged->coverage[2].endpoints[0].status, CodeStatus::kNoCase);
  EXPECT_EQ(merged->coverage[2].endpoints[1].status, CodeStatus::kVerified);
  EXPECT_EQ(merged->coverage[2].message, "message of 21203");  // the catalog's row kept
  EXPECT_EQ(merged->totals.passed, 2);
  EXPECT_EQ(merged->totals.failed, 1);
  EXPECT_EQ(merged->totals.requests, 3);
  EXPECT_EQ(run_exit_code(*merged, false), kExitFailure);
}

TEST(RunMerge, JoinsTheRunHeaders) {
  std::vector<MergeInput> inputs = {shard(1, 2, {make_case("a", "21201", Verdict::kPassed)}),
                                    shard(2, 2, {make_case("b", "21201", Verdict::kPassed)})};
  inputs[1].result.totals.throttled = 3;
  inputs[1].result.fixture_notes = {"fixture token obtained"};
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->run_id, "r1+r2");
  EXPECT_EQ(merged->target, "http://staging");
  EXPECT_EQ(merged->started_at, "2024-05-01T12:00:01Z");
  EXPECT_DOUBLE_EQ(merged->elapsed_ms, 300.0);  // the sum
  EXPECT_EQ(merged->totals.throttled, 3);
  EXPECT_EQ(merged->fixture_notes, (std::vector<std::string>{"fixture token obtained"}));
  EXPECT_EQ(merged->catalog_digest, "sha256:cat");
  EXPECT_EQ(run_exit_code(*merged, false), kExitOk);
}

TEST(RunMerge, RefusesACaseInTwoInputsUnlessAllowed) {
  const std::vector<MergeInput> inputs = {shard(1, 2, {make_case("a", "21201", Verdict::kPassed)}),
                                          shard(2, 2, {make_case("a", "21201", Verdict::kFailed)})};
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(merged.status().message().find("case \"a\" is in both s1.json and s2.json"),
            std::string::npos)
      << merged.status().message();

  merged = merge_runs(inputs, MergeOptions{true});
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  EXPECT_EQ(merged->cases.size(), 2u);
  EXPECT_EQ(merged->coverage[0].status, CodeStatus::kFailed);
}

TEST(RunMerge, RefusesInputsOfAnotherCatalogOrCaseLibrary) {
  std::vector<MergeInput> inputs = {shard(1, 2, {make_case("a", "21201", Verdict::kPassed)}),
                                    shard(2, 2, {make_case("b", "21201", Verdict::kPassed)})};
  inputs[1].result.cases_digest = "sha256:tampered";
  Result<RunResult> merged = merge_runs(inputs, {});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message(),
            "s1.json and s2.json were run with a different case library (cases_digest "
            "sha256:lib vs sha256:tampered): not merged");

  inputs[1].result.cases_digest = "sha256:lib";
  inputs[1].result.catalog_digest = "sha256:other";
  merged = merge_runs(inputs, {});
  ASSERT_FALSE(merged.ok());
  EXPECT_NE(merged.status().message().find("different catalog (catalog_digest"), std::string::npos)
      << merged.status().message();

  inputs[1].result.catalog_digest = "";
  merged = merge_runs(inputs, {});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().message().rfind("s2.json: no catalog_digest", 0), 0u)
      << merged.status().message();
}

TEST(RunMerge, RefusesNothingToMerge) {
  Result<RunResult> merged = merge_runs({}, {});
  ASSERT_FALSE(merged.ok());
  EXPECT_EQ(merged.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace errcontract
