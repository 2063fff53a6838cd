#include "module_summary.h"

#include <gtest/gtest.h>

#include "report_test_support.h"

namespace errcontract::internal {
namespace {

TEST(ModuleSummary, GroupsCasesByLevelAndModuleInCodeOrder) {
  const RunResult run = errcontract::testing::sample_run_result();
  const std::vector<ModuleSummary> modules = summarize_modules(run);
  ASSERT_EQ(modules.size(), 3u);
  EXPECT_EQ(modules[0].label(), "110 system");
  EXPECT_EQ(modules[1].label(), "212 bucket");
  EXPECT_EQ(modules[2].label(), "214 operator");
  EXPECT_EQ(modules[1].cases.size(), 2u);
  EXPECT_EQ(modules[1].errors, 1);
  EXPECT_EQ(modules[1].skipped, 1);
  EXPECT_DOUBLE_EQ(modules[1].elapsed_ms, 30);
  EXPECT_EQ(modules[2].codes_total, 3);
  EXPECT_EQ(modules[2].codes_verified, 1);
}

TEST(ModuleSummary, ModulesWithoutCasesAreLeftOut) {
  RunResult run = errcontract::testing::sample_run_result();
  CoverageEntry binding;
  binding.code = "21501";
  binding.module_name = "binding";
  run.coverage.push_back(binding);
  EXPECT_EQ(summarize_modules(run).size(), 3u);
}

TEST(ModuleSummary, NameFallsBackToCoverageThenKey) {
  RunResult run = errcontract::testing::sample_run_result();
  run.cases[0].module_name.clear();
  run.cases[3].code = "2";
  const std::vector<ModuleSummary> modules = summarize_modules(run);
  EXPECT_EQ(modules[0].label(), "110 system");  // from coverage
  EXPECT_EQ(modules[1].label(), "2 bucket");    // a short code keeps its own group
}

TEST(ModuleSummary, CasesWithNoCodeAreAGroupOfTheirOwn) {
  RunResult run = errcontract::testing::sample_run_result();
  run.cases[0].code.clear();
  run.cases[0].module_name.clear();
  const std::vector<ModuleSummary> modules = summarize_modules(run);
  ASSERT_EQ(modules.size(), 3u);             // the case was the system module's only one
  EXPECT_EQ(modules[2].label(), "no code");  // after every module
  EXPECT_EQ(modules[2].cases.size(), 1u);
  EXPECT_EQ(modules[2].codes_total, 0);
}

TEST(DocumentedCoverage, CountsTableCodesOnly) {
  const DocumentedCoverage c = count_documented_coverage(errcontract::testing::sample_run_result());
  EXPECT_EQ(c.documented, 6);
  EXPECT_EQ(c.verified, 1);
  EXPECT_EQ(c.failed, 2);
  EXPECT_EQ(c.skipped, 1);
  EXPECT_EQ(c.no_case, 2);
}

}  // namespace
}  // namespace errcontract::internal
