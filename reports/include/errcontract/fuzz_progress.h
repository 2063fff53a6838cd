// fuzz-api's progress line on a terminal: one line that overwrites itself
// ("\r" and clear-to-end-of-line) with the requests sent of the budget, the
// response classes and documented codes reached, the violations so far, the
// rate and the time left. The CLI draws it only on a terminal without -v, so
// logs get no control sequences.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "errcontract/api_fuzzer.h"

namespace errcontract {

class FuzzProgressLine {
 public:
  using Clock = std::chrono::steady_clock;

  FuzzProgressLine();
  ~FuzzProgressLine();
  FuzzProgressLine(const FuzzProgressLine&) = delete;
  FuzzProgressLine& operator=(const FuzzProgressLine&) = delete;

  // "\r\x1b[K" and the line when a redraw is due at `now` (the first time, at
  // most every 100 ms after, or `force`); "" otherwise.
  std::string draw(const FuzzProgress& progress, Clock::time_point now, bool force = false);
  // "\r\x1b[K" when a line is on screen (it is then gone), else "".
  std::string erase();

  // "fuzz-api: 4096/20000 requests, 1520 classes, 97/144 codes, 0 violations,
  // 9800 req/s, ETA 2s". The time left is the sooner of the request budget at
  // the rate so far and the --seconds limit; "?" before any request.
  static std::string text(const FuzzProgress& progress);

 private:
  struct Gate;
  std::unique_ptr<Gate> gate_;
};

}  // namespace errcontract
