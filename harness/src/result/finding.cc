#include "errcontract/finding.h"

#include <fmt/format.h>

namespace errcontract {

const char* to_string(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

std::string describe(const Finding& finding) {
  std::string where;
  if (finding.offset) where = fmt::format(" at byte {}", *finding.offset);
  if (!finding.pointer.empty()) where += fmt::format(" at {}", finding.pointer);
  return fmt::format("{} {}{}: {}", to_string(finding.severity), finding.id, where,
                     finding.message);
}

}  // namespace errcontract
