// Groups a run's cases and the catalog coverage by module ("212 bucket"), the
// unit of the console table, the JUnit test suites and the Markdown table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/run_result.h"

namespace errcontract::internal {

// Level and module digits: "21402" -> "214"; kNoCodeKey for a case that
// names no code (one expecting the contract on a path no code lists).
inline constexpr std::string_view kNoCodeKey = "no code";
std::string module_key(std::string_view code);

struct ModuleSummary {
  std::string key;                       // module_key of the codes, e.g. "212"
  std::string name;                      // e.g. "bucket"
  std::vector<const CaseResult*> cases;  // in plan order
  int passed = 0, failed = 0, errors = 0, skipped = 0;
  double elapsed_ms = 0;  // sum over the module's cases
  int codes_total = 0;    // catalog codes of the module (documented and extensions)
  int codes_verified = 0;

  std::string label() const;  // "212 bucket"
};

// The modules that have at least one case in `result`, ordered by key.
std::vector<ModuleSummary> summarize_modules(const RunResult& result);

// Coverage of the documented codes (extensions are left out), as in
// "documented codes verified: X/144".
// The same for the (code, endpoint) pairs of the documented codes.
struct DocumentedCoverage {
  int documented = 0, verified = 0, failed = 0, skipped = 0, no_case = 0;
  int pairs = 0, pairs_verified = 0;
};
DocumentedCoverage count_documented_coverage(const RunResult& result);

}  // namespace errcontract::internal
