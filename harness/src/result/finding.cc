#include "errcontract/finding.h"

#include <fmt/format.h>

#include <utility>

namespace errcontract {

Finding make_finding(FindingId id, std::string message, std::optional<std::size_t> offset,
                     std::string pointer) {
  return Finding{id, info(id).severity, std::move(message), offset, std::move(pointer)};
}

const char* to_string(Severity severity) {
  return severity == Severity::kError ? "error" : "warning";
}

std::string describe(const Finding& finding) {
  std::string where;
  if (finding.offset) where = fmt::format(" at byte {}", *finding.offset);
  if (!finding.pointer.empty()) where += fmt::format(" at {}", finding.pointer);
  return fmt::format("{} {}{}: {}", to_string(finding.severity), to_string(finding.id), where,
                     finding.message);
}

}  // namespace errcontract
