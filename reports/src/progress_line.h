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

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  // Redrawn at most this often, so a fast run does not flood the terminal.
  static constexpr std::chrono::milliseconds kMinRedraw{100};
  static constexpr const char* kErase = "\r\x1b[K";

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
  bool shown_ = false;
  bool drawn_once_ = false;
  Clock::time_point last_draw_{};
};

}  // namespace errcontract::internal
