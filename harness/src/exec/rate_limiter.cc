#include "exec/rate_limiter.h"

#include <ctime>
#include <string>
#include <thread>

namespace errcontract::internal {

using Clock = std::chrono::steady_clock;

RateLimiter::RateLimiter(double per_second)
    : interval_(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(per_second > 0 ? 1.0 / per_second : 0.0))),
      next_(Clock::now()) {}

void RateLimiter::acquire() {
  Clock::time_point slot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = Clock::now();
    slot = next_ > now ? next_ : now;
    next_ = slot + interval_;
  }
  std::this_thread::sleep_until(slot);
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, long long now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  bool digits = value.size() <= 9;
  for (char c : value) digits = digits && c >= '0' && c <= '9';
  if (digits) return std::chrono::milliseconds(std::stoll(std::string(value)) * 1000);
  std::tm tm{};
  const std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  const long long at = static_cast<long long>(timegm(&tm));
  return std::chrono::milliseconds(at > now ? (at - now) * 1000 : 0);
}

bool is_throttled(const HttpRequest& request, const HttpResponse& response, long long now,
                  std::chrono::milliseconds& delay) {
  if (response.status != 429 && response.status != 503) return false;
  if (response.body.find("\"error_code\"") != std::string::npos) return false;
  const std::string* retry_after = find_header(response.headers, "Retry-After");
  std::optional<std::chrono::milliseconds> asked;
  if (retry_after != nullptr) asked = parse_retry_after(*retry_after, now);
  if (response.status == 503 && !asked) {
    const std::string& m = request.method;
    const bool idempotent =
        m == "GET" || m == "HEAD" || m == "PUT" || m == "DELETE" || m == "OPTIONS" || m == "TRACE";
    if (!idempotent) return false;
  }
  delay = asked.value_or(std::chrono::milliseconds(1000));
  return true;
}

}  // namespace errcontract::internal
