#include "errcontract/fuzz_progress.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace errcontract {
namespace {

using std::chrono::milliseconds;

FuzzProgress at(std::size_t requests, double elapsed, std::size_t max_requests = 20000,
                double seconds_limit = 0) {
  FuzzProgress p;
  p.requests = requests;
  p.max_requests = max_requests;
  p.classes = 1520;
  p.codes_reached = 97;
  p.codes_documented = 144;
  p.violations = 2;
  p.elapsed = elapsed;
  p.seconds_limit = seconds_limit;
  return p;
}

TEST(FuzzProgressLine, ShowsTheBudgetReachRateAndTimeLeft) {
  EXPECT_EQ(FuzzProgressLine::text(at(4000, 0.5)),
            "fuzz-api: 4000/20000 requests, 1520 classes, 97/144 codes, 2 violations, 8000 req/s, "
            "ETA 2s");
}

TEST(FuzzProgressLine, TimeLeftIsUnknownBeforeAnyRequest) {
  EXPECT_EQ(FuzzProgressLine::text(at(0, 0)),
            "fuzz-api: 0/20000 requests, 1520 classes, 97/144 codes, 2 violations, 0 req/s, ETA ?");
}

TEST(FuzzProgressLine, TheSecondsLimitShortensTheTimeLeft) {
  // 100 req/s: the budget would take 190 s more, the limit ends it in 50.
  EXPECT_NE(FuzzProgressLine::text(at(1000, 10, 20000, 60)).find("ETA 50s"), std::string::npos);
  // A limit later than the budget changes nothing.
  EXPECT_NE(FuzzProgressLine::text(at(1000, 10, 2000, 600)).find("ETA 10s"), std::string::npos);
}

TEST(FuzzProgressLine, NothingIsLeftOnceTheBudgetOrTheLimitIsSpent) {
  EXPECT_NE(FuzzProgressLine::text(at(20000, 2)).find("ETA 0s"), std::string::npos);
  EXPECT_NE(FuzzProgressLine::text(at(100, 60, 20000, 60)).find("ETA 0s"), std::string::npos);
}

TEST(FuzzProgressLine, RedrawsAtMostEvery100MsUnlessForcedAndErasesOnce) {
  FuzzProgressLine line;
  const auto t0 = FuzzProgressLine::Clock::time_point{};
  EXPECT_EQ(line.erase(), "");  // nothing on screen yet
  EXPECT_EQ(line.draw(at(10, 1), t0), "\r\x1b[K" + FuzzProgressLine::text(at(10, 1)));
  EXPECT_EQ(line.draw(at(20, 1), t0 + milliseconds(99)), "");
  EXPECT_NE(line.draw(at(30, 1), t0 + milliseconds(99), /*force=*/true), "");
  EXPECT_NE(line.draw(at(40, 1), t0 + milliseconds(199)), "");
  EXPECT_EQ(line.erase(), "\r\x1b[K");
  EXPECT_EQ(line.erase(), "");
}

}  // namespace
}  // namespace errcontract
