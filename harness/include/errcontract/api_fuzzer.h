// errcontract fuzz-api's engine: requests generated from the case library's
// trigger requests (the baselines) by mutation, every response held to the
// error contract (check_contract_response), the error table as the coverage
// map. A response class is (endpoint, status, error_code, finding ids); an
// input whose response opens a new class joins the corpus and is mutated
// further. Deterministic: the same seed against a fresh reference server
// sends the same requests (with jobs 1; more jobs keep each batch's requests
// but may see the server's state change in another order).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/template.h"

namespace errcontract {

// Where a fuzzing run stands: what fuzz-api's progress line on a terminal
// shows.
struct FuzzProgress {
  std::size_t requests = 0;
  std::size_t max_requests = 0;
  std::size_t classes = 0;
  std::size_t codes_reached = 0;     // documented codes some response carried
  std::size_t codes_documented = 0;  // of the catalog (Catalog::documented_count)
  std::size_t violations = 0;
  double elapsed = 0;        // seconds since the run started
  double seconds_limit = 0;  // FuzzOptions::seconds (0: none)
};
using ProgressObserver = std::function<void(const FuzzProgress&)>;

struct FuzzOptions {
  std::uint64_t seed = 1;
  std::size_t max_requests = 1000;  // every request sent, setup and teardown included
  double seconds = 0;               // 0: no time limit
  int jobs = 1;
  bool allow_destructive = false;  // also use cases tagged destructive as baselines
  std::string base_path;           // the target's base path, which a request echo may carry
  std::string run_id = "fuzz";     // ${run}, and the stem of every ${uniq}
  bool lenient = false;            // a numeric error_code, a non-JSON Content-Type: warnings
  bool strict_status = false;      // a documented alternative status: a violation
  double rate = 0;                 // requests per second over all workers, 0 = no limit
  int throttle_retries = 5;        // 429 / 503 answers sent again at most this many times
  int max_retry_after_ms = 10000;  // a longer Retry-After is not waited for
  // --corpus: entries of an earlier run's corpus (values from fixtures as
  // ${fixture:NAME}), mutated along with the baselines' requests; with
  // keep_corpus the result holds this run's corpus to save.
  std::vector<RequestSpec> corpus_in;
  bool keep_corpus = false;
  // Minimisation of the violations' reproducers (docs/fuzz-api.md,
  // "Reproducers"): at most this many requests per violation and in all.
  std::size_t minimise_attempts = 64;
  std::size_t minimise_total = 1000;
  // Called on the calling thread after the baselines and after each batch of
  // mutated requests (jobs x 16), and once at the end.
  ProgressObserver on_progress;
};

// One request written as a case that expects the contract: a reproducer, or
// an entry of a saved corpus.
struct ContractCase {
  RequestSpec request;      // values from fixtures written as ${fixture:NAME}
  std::string code;         // the error_code its response carried ("" none)
  std::string param_error;  // its endpoint's "bad parameter" code ("" unknown endpoint)
  std::string summary;
  // The baseline case's own steps, when it has any: the reproducer makes the
  // state the request was sent in, and removes it. `request` then writes
  // what the setup captured as ${NAME} and the case's names as ${uniq}.
  std::vector<Step> setup;
  std::vector<Step> teardown;
};

// The violation for a connection that carried a response no request asked
// for (Transport::unasked_responses): an HTTP desync. It has no reproducer, as
// one request replayed alone cannot show it.
inline constexpr std::string_view kUnaskedResponseFinding = "http.unasked-response";

// One violation, deduplicated by (endpoint, finding, code).
struct FuzzViolation {
  std::string endpoint;  // "PUT /buckets/" (the API surface's form), or the method and path sent
  std::string
      finding;  // a finding id ("status.mismatch"), "transport.timeout", kUnaskedResponseFinding
  std::string code;         // the error_code the response carried ("" none)
  std::string detail;       // the finding's message
  std::string mutation;     // how `request` differs from its baseline ("" the baseline)
  std::string case_id;      // the case whose trigger is the baseline
  std::string param_error;  // the endpoint's "bad parameter" code ("" unknown endpoint)
  RequestSpec request;      // as sent; values from fixtures written as ${fixture:NAME}
  // The baseline case's setup and teardown steps (ContractCase): `request`
  // then writes their captures as ${NAME} and the case's names as ${uniq}.
  // For a request that acted on a resource the run made (`acts_on`), the
  // request that made it and its undo instead.
  std::vector<Step> setup;
  std::vector<Step> teardown;
  std::string acts_on;  // "PUT /buckets/": it acted on what that endpoint made ("" no)
  int status = 0;       // 0: no response
  // Minimisation: `request` and `mutation` are the minimised ones when
  // `minimised`; these hold the request as the fuzzer first sent it.
  RequestSpec original_request;
  std::string original_mutation;  // the mutations applied, in order
  bool minimised = false;
  std::string minimise_note;          // what minimisation did, or why it did not ("" not tried)
  std::size_t changes = 0;            // the original's changes from its baseline
  std::size_t changes_kept = 0;       // the minimised request's
  std::size_t minimise_requests = 0;  // requests minimisation sent for it
};

// What minimisation did over a run.
struct FuzzMinimisation {
  std::size_t violations = 0;      // minimised (they showed again when resent)
  std::size_t changes = 0;         // their changes from their baselines
  std::size_t dropped = 0;         // of those, reverted
  std::size_t requests = 0;        // sent for it (counted in FuzzResult::requests too)
  std::size_t not_reproduced = 0;  // did not show again, or no attempt was left
};

// The row every request to a path the API surface does not have counts in.
inline constexpr std::string_view kUnknownEndpoint = "(unknown endpoint)";

// What the fuzzer saw on one endpoint: the figures of a fuzz report's
// per-endpoint table.
struct FuzzEndpoint {
  std::string endpoint;      // "PUT /buckets/" (ApiEndpoint::text), or kUnknownEndpoint
  std::size_t requests = 0;  // sent to it: setup, baselines, mutations and teardown
  std::size_t classes = 0;   // response classes first seen on it
  std::vector<std::string> codes_reached;     // documented codes its responses carried, sorted
  std::vector<std::string> codes_documented;  // documented codes the catalog lists for it, sorted
  std::vector<std::size_t> violations;        // indices into FuzzResult::violations, in order

  // How many of codes_documented its responses carried.
  std::size_t documented_reached() const;
};

struct FuzzResult {
  std::size_t requests = 0;
  std::size_t classes = 0;
  std::size_t corpus = 0;
  std::size_t baselines = 0;
  std::size_t warnings = 0;
  std::size_t throttled = 0;  // 429 / 503 answers waited for and sent again (never judged)
  std::set<std::string> codes_reached;  // documented codes some response carried
  // "ENDPOINT CODE": a module code the catalog does not list for the endpoint,
  // from another module than the endpoint's (a warning each, not a violation).
  std::set<std::string> foreign_codes;
  std::vector<FuzzViolation> violations;
  // Every endpoint of the API surface (also those no request reached), sorted
  // by ApiEndpoint::text, then the kUnknownEndpoint row if any request went
  // to a path the surface does not have. Their requests, classes and
  // violations add up to the run's.
  std::vector<FuzzEndpoint> endpoints;
  FuzzMinimisation minimisation;
  bool unreachable = false;  // nothing answered: the target cannot be reached
  std::string unreachable_error;
  // Resources the run's own requests made (an endpoint with an undo in
  // cases/api.json answered 2xx), and how many of them the undos deleted.
  std::size_t created = 0;
  std::size_t undone = 0;
  // Stateful sequences: made resources the run acted on before deleting
  // them (a request to each endpoint that takes what the resource is known
  // by, which then joins the corpus), and the requests that took.
  std::size_t acted_on = 0;
  std::size_t sequence_requests = 0;
  // What is left on the target: a made resource its undo did not delete (or
  // could not be built for), a baseline's teardown step that failed.
  std::vector<std::string> leaks;
  std::vector<ContractCase> corpus_out;  // with FuzzOptions::keep_corpus
  double seconds = 0;
};

using TransportFactory = std::function<std::unique_ptr<Transport>()>;
// Called with every request in the order the fuzzer made them (index from 0).
using RequestObserver = std::function<void(std::size_t, const HttpRequest&)>;

FuzzResult fuzz_api(const Catalog& catalog, const CaseLibrary& library, const ApiSurface& surface,
                    const Fixtures& fixtures, const TransportFactory& make_transport,
                    const FuzzOptions& options, const std::atomic<bool>* stop = nullptr,
                    const RequestObserver& observe = {});

// Requests as one case file ({"cases": [...]}) that `errcontract run --cases
// DIR` replays; each trigger says "expect": {"contract": true}. A request the
// case format cannot hold (an unknown method, a repeated name) is left out.
// `written`, when given, is set to the number of cases in the file.
std::string contract_case_file(const std::vector<ContractCase>& cases, const Catalog& catalog,
                               std::size_t* written = nullptr);

// The violations' reproducers, as contract_case_file writes them.
std::string violations_case_file(const std::vector<FuzzViolation>& violations,
                                 const Catalog& catalog);

}  // namespace errcontract
