// The exit-code policy, in one place for the command line (every subcommand)
// and the reports that record it: 0 all good, 1 the
// contract is broken (or an envelope is invalid, or a run was interrupted or
// fell short of --min-coverage), 2 bad command line or input file, 3 the
// target could not be reached.
#pragma once

#include "errcontract/run_result.h"

namespace errcontract {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitUnreachable = 3;

// `short_of_coverage`: --min-coverage was given and not reached. An
// interrupted run or one short of coverage never exits 0, and an
// unreachable target keeps its own code.
inline int run_exit_code(const RunResult& result, bool short_of_coverage) {
  switch (result.outcome()) {
    case RunOutcome::kUnreachable:
      return kExitUnreachable;
    case RunOutcome::kFailed:
      return kExitFailure;
    case RunOutcome::kPassed:
      break;
  }
  return result.interrupted || short_of_coverage ? kExitFailure : kExitOk;
}

}  // namespace errcontract
