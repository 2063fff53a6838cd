// A Finding is one observed violation of the contract (or a warning), named by
// a stable id from the table in finding_ids.h (such as body.duplicate_key) so
// that users can filter, count and disable findings across versions. Checks
// produce findings; they never print.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "errcontract/finding_ids.h"

namespace errcontract {

struct Finding {
  FindingId id;  // stable id, e.g. FindingId::kCodeMismatch ("code.mismatch")
  Severity severity = Severity::kError;
  std::string message;                // what was expected and what was seen
  std::optional<std::size_t> offset;  // byte offset in the body, when known
  std::string pointer;                // JSON Pointer into the body, when known ("" = none)
};

// The one way findings are made: the severity is the table's (the caller
// lowers it for --lenient or a teardown step).
Finding make_finding(FindingId id, std::string message,
                     std::optional<std::size_t> offset = std::nullopt, std::string pointer = {});

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
