// The wall clock, in whole seconds: every limit the server applies is
// counted in seconds or more.
#include "model/clock.h"

#include <chrono>

namespace errcontract::internal {

std::int64_t SystemClock::now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace errcontract::internal
