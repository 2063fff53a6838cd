// One RateLimiter shared by many workers (what --rate does for a whole run):
// every acquire() gets its own slot, so N acquisitions at R per second take
// at least (N-1)/R seconds however many threads ask at once, and none is lost.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "exec/rate_limiter.h"

namespace errcontract::internal {
namespace {

using Clock = std::chrono::steady_clock;

TEST(RateLimiterConcurrency, SixteenWorkersShareOnePace) {
  constexpr int kWorkers = 16;
  constexpr int kEach = 10;
  constexpr double kPerSecond = 200;
  RateLimiter limiter(kPerSecond);
  std::atomic<int> acquired{0};
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        limiter.acquire();
        acquired.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  for (std::thread& t : workers) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

  EXPECT_EQ(acquired.load(), kWorkers * kEach);
  // 160 slots 5 ms apart: the last is 795 ms after the first. Two workers
  // given one slot would end sooner.
  EXPECT_GE(elapsed, (kWorkers * kEach - 1) / kPerSecond);
}

TEST(RateLimiterConcurrency, WithoutARateNoWorkerWaits) {
  RateLimiter limiter(0);
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int w = 0; w < 16; ++w) {
    workers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) limiter.acquire();
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 5.0);
}

}  // namespace
}  // namespace errcontract::internal
