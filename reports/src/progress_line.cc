// Cases are counted as they end; the time left is the average time per case
// so far times the cases left (parallel workers included in the average).
#include "progress_line.h"

#include <fmt/format.h>

namespace errcontract::internal {

std::string short_duration(double seconds) {
  const long long s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
}

bool RedrawGate::due(Clock::time_point now, bool force) {
  if (!force && drawn_once_ && now - last_draw_ < kMinRedraw) return false;
  drawn_once_ = true;
  last_draw_ = now;
  shown_ = true;
  return true;
}

std::string RedrawGate::erase() {
  if (!shown_) return "";
  shown_ = false;
  return kErase;
}

void ProgressLine::count(const CaseResult& result) {
  ++done_;
  if (result.verdict == Verdict::kFailed) ++failed_;
  if (result.verdict == Verdict::kError) ++errors_;
  requests_ += result.requests();
}

std::string ProgressLine::text(Clock::duration elapsed) const {
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double rate = seconds > 0 ? static_cast<double>(requests_) / seconds : 0.0;
  // Chosen in one expression: assigning a literal to a string declared with
  // another gives g++ 12 at -O3 a false -Wmaybe-uninitialized.
  const std::string eta = done_ >= total_ ? std::string("0s")
                          : done_ > 0     ? short_duration(seconds / static_cast<double>(done_) *
                                                           static_cast<double>(total_ - done_))
                                          : std::string("?");
  return fmt::format("{}/{} cases, {} failed, {} errors, {:.0f} req/s, ETA {}", done_, total_,
                     failed_, errors_, rate, eta);
}

std::string ProgressLine::draw(Clock::time_point now, bool force) {
  if (!gate_.due(now, force)) return "";
  return kErase + text(now - start_);
}

std::string ProgressLine::erase() { return gate_.erase(); }

}  // namespace errcontract::internal
