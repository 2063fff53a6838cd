// fuzz-api's minimisation of a violation's reproducer: the differences
// between the violating request and the baseline it was mutated from, as a
// list of independent changes (method, path, auth, each query, form, header
// or top-level JSON member by name, the whole body, content type, raw body),
// and a greedy search, one change at a time reverted towards the baseline,
// for the fewest changes that still show the violation. Every attempt is a
// real request, made through a probe the fuzz loop supplies; nothing here is
// random, so minimisation keeps the fuzzer's determinism.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "errcontract/api_fuzzer.h"
#include "errcontract/case.h"

namespace errcontract::internal {

enum class ChangeKind {
  kMethod,
  kPath,
  kAuth,  // the auth fixture and every Authorization header
  kQuery,
  kHeader,
  kForm,
  kJsonMember,
  kBody,  // the body kind differs (or a JSON body is not an object): all of it
  kContentType,
  kRaw,
};

// One way a request differs from its baseline. `name` is the parameter,
// header or member name for the kinds that have one.
struct RequestChange {
  ChangeKind kind;
  std::string name;
};

// The differences, in a fixed order (method, path, auth, query, headers,
// body), parameters in the order they first appear.
std::vector<RequestChange> request_changes(const RequestSpec& from, const RequestSpec& to);

// `from` with the changes listed taken from `to`. With every change of
// request_changes(from, to) it sends what `to` sends (a parameter or member
// may move within its list).
RequestSpec with_changes(const RequestSpec& from, const RequestSpec& to,
                         const std::vector<RequestChange>& changes);

// What a change sets, as a person reads it: "query bucket_name removed",
// "form quota=\"2147483648\"", "method FOO". Long values are cut short with
// their length, other bytes than printable ASCII written \xNN.
std::string describe_change(const RequestChange& change, const RequestSpec& to);

enum class Probe {
  kShows,    // the response showed the same violation (finding and code)
  kDoesNot,  // it did not
  kStop,     // not sent: the budget, the time or a stop
};
using ProbeFn = std::function<Probe(const RequestSpec&)>;

struct Minimised {
  RequestSpec request;              // the smallest that showed it (the original if none)
  std::vector<RequestChange> kept;  // its changes from the baseline
  std::size_t changes = 0;          // the original's changes from the baseline
  std::size_t attempts = 0;         // probes sent
  bool reproduced = false;          // the original showed it again
  bool stopped = false;             // the attempts or the budget ran out first
};

// Sends `sent` once more; when it shows the violation again, reverts its
// changes towards `baseline` one at a time, keeping each reversion that
// still shows it, pass after pass until a pass drops nothing. At most
// `max_attempts` probes.
Minimised minimise_request(const RequestSpec& baseline, const RequestSpec& sent,
                           const ProbeFn& probe, std::size_t max_attempts);

// Where a violation's request came from, kept by the fuzz loop beside it.
struct ViolationOrigin {
  RequestSpec sent;                       // concrete, as sent
  const RequestSpec* baseline = nullptr;  // concrete; null: none (setup, --corpus)
  std::string key;                        // what deduplicates it: "endpoint|finding|code"
  std::ptrdiff_t resource = -1;  // the made resource it acts on (an undo ledger index), or -1
};

struct MinimiseLimits {
  std::size_t per_violation = 64;
  std::size_t total = 1000;
};

// Minimises each violation that has a reproducer and a baseline, in order;
// `probe(i, request)` sends one attempt for violation `i` and says whether
// it showed the same violation (the same endpoint, finding and code). Sets each one's
// request (through `refer(i, request)`, which writes fixture values and the
// baseline's captures as references),
// mutation, minimise_note and counts, and the run's figures in `result`.
void minimise_violations(FuzzResult& result, const std::vector<ViolationOrigin>& origins,
                         const std::function<Probe(std::size_t, const RequestSpec&)>& probe,
                         const std::function<RequestSpec(std::size_t, const RequestSpec&)>& refer,
                         const MinimiseLimits& limits);

}  // namespace errcontract::internal
