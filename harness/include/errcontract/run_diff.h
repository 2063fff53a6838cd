// Two runs compared, case by case and code by code: what `errcontract report
// diff OLD.json NEW.json` prints (docs/reports.md), e.g. between nightly runs
// against staging.
#pragma once

#include <string>
#include <vector>

#include "errcontract/run_result.h"

namespace errcontract {

// What changed from one run to the next, case by case and code by code.
struct RunDiff {
  struct CaseChange {
    std::string case_id;
    std::string code;
    std::string before;  // a verdict, or "absent" for a case the old run did not have
    std::string after;   // a verdict, or "absent" for a case the new run does not have
  };
  struct CodeChange {
    std::string code;
    std::string before;  // a coverage status ("verified", "no_case"), or "absent"
    std::string after;
  };
  // A case or code lands in at most one list, by its new state: newly
  // failing (failed now, not before), newly error, newly passing, newly
  // skipped; cases only in the old run are `removed`.
  std::vector<CaseChange> cases_failing, cases_error, cases_passing, cases_skipped, cases_removed;
  // Codes by coverage status: newly failed, newly verified, newly skipped,
  // newly without a case.
  std::vector<CodeChange> codes_failing, codes_verified, codes_skipped, codes_no_case;

  // Something newly fails or errors: what makes `report diff` exit 1.
  bool regressed() const {
    return !cases_failing.empty() || !cases_error.empty() || !codes_failing.empty();
  }
};

RunDiff diff_runs(const RunResult& before, const RunResult& after);

}  // namespace errcontract
