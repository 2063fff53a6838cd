// diff_runs: each case and code filed under its new state when it is new;
// only something newly failing or in error is a regression.
#include "errcontract/run_diff.h"

#include <gtest/gtest.h>

#include <string>

namespace errcontract {
namespace {

CaseResult make_case(const std::string& id, const std::string& code, Verdict verdict) {
  CaseResult c;
  c.case_id = id;
  c.code = code;
  c.verdict = verdict;
  return c;
}

CoverageEntry code(const std::string& c, CodeStatus status) {
  CoverageEntry entry;
  entry.code = c;
  entry.status = status;
  return entry;
}

TEST(RunDiff, FilesEachChangeUnderItsNewState) {
  RunResult before, after;
  before.cases = {
      make_case("a", "21201", Verdict::kPassed),    make_case("b", "21202", Verdict::kFailed),
      make_case("c", "21203", Verdict::kPassed),    make_case("d", "21204", Verdict::kPassed),
      make_case("gone", "21205", Verdict::kPassed), make_case("same", "21206", Verdict::kFailed)};
  after.cases = {
      make_case("a", "21201", Verdict::kFailed),   make_case("b", "21202", Verdict::kPassed),
      make_case("c", "21203", Verdict::kSkipped),  make_case("d", "21204", Verdict::kError),
      make_case("new", "21207", Verdict::kFailed), make_case("same", "21206", Verdict::kFailed)};
  before.coverage = {code("21201", CodeStatus::kVerified), code("21202", CodeStatus::kFailed)};
  after.coverage = {code("21201", CodeStatus::kFailed), code("21202", CodeStatus::kVerified),
                    code("21207", CodeStatus::kFailed)};
  const RunDiff d = diff_runs(before, after);
  ASSERT_EQ(d.cases_failing.size(), 2u);
  EXPECT_EQ(d.cases_failing[0].case_id, "a");
  EXPECT_EQ(d.cases_failing[0].before, "passed");
  EXPECT_EQ(d.cases_failing[1].case_id, "new");
  EXPECT_EQ(d.cases_failing[1].before, "absent");
  ASSERT_EQ(d.cases_passing.size(), 1u);
  EXPECT_EQ(d.cases_passing[0].case_id, "b");
  ASSERT_EQ(d.cases_skipped.size(), 1u);
  EXPECT_EQ(d.cases_skipped[0].case_id, "c");
  ASSERT_EQ(d.cases_error.size(), 1u);
  EXPECT_EQ(d.cases_error[0].case_id, "d");
  ASSERT_EQ(d.cases_removed.size(), 1u);
  EXPECT_EQ(d.cases_removed[0].case_id, "gone");
  ASSERT_EQ(d.codes_failing.size(), 2u);
  EXPECT_EQ(d.codes_failing[0].code, "21201");
  EXPECT_EQ(d.codes_failing[0].before, "verified");
  EXPECT_EQ(d.codes_failing[1].before, "absent");
  ASSERT_EQ(d.codes_verified.size(), 1u);
  EXPECT_EQ(d.codes_verified[0].code, "21202");
  EXPECT_TRUE(d.regressed());
}

TEST(RunDiff, OnlyImprovementsAreNoRegression) {
  RunResult before, after;
  before.cases = {make_case("a", "21201", Verdict::kFailed)};
  after.cases = {make_case("a", "21201", Verdict::kPassed)};
  before.coverage = {code("21201", CodeStatus::kFailed)};
  after.coverage = {code("21201", CodeStatus::kVerified)};
  const RunDiff d = diff_runs(before, after);
  EXPECT_FALSE(d.regressed());
  EXPECT_EQ(d.cases_passing.size(), 1u);
  EXPECT_TRUE(diff_runs(after, after).cases_passing.empty());
  EXPECT_FALSE(diff_runs(after, after).regressed());
}

TEST(RunDiff, ANewErrorIsARegression) {
  RunResult before, after;
  before.cases = {make_case("a", "21201", Verdict::kSkipped)};
  after.cases = {make_case("a", "21201", Verdict::kError)};
  EXPECT_TRUE(diff_runs(before, after).regressed());
}

}  // namespace
}  // namespace errcontract
