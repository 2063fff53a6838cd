// The whole case library against a clean reference server, the way
// `errcontract run` without --target does it (a real socket on 127.0.0.1,
// every fixture seeded, destructive cases allowed): every case passes, and
// every code that has a case is verified in the coverage.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace errcontract::e2e {
namespace {

void expect_clean(const RunResult& run) {
  ASSERT_EQ(run.cases.size(), library().cases.size());
  EXPECT_EQ(run.totals.passed, static_cast<int>(run.cases.size())) << describe_cases(run);
  EXPECT_EQ(run.totals.failed + run.totals.errors + run.totals.skipped, 0);
  EXPECT_EQ(run_exit_code(run, false), 0);
  EXPECT_FALSE(run.interrupted);
  std::set<std::string> with_cases;
  for (const Case& c : library().cases) with_cases.insert(c.code);
  int verified = 0;
  for (const CoverageEntry& entry : run.coverage) {
    if (with_cases.count(entry.code) == 0) {
      EXPECT_EQ(entry.status, CodeStatus::kNoCase) << entry.code;
      continue;
    }
    EXPECT_EQ(entry.status, CodeStatus::kVerified) << entry.code;
    ++verified;
  }
  EXPECT_EQ(verified, static_cast<int>(with_cases.size()));
  for (const CaseResult& c : run.cases) {
    EXPECT_TRUE(c.leaks.empty()) << c.case_id << " leaked " << c.leaks.front();
    for (const Finding& f : c.findings) ADD_FAILURE() << c.case_id << ": " << describe(f);
  }
}

TEST(EmbeddedRun, FullLibraryPassesOverTheSocket) {
  ReferenceServer server(Catalog::builtin());
  ASSERT_TRUE(server.start("127.0.0.1", 0).ok());
  expect_clean(run_library(server, Wire::kSocket));
}

TEST(EmbeddedRun, FullLibraryPassesInProcess) {
  ReferenceServer server(Catalog::builtin());
  expect_clean(run_library(server, Wire::kInProcess, {}, 8));
}

}  // namespace
}  // namespace errcontract::e2e
