// status.mismatch: the trigger's HTTP status against the case's expect.status,
// else the catalog's status for the expected code (status_alternatives are
// documentation only: a case or profile that accepts one must say so).
#include <fmt/format.h>

#include <algorithm>

#include "checks/check.h"

namespace errcontract::internal {

std::string join_statuses(const std::vector<int>& statuses) {
  std::string out;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (i > 0) out += i + 1 == statuses.size() ? " or " : ", ";
    out += std::to_string(statuses[i]);
  }
  return out;
}

std::optional<Finding> check_status(int status, const std::vector<int>& accepted,
                                    std::string_view code, const Catalog& catalog) {
  std::vector<int> expected = accepted;
  std::string source = "the case's expect.status";
  if (expected.empty()) {
    const CodeEntry* entry = catalog.find(code);
    if (entry == nullptr || entry->status == 0) return std::nullopt;  // nothing to compare with
    expected.push_back(entry->status);
    source = fmt::format("the catalog's status for {}", code);
  }
  if (std::find(expected.begin(), expected.end(), status) != expected.end()) return std::nullopt;
  return make_finding(
      FindingId::kStatusMismatch,
      fmt::format("expected HTTP status {} ({}), got {}", join_statuses(expected), source, status));
}

void run_status_check(const CheckInput& in, CheckState&, std::vector<Finding>& out) {
  if (in.response == nullptr || in.catalog == nullptr) return;
  if (auto f = check_status(in.response->status, in.statuses, in.expect.code.value_or(""),
                            *in.catalog)) {
    out.push_back(std::move(*f));
  }
}

}  // namespace errcontract::internal
