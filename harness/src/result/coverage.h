// Coverage of the error table: for every catalog code, whether the run
// verified it, saw it fail, could only skip it, or had no case for it.
#pragma once

#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/run_result.h"

namespace errcontract::internal {

// One entry per catalog code, in code order, with one entry per endpoint of
// the code. A code (or a code's endpoint) is failed if any of its cases
// failed or errored, verified if at least one passed (and none failed),
// skipped if it had cases and all were skipped, no case otherwise.
std::vector<CoverageEntry> compute_coverage(const Catalog& catalog,
                                            const std::vector<CaseResult>& cases);

RunTotals compute_totals(const std::vector<CaseResult>& cases);

}  // namespace errcontract::internal
