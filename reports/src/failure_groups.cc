// Grouping is by the first error finding only: cases failing on the same
// check for the same cause usually share it, while the findings after it
// (code.mismatch after status.mismatch) vary with the case.
#include "failure_groups.h"

#include <fmt/format.h>

#include <algorithm>

#include "report_text.h"

namespace errcontract::internal {

std::string FailureGroups::key(const CaseResult& result) {
  if (result.verdict == Verdict::kError) {
    if (result.error_kind != TransportErrorKind::kNone) {
      return to_string(result.error_kind);
    }
    return result.reason;
  }
  const auto first_error =
      std::find_if(result.findings.begin(), result.findings.end(),
                   [](const Finding& f) { return f.severity == Severity::kError; });
  if (first_error != result.findings.end()) {
    return std::string(to_string(first_error->id));
  }
  if (!result.findings.empty()) return std::string(to_string(result.findings[0].id));
  return result.reason;
}

bool FailureGroups::admit(const CaseResult& result) {
  const std::string k = key(result);
  auto it = std::find_if(groups_.begin(), groups_.end(),
                         [&](const Group& g) { return g.verdict == result.verdict && g.key == k; });
  if (it == groups_.end()) {
    groups_.push_back(Group{result.verdict, k, 0, {}});
    it = std::prev(groups_.end());
  }
  ++it->count;
  if (it->examples.size() < shown_per_group_) it->examples.push_back(case_label(result));
  return it->count <= shown_per_group_;
}

std::vector<std::string> FailureGroups::summary_lines() const {
  std::vector<std::string> lines;
  for (const Group& g : groups_) {
    if (g.count <= shown_per_group_) continue;
    lines.push_back(fmt::format("{}: {} {} cases ({} not listed), e.g. {}; -v lists all", g.key,
                                g.count, g.verdict == Verdict::kError ? "errored" : "failed",
                                g.count - shown_per_group_, fmt::join(g.examples, ", ")));
  }
  return lines;
}

}  // namespace errcontract::internal
