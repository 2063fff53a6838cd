#include <fmt/format.h>

#include <algorithm>

#include "errcontract/fuzz_progress.h"
#include "progress_line.h"

namespace errcontract {

struct FuzzProgressLine::Gate : internal::RedrawGate {};

FuzzProgressLine::FuzzProgressLine() : gate_(std::make_unique<Gate>()) {}
FuzzProgressLine::~FuzzProgressLine() = default;

std::string FuzzProgressLine::draw(const FuzzProgress& progress, Clock::time_point now,
                                   bool force) {
  if (!gate_->due(now, force)) return "";
  return internal::RedrawGate::kErase + text(progress);
}

std::string FuzzProgressLine::erase() { return gate_->erase(); }

std::string FuzzProgressLine::text(const FuzzProgress& p) {
  const double rate = p.elapsed > 0 ? static_cast<double>(p.requests) / p.elapsed : 0.0;
  const bool spent =
      p.requests >= p.max_requests || (p.seconds_limit > 0 && p.elapsed >= p.seconds_limit);
  double left = rate > 0 ? static_cast<double>(p.max_requests - p.requests) / rate : 0;
  if (p.seconds_limit > 0) left = std::min(left, p.seconds_limit - p.elapsed);
  // One expression (see ProgressLine::text: g++ 12's false -Wmaybe-uninitialized).
  const std::string eta = spent                        ? std::string("0s")
                          : p.requests > 0 && rate > 0 ? internal::short_duration(left)
                                                       : std::string("?");
  return fmt::format(
      "fuzz-api: {}/{} requests, {} classes, {}/{} codes, {} violations, {:.0f} req/s, ETA {}",
      p.requests, p.max_requests, p.classes, p.codes_reached, p.codes_documented, p.violations,
      rate, eta);
}

}  // namespace errcontract
