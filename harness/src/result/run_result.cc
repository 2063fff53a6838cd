// Names of the result model's enums and the run's exit code.
#include "errcontract/run_result.h"

namespace errcontract {

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPassed:
      return "passed";
    case Verdict::kFailed:
      return "failed";
    case Verdict::kError:
      return "error";
    case Verdict::kSkipped:
      return "skipped";
  }
  return "error";
}

const char* to_string(CodeStatus status) {
  switch (status) {
    case CodeStatus::kVerified:
      return "verified";
    case CodeStatus::kFailed:
      return "failed";
    case CodeStatus::kSkipped:
      return "skipped";
    case CodeStatus::kNoCase:
      return "no_case";
  }
  return "no_case";
}

// Skipped cases do not count either way: a run whose every executed case
// could not reach the target is "unreachable", even if some cases were
// skipped for missing fixtures; one passed or failed case makes it "failed".
RunOutcome RunResult::outcome() const {
  bool any_bad = false;
  bool all_unreachable = true;
  for (const auto& c : cases) {
    switch (c.verdict) {
      case Verdict::kSkipped:
        break;
      case Verdict::kPassed:
        all_unreachable = false;
        break;
      case Verdict::kFailed:
        any_bad = true;
        all_unreachable = false;
        break;
      case Verdict::kError:
        any_bad = true;
        if (!is_unreachable(c.error_kind)) all_unreachable = false;
        break;
    }
  }
  if (!unreachable.empty()) return RunOutcome::kUnreachable;  // stopped early
  // An interrupted run never passes: not everything ran.
  if (!any_bad) return interrupted ? RunOutcome::kFailed : RunOutcome::kPassed;
  return all_unreachable ? RunOutcome::kUnreachable : RunOutcome::kFailed;
}

}  // namespace errcontract
