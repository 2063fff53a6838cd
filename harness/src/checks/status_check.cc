// status.mismatch: the trigger's HTTP status against the case's expect.status,
// else the catalog's status for the expected code. status.alternative: no
// expect.status and the status is one the catalog documents as an alternative
// for the code (21103: 403, or 429): a warning, so a server that answers it
// still conforms, and an error under --strict-status. A case's own
// expect.status is exact: alternatives do not widen it.
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

namespace {

bool contains(const std::vector<int>& statuses, int status) {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

}  // namespace

std::optional<Finding> check_status(int status, const std::vector<int>& accepted,
                                    std::string_view code, const Catalog& catalog, bool strict) {
  if (!accepted.empty()) {
    if (contains(accepted, status)) return std::nullopt;
    return make_finding(FindingId::kStatusMismatch,
                        fmt::format("expected HTTP status {} (the case's expect.status), got {}",
                                    join_statuses(accepted), status));
  }
  const CodeEntry* entry = catalog.find(code);
  if (entry == nullptr || entry->status == 0) return std::nullopt;  // nothing to compare with
  if (status == entry->status) return std::nullopt;
  if (contains(entry->status_alternatives, status)) {
    Finding f = make_finding(
        FindingId::kStatusAlternative,
        fmt::format("HTTP status {} is a documented alternative for {}, whose status is {}{}",
                    status, code, entry->status,
                    strict ? " (an error under --strict-status)" : ""));
    f.severity = strict ? Severity::kError : Severity::kWarning;
    return f;
  }
  std::vector<int> expected{entry->status};
  expected.insert(expected.end(), entry->status_alternatives.begin(),
                  entry->status_alternatives.end());
  return make_finding(
      FindingId::kStatusMismatch,
      fmt::format("expected HTTP status {} (the catalog's status for {}{}), got {}",
                  join_statuses(expected), code,
                  entry->status_alternatives.empty() ? "" : " and its alternatives", status));
}

void run_status_check(const CheckInput& in, CheckState&, std::vector<Finding>& out) {
  if (in.response == nullptr || in.catalog == nullptr) return;
  if (auto f = check_status(in.response->status, in.statuses, in.expect.code.value_or(""),
                            *in.catalog, in.strict_status)) {
    out.push_back(std::move(*f));
  }
}

}  // namespace errcontract::internal
