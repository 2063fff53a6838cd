// Network pacing shared by all workers of a run: --rate (at most N requests
// a second, spaced evenly) and the Retry-After of throttling answers.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string_view>

#include "errcontract/http.h"

namespace errcontract::internal {

// Thread-safe: each acquire() takes the next free slot, 1/N s after the
// previous one, and sleeps until it.
class RateLimiter {
 public:
  explicit RateLimiter(double per_second);
  void acquire();

 private:
  std::mutex mu_;
  std::chrono::steady_clock::duration interval_;
  std::chrono::steady_clock::time_point next_;
};

// The delay a Retry-After value asks for: delta-seconds or an HTTP-date
// (relative to `now`, a time_t). nullopt when it is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, long long now);

// Whether a response is the target (or a gateway in front of it) asking to
// come back later, rather than an answer to check: 429, or 503 with
// Retry-After, or 503 without it for an idempotent method. An error envelope
// in the body ("error_code") is the API's own answer and is never retried.
// `delay` is set to the wait (Retry-After, else 1 s).
bool is_throttled(const HttpRequest& request, const HttpResponse& response, long long now,
                  std::chrono::milliseconds& delay);

}  // namespace errcontract::internal
