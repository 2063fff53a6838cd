// Plans and executes cases against a target: filters, sharding, a worker
// pool, and per case setup -> trigger -> checks -> teardown (teardown always).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/curl_command.h"
#include "errcontract/finding_ids.h"
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
  // --strict-status: a documented alternative status (status.alternative) is
  // an error, not a warning.
  bool strict_status = false;
  // --disable-check: findings with these ids are not reported and do not fail
  // a case (disable_check_problem() in finding_ids.h says which may be).
  std::set<FindingId> disabled_checks;
  bool allow_destructive = false;  // cases tagged "destructive" are skipped otherwise
  std::string base_path;           // the target's base path ("/uapi"): the echo may include it
  double rate = 0;                 // --rate: requests per second over all workers, 0 = no limit
  int throttle_retries = 5;        // 429 / 503 answers retried at most this many times a request
  int max_retry_after_ms = 10000;  // a longer Retry-After is not waited for (--timeout)
  // Whether the RunResult keeps the exchanges of passed cases (reporters see
  // them in on_case_end either way). Off, a long run holds per passed case
  // only its summary, so memory stays flat (docs/performance.md).
  bool keep_passed_exchanges = true;
  Fixtures fixtures;
  std::vector<std::string> secrets;  // more values redacted everywhere (secret --header values)
  std::string run_id;                // "" = generated; run_id_problem() says what may be given
  // --max-failures: once this many cases failed, no new case starts (0 = no
  // limit); the cases not started are skipped and RunResult says why.
  int max_failures = 0;
  // Where the curl commands of failed cases send to (the real target, with its
  // --header values); an empty base_url makes none.
  CurlTarget curl;
  std::string target_label;
};

// The cases that would run, in order (skips are decided at run time).
std::vector<const Case*> plan_cases(const CaseLibrary& library, const Catalog& catalog,
                                    const RunOptions& options);

// The selectors (of --only or --exclude) that match no case of the library:
// a misspelt selector, named by the CLI rather than running nothing.
std::vector<std::string> selectors_matching_nothing(const CaseLibrary& library,
                                                    const Catalog& catalog,
                                                    const std::vector<std::string>& selectors);

// Provided fixtures that no case of the library uses: most likely a
// misspelt name ("tokn"), which would otherwise leave the real fixture unset
// without a word. `hint` is " (did you mean \"token\"?)" for a near miss.
struct UnknownFixture {
  std::string name;
  std::string hint;
};
std::vector<UnknownFixture> unknown_fixtures(const CaseLibrary& library, const Fixtures& provided);

// Every "${uniq}" starts with this prefix, then the run id: the case library
// starts every name it creates with "${uniq}" (or a domain label, as in
// "www.${uniq}.example.com"), so a staging deployment can be swept of
// whatever the harness left by looking for names that start with it.
inline constexpr std::string_view kResourcePrefix = "errc";

// Why `id` cannot be a run id ("" when it can). The run id is in every
// "${uniq}", so it is what resource names are made of: lower-case letters,
// digits and '-', starting with a letter or digit, at most kMaxRunIdLength
// characters (a bucket name, "${uniq}b", may have 40).
inline constexpr std::size_t kMaxRunIdLength = 24;
std::string run_id_problem(std::string_view id);

using TransportFactory = std::function<std::unique_ptr<Transport>()>;

// Runs the plan. `stop` (may be null) is polled between cases: once true no
// new case starts, started cases finish their teardown, and the result is
// marked interrupted.
RunResult run_cases(const Catalog& catalog, const CaseLibrary& library,
                    const TransportFactory& make_transport, const RunOptions& options,
                    Reporter& reporter, const std::atomic<bool>* stop = nullptr);

}  // namespace errcontract
