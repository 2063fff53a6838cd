// A Finding is one observed violation of the contract (or a warning), named by
// a stable id such as "body.duplicate_key" so that users can filter, count and
// suppress findings across versions. Checks produce findings; they never print.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace errcontract {

enum class Severity { kError, kWarning };

struct Finding {
  std::string id;  // stable id, e.g. "code.mismatch"
  Severity severity = Severity::kError;
  std::string message;                // what was expected and what was seen
  std::optional<std::size_t> offset;  // byte offset in the body, when known
  std::string pointer;                // JSON Pointer into the body, when known ("" = none)
};

inline bool has_errors(const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) return true;
  }
  return false;
}

const char* to_string(Severity severity);

// "error body.not_json at byte 12: ..." — the one-line form used by the CLI.
std::string describe(const Finding& finding);

}  // namespace errcontract
