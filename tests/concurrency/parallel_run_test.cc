// The case library with 16 workers against one reference server, in-process
// and over real sockets on 127.0.0.1, and 16 workers sharing one --rate
// limit: every case passes, and the limit holds over all workers together.
#include <gtest/gtest.h>

#include "e2e_support.h"

namespace errcontract::e2e {
namespace {

constexpr int kJobs = 16;

void expect_all_passed(const RunResult& run, std::size_t planned) {
  ASSERT_EQ(run.cases.size(), planned);
  EXPECT_EQ(run.totals.passed, static_cast<int>(planned)) << describe_cases(run, true);
  EXPECT_EQ(run.totals.errors, 0);
  EXPECT_EQ(run_exit_code(run, false), 0);
}

TEST(ParallelRun, SixteenJobsInProcessPass) {
  ReferenceServer server(Catalog::builtin());
  expect_all_passed(run_library(server, Wire::kInProcess, {}, kJobs), library().cases.size());
}

TEST(ParallelRun, SixteenJobsOverSocketsPass) {
  ReferenceServer server(Catalog::builtin());
  ASSERT_TRUE(server.start("127.0.0.1", 0).ok());
  expect_all_passed(run_library(server, Wire::kSocket, {}, kJobs), library().cases.size());
}

TEST(ParallelRun, SixteenJobsShareOneRateLimit) {
  constexpr double kPerSecond = 100;
  ReferenceServer server(Catalog::builtin());
  ASSERT_TRUE(server.start("127.0.0.1", 0).ok());
  RunOptions options;
  options.only = {"bucket"};
  options.jobs = kJobs;
  options.rate = kPerSecond;
  options.fixtures = server.fixtures();
  options.allow_destructive = true;
  TargetOptions target;
  target.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  QuietReporter reporter;
  const RunResult run = run_cases(
      Catalog::builtin(), library(), [target] { return make_http_transport(target); }, options,
      reporter);

  ASSERT_GT(run.totals.requests, kJobs);
  EXPECT_EQ(run.totals.errors, 0) << describe_cases(run, true);
  EXPECT_EQ(run_exit_code(run, false), 0) << describe_cases(run, true);
  // One slot per request over all 16 workers: at least (requests-1)/rate.
  EXPECT_GE(run.elapsed_ms, (run.totals.requests - 1) * 1000.0 / kPerSecond);
}

}  // namespace
}  // namespace errcontract::e2e
