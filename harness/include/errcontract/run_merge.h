// Results of several runs joined into one: what `errcontract report merge`
// does with saved JSON reports (docs/reports.md), kept here so that it is
// tested without files.
#pragma once

#include <string>
#include <vector>

#include "errcontract/result.h"
#include "errcontract/run_result.h"

namespace errcontract {

struct MergeInput {
  std::string file;  // where the result was read from, for errors
  RunResult result;
};

struct MergeOptions {
  // A case id in two inputs is kept twice (several runs of one library)
  // instead of being refused.
  bool allow_duplicates = false;
};

// One result as a single run of the inputs' cases would have given it:
// - cases: in plan order when the inputs are distinct shards K/N of one N
//   (the shards' round-robin undone), else in input order;
// - coverage: the codes of the inputs' coverage lists (the catalog's rows),
//   each judged again from the merged cases as compute_coverage does;
// - totals recomputed (throttled answers summed); elapsed_ms the sum of the
//   inputs'; started_at the earliest; run_id and target the distinct values
//   joined ("r1+r2"); interrupted if any input was; fixture notes and
//   disabled checks joined.
// Refused (kInvalidInput naming both files): digests that differ, or are
// missing; a case id in two inputs, unless allowed. No inputs: kInvalidArgument.
Result<RunResult> merge_runs(const std::vector<MergeInput>& inputs, const MergeOptions& options);

}  // namespace errcontract
