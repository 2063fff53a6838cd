// Plans and executes cases against a target: filters, sharding, a worker
// pool, and per case setup -> trigger -> checks -> teardown (teardown always).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/reporter.h"
#include "errcontract/run_result.h"
#include "errcontract/template.h"

namespace errcontract {

struct RunOptions {
  // Each selector matches a case id, a code ("21402"), a module ("12" or
  // "bucket") or a tag. A case runs if it matches some --only (or there is
  // none) and no --exclude.
  std::vector<std::string> only;
  std::vector<std::string> exclude;
  int shard_index = 0;  // --shard K/N: runs cases whose plan position % N == K-1
  int shard_count = 1;
  int jobs = 4;
  int retries = 0;  // transport errors only
  bool lenient = false;
  bool allow_destructive = false;  // cases tagged "destructive" are skipped otherwise
  // Whether the RunResult keeps the exchanges of passed cases (reporters see
  // them in on_case_end either way). Off, a long run holds per passed case
  // only its summary, so memory stays flat (docs/performance.md).
  bool keep_passed_exchanges = true;
  Fixtures fixtures;
  std::string run_id;  // "" = generated
  std::string target_label;
};

// The cases that would run, in order (skips are decided at run time).
std::vector<const Case*> plan_cases(const CaseLibrary& library, const Catalog& catalog,
                                    const RunOptions& options);

using TransportFactory = std::function<std::unique_ptr<Transport>()>;

// Runs the plan. `stop` (may be null) is polled between cases: once true no
// new case starts, started cases finish their teardown, and the result is
// marked interrupted.
RunResult run_cases(const Catalog& catalog, const CaseLibrary& library,
                    const TransportFactory& make_transport, const RunOptions& options,
                    Reporter& reporter, const std::atomic<bool>* stop = nullptr);

}  // namespace errcontract
