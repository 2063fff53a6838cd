// The reference server's notion of time. Rate limits (whole-site purges) and
// expiries (access tokens, domain verification hashes) read it, and tests
// replace it with a ManualClock they can move forward.
#pragma once

#include <atomic>
#include <cstdint>

namespace errcontract::internal {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start = 1'700'000'000) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_ += seconds; }
  void set(std::int64_t seconds) { now_ = seconds; }

 private:
  std::atomic<std::int64_t> now_;
};

}  // namespace errcontract::internal
