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

// The judging half of compute_coverage, for rows that come from elsewhere
// (the coverage lists of saved reports, run_merge.h): sets each row's status
// and case ids, and each of its endpoints', from `cases`; the rest of each
// row (the catalog's message, status, endpoints) is kept as it is.
void judge_coverage(std::vector<CoverageEntry>& rows, const std::vector<CaseResult>& cases);

RunTotals compute_totals(const std::vector<CaseResult>& cases);

}  // namespace errcontract::internal
