// step.status: a setup or teardown step's status against its expect.status,
// or any 2xx when it gives none. Not in the response table: the runner calls
// it for each step, and lowers it to a warning in teardown.
#include <fmt/format.h>

#include <algorithm>

#include "checks/check.h"

namespace errcontract::internal {

std::optional<Finding> check_step_status(int status, const std::vector<int>& accepted,
                                         std::string_view phase, std::string_view request_line) {
  if (accepted.empty() ? (status >= 200 && status <= 299)
                       : std::find(accepted.begin(), accepted.end(), status) != accepted.end()) {
    return std::nullopt;
  }
  const std::string expected = accepted.empty() ? std::string("2xx") : join_statuses(accepted);
  return make_finding(FindingId::kStepStatus, fmt::format("{} {}: expected HTTP status {}, got {}",
                                                          phase, request_line, expected, status));
}

}  // namespace errcontract::internal
