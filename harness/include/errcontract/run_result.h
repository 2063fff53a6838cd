// The result model: what was sent and received for each case, the findings,
// the verdict, and the coverage of the error table. Reporters only read it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "errcontract/finding.h"
#include "errcontract/http.h"

namespace errcontract {

// One request/response pair, secrets already redacted.
struct Exchange {
  std::string phase;  // "setup[0]", "request", "teardown[1]"
  HttpRequest request;
  std::optional<HttpResponse> response;
  std::string transport_error;                                // set when no response came back
  TransportErrorKind error_kind = TransportErrorKind::kNone;  // with transport_error
  double elapsed_ms = 0;
  int attempts = 1;
};

// A teardown request that did not succeed, kept so that `errcontract
// teardown --from REPORT.json` can send it again (errcontract/teardown_replay.h):
// every fixture value written ${fixture:NAME}, every other '$' doubled.
struct LeakedTeardown {
  std::string phase;               // "teardown[0]"
  std::string leak;                // the line in CaseResult::leaks
  HttpRequest request;             // templated, never holds a fixture value
  std::vector<int> expect_status;  // empty: any 2xx removes it
};

// Kept apart all the way to the exit code and the JUnit file: a contract
// failure, a runtime/transport error, a skip.
enum class Verdict { kPassed, kFailed, kError, kSkipped };
const char* to_string(Verdict verdict);

struct CaseResult {
  std::string case_id;
  std::string code;
  std::string module;       // "12"
  std::string module_name;  // "bucket"
  std::string summary;
  std::string endpoint;  // the catalog endpoint of its code the trigger is on
  // The trigger expected the contract, not the case's code ("expect":
  // {"contract": true}): passing proves no code came back, so the case
  // counts toward no code's coverage.
  bool contract = false;
  std::string file;
  std::size_t line = 0;  // where the case starts in `file` (0: not known)
  Verdict verdict = Verdict::kPassed;
  std::string reason;  // skip reason, or the transport error for kError
  // For kError from the transport: its kind (the exit code is chosen from it).
  TransportErrorKind error_kind = TransportErrorKind::kNone;
  std::vector<Finding> findings;
  std::vector<Exchange> exchanges;
  std::vector<std::string> leaks;                // resources teardown could not remove
  std::vector<LeakedTeardown> leaked_teardowns;  // those of them that can be sent again
  // For kFailed, and kError other than an unreachable target: one shell
  // command per setup step and the trigger that reproduces them
  // (errcontract/curl_command.h), secrets as environment references.
  std::vector<std::string> curl;
  // For kError: the fixture the target rejected as a credential (the case
  // could not be judged); the reason holds the diagnosis.
  std::string rejected_fixture;
  double elapsed_ms = 0;

  // Requests sent, retries included: what RunTotals::requests adds up.
  int requests() const {
    int n = 0;
    for (const Exchange& e : exchanges) n += e.attempts;
    return n;
  }
};

// Per documented code: verified (a case passed and none failed), failed,
// skipped (only skipped cases), or no case at all.
enum class CodeStatus { kVerified, kFailed, kSkipped, kNoCase };
const char* to_string(CodeStatus status);

// One (code, endpoint) pair of the catalog, judged like a code by the cases
// whose trigger is on that endpoint.
struct EndpointCoverage {
  std::string endpoint;  // "PUT /operators/"
  CodeStatus status = CodeStatus::kNoCase;
  std::vector<std::string> case_ids;
};

struct CoverageEntry {
  std::string code;
  std::string module_name;
  bool extension = false;
  CodeStatus status = CodeStatus::kNoCase;
  std::vector<std::string> case_ids;
  std::vector<EndpointCoverage> endpoints;  // the catalog's order
  // The catalog's row, for reports that show it beside the verdict.
  std::string message;  // CodeEntry::message
  int http_status = 0;  // CodeEntry::status
  std::vector<int> status_alternatives;
};

struct RunTotals {
  int passed = 0, failed = 0, errors = 0, skipped = 0;
  int requests = 0;
  int throttled = 0;  // 429 / 503 answers retried after their Retry-After (never failures)
  int total() const { return passed + failed + errors + skipped; }
};

// A run's verdict as a value: every executed case passed; some failed or
// errored (or the run was interrupted before the end); or the target could
// not be reached at all.
enum class RunOutcome { kPassed, kFailed, kUnreachable };

struct RunResult {
  std::string target;      // base URL, or "embedded reference server"
  std::string started_at;  // ISO 8601 UTC
  // The run's id: the "${run}" of the cases and the start of every "${uniq}"
  // (--run-id, or generated), so a report names the resources it made.
  std::string run_id;
  // What was run: "sha256:..." of the catalog's canonical JSON and of the
  // case library's files (CaseLibrary::digest); reports of runs whose digests
  // differ are not joined (errcontract/run_merge.h). "" when not known.
  std::string catalog_digest;
  std::string cases_digest;
  // --shard K/N: shard_index K-1 of shard_count N (1 when not sharded).
  int shard_index = 0;
  int shard_count = 1;
  double elapsed_ms = 0;
  bool interrupted = false;
  // --max-failures N: set to N when the run stopped starting cases after its
  // Nth failed case (started cases finished, teardown ran); 0 otherwise.
  int stopped_after_failures = 0;
  // Set when the run stopped early because the target could not be reached
  // at all (refused, DNS, TLS) before anything answered: the first error.
  std::string unreachable;
  std::vector<FindingId> disabled_checks;  // --disable-check, in table order
  // What happened to fixtures, one line each: obtained at the start, rejected
  // by the target ("fixture token was rejected by the target (401, 11001):
  // expired or revoked?"), obtained again after a rejection.
  std::vector<std::string> fixture_notes;
  std::vector<CaseResult> cases;        // in plan order
  std::vector<CoverageEntry> coverage;  // every catalog code, in code order
  RunTotals totals;
  // What the run amounts to; the command line turns it into an exit code.
  RunOutcome outcome() const;
};

// --min-coverage: of the documented codes the selected cases test, how many
// the run verified, and for each one it did not, why ("failed", "error: ...",
// "skipped: fixture \"token\" not provided").
struct SelectedCoverage {
  int documented = 0;  // documented codes with at least one selected case
  int verified = 0;
  double percent() const { return documented == 0 ? 100.0 : 100.0 * verified / documented; }
  struct Unverified {
    std::string code;
    std::string why;
  };
  std::vector<Unverified> unverified;  // in code order
};
SelectedCoverage selected_coverage(const RunResult& result);

}  // namespace errcontract
