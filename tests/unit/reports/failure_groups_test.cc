#include "failure_groups.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "report_test_support.h"

namespace errcontract::internal {
namespace {

CaseResult failing(const std::string& id, FindingId first) {
  CaseResult c = testing::make_case(id, "21402", "operator", "", Verdict::kFailed, 1);
  c.findings.push_back({FindingId::kMessageMismatch, Severity::kWarning, "a warning", {}, ""});
  c.findings.push_back({first, Severity::kError, "first error", {}, ""});
  c.findings.push_back({FindingId::kCodeMismatch, Severity::kError, "second error", {}, ""});
  return c;
}

TEST(FailureGroups, KeyIsTheFirstErrorFindingOrTheErrorKind) {
  EXPECT_EQ(FailureGroups::key(failing("a", FindingId::kStatusMismatch)), "status.mismatch");
  CaseResult refused = testing::make_case("b", "21201", "bucket", "", Verdict::kError, 1);
  refused.reason = "connection refused to 127.0.0.1:9";
  refused.error_kind = TransportErrorKind::kRefused;
  EXPECT_EQ(FailureGroups::key(refused), to_string(TransportErrorKind::kRefused));
  refused.error_kind = TransportErrorKind::kNone;
  EXPECT_EQ(FailureGroups::key(refused), "connection refused to 127.0.0.1:9");
}

TEST(FailureGroups, AdmitsTheFirstFewOfEachGroupAndCountsTheRest) {
  FailureGroups groups(2);
  std::vector<bool> admitted;
  for (int i = 0; i < 5; ++i) {
    admitted.push_back(groups.admit(failing("s" + std::to_string(i), FindingId::kStatusMismatch)));
  }
  admitted.push_back(groups.admit(failing("c0", FindingId::kCodeMismatch)));
  EXPECT_EQ(admitted, (std::vector<bool>{true, true, false, false, false, true}));
  EXPECT_EQ(groups.summary_lines(),
            (std::vector<std::string>{"status.mismatch: 5 failed cases (3 not listed), e.g. 21402 "
                                      "s0, 21402 s1; -v lists all"}));
}

TEST(FailureGroups, FailuresAndErrorsAreApartEvenWithOneKey) {
  FailureGroups groups(1);
  CaseResult failed = testing::make_case("f", "21402", "operator", "", Verdict::kFailed, 1);
  failed.reason = "same words";
  CaseResult errored = failed;
  errored.verdict = Verdict::kError;
  EXPECT_TRUE(groups.admit(failed));
  EXPECT_TRUE(groups.admit(errored));
  EXPECT_FALSE(groups.admit(errored));
  EXPECT_EQ(groups.summary_lines(),
            (std::vector<std::string>{
                "same words: 2 errored cases (1 not listed), e.g. 21402 f; -v lists all"}));
}

TEST(FailureGroups, NoSummaryWhenEveryLineWasShown) {
  FailureGroups groups(3);
  EXPECT_TRUE(groups.admit(failing("a", FindingId::kStatusMismatch)));
  EXPECT_TRUE(groups.admit(failing("b", FindingId::kStatusMismatch)));
  EXPECT_TRUE(groups.summary_lines().empty());
}

}  // namespace
}  // namespace errcontract::internal
