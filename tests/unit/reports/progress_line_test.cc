#include "progress_line.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "report_test_support.h"

namespace errcontract::internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

CaseResult ended(Verdict verdict, int requests) {
  CaseResult c = testing::make_case("a", "11001", "system", "", verdict, 1);
  Exchange e;
  e.attempts = requests;
  c.exchanges.push_back(e);
  return c;
}

TEST(ProgressLine, ShowsDoneFailuresRateAndTimeLeft) {
  const auto start = ProgressLine::Clock::time_point{};
  ProgressLine line(10, start);
  EXPECT_EQ(line.text(seconds(0)), "0/10 cases, 0 failed, 0 errors, 0 req/s, ETA ?");
  line.count(ended(Verdict::kFailed, 6));
  line.count(ended(Verdict::kPassed, 2));
  line.count(ended(Verdict::kError, 2));
  line.count(ended(Verdict::kSkipped, 0));
  // 4 of 10 in 2 s: 6 left at 0.5 s each.
  EXPECT_EQ(line.text(seconds(2)), "4/10 cases, 1 failed, 1 errors, 5 req/s, ETA 3s");
  EXPECT_EQ(line.text(seconds(200)), "4/10 cases, 1 failed, 1 errors, 0 req/s, ETA 5m00s");
}

TEST(ProgressLine, RedrawsAtMostEveryHundredMillisecondsUnlessForced) {
  const auto start = ProgressLine::Clock::time_point{};
  ProgressLine line(3, start);
  line.count(ended(Verdict::kPassed, 1));
  EXPECT_EQ(line.draw(start + milliseconds(1000)),
            "\r\x1b[K1/3 cases, 0 failed, 0 errors, 1 req/s, ETA 2s");
  line.count(ended(Verdict::kPassed, 1));
  EXPECT_EQ(line.draw(start + milliseconds(1050)), "");
  EXPECT_NE(line.draw(start + milliseconds(1050), /*force=*/true), "");
  EXPECT_EQ(line.draw(start + milliseconds(1100)), "");
  EXPECT_NE(line.draw(start + milliseconds(1150)), "");
}

TEST(ProgressLine, EraseOnlyWhenALineIsShown) {
  const auto start = ProgressLine::Clock::time_point{};
  ProgressLine line(1, start);
  EXPECT_EQ(line.erase(), "");
  line.draw(start);
  EXPECT_EQ(line.erase(), "\r\x1b[K");
  EXPECT_EQ(line.erase(), "");
}

}  // namespace
}  // namespace errcontract::internal
