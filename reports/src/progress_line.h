// The console's progress line on a terminal: one line that overwrites itself
// ("\r" and clear-to-end-of-line) with the cases done, failures so far,
// requests per second and the time left. Built only from what the reporter
// sees (the cases that ended); never used when the console is not a
// terminal, so CI logs get no control sequences.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "errcontract/run_result.h"

namespace errcontract::internal {

// "14s", "3m05s", "2h07m".
std::string short_duration(double seconds);

// When a self-overwriting line is redrawn (the first time, then at most every
// kMinRedraw unless forced, so a fast run does not flood the terminal) and
// whether one is on screen. Shared by run's and fuzz-api's progress lines.
class RedrawGate {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kMinRedraw{100};
  static constexpr const char* kErase = "\r\x1b[K";

  // Whether to draw now; when it says yes, a line is on screen afterwards.
  bool due(Clock::time_point now, bool force);
  // kErase when a line is on screen (it is then gone), else "".
  std::string erase();

 private:
  bool shown_ = false;
  bool drawn_once_ = false;
  Clock::time_point last_draw_{};
};

class ProgressLine {
 public:
  using Clock = RedrawGate::Clock;
  static constexpr std::chrono::milliseconds kMinRedraw = RedrawGate::kMinRedraw;
  static constexpr const char* kErase = RedrawGate::kErase;

  ProgressLine(std::size_t total, Clock::time_point start) : total_(total), start_(start) {}

  // Counts a case that ended.
  void count(const CaseResult& result);

  // kErase and the line when a redraw is due at `now` (none drawn yet, the
  // last one kMinRedraw ago, or `force`); "" otherwise.
  std::string draw(Clock::time_point now, bool force = false);

  // kErase when a line is on screen (it is then gone), else "".
  std::string erase();

  // "12/179 cases, 2 failed, 0 errors, 35 req/s, ETA 14s" after `elapsed`.
  std::string text(Clock::duration elapsed) const;

 private:
  std::size_t total_;
  Clock::time_point start_;
  std::size_t done_ = 0;
  int failed_ = 0, errors_ = 0;
  long long requests_ = 0;
  RedrawGate gate_;
};

}  // namespace errcontract::internal
