// Executes one case against one Transport: setup -> trigger -> checks ->
// teardown (teardown always), recording every exchange with secrets
// redacted, and decides the case's verdict.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/run_result.h"
#include "errcontract/runner.h"
#include "exec/fixture_store.h"
#include "exec/rate_limiter.h"

namespace errcontract::internal {

// What the workers of one run share about the network.
struct NetworkState {
  RateLimiter* limiter = nullptr;     // --rate; may be null
  std::atomic<bool> answered{false};  // some request got a response
  std::atomic<bool> unreachable{false};
  std::atomic<int> throttled{0};  // throttling answers retried
  std::mutex mu;
  std::string first_unreachable;  // the error that stopped the run

  // An unreachable-kind error before anything answered stops the run: the
  // target cannot be reached at all, and every further case would say so again.
  void note_unreachable(const std::string& error);
};

struct ExecutionContext {
  const Catalog* catalog = nullptr;
  const RunOptions* options = nullptr;
  std::string run_id;
  FixtureStore* fixtures = nullptr;         // the run's live fixture values and their redaction
  const std::atomic<bool>* stop = nullptr;  // may be null
  NetworkState* network = nullptr;          // may be null
};

// Why the case cannot run here ("fixture \"token\" not provided",
// "destructive; use --allow-destructive"), or nullopt.
std::optional<std::string> skip_reason(const Case& c, const RunOptions& options,
                                       const Fixtures& fixtures);

// A result with the case's identity filled in and the given verdict.
CaseResult blank_result(const Case& c, const Catalog& catalog, Verdict verdict, std::string reason);

// ${uniq} for the case at position `index` of its library: kResourcePrefix, the run id
// and the index in base 36, at least kUniqueIndexWidth digits (zero-padded),
// so that no case's name is the start of another's ("...001" + "b" is never
// "...01b"). The index kFixtureIndex is kept for fixtures obtained by request.
inline constexpr std::size_t kUniqueIndexWidth = 3;
inline constexpr std::size_t kFixtureIndex = 36 * 36 * 36 - 1;  // "zzz"
std::string unique_name(const std::string& run_id, std::size_t index);

// Runs the case; `index` is its plan position (used for ${uniq}). A request
// whose auth fixture the target rejects (is_credential_rejection) ends the
// attempt without a finding; the store decides: the case runs once more with
// the value obtained again, or it is an error naming the fixture.
CaseResult execute_case(const Case& c, std::size_t index, Transport& transport,
                        const ExecutionContext& context);

// The value at a JSON Pointer in a JSON body: strings as their text, other
// values as compact JSON. nullopt when the body is not JSON or nothing is there.
std::optional<std::string> capture_value(const std::string& body, const std::string& pointer);

}  // namespace errcontract::internal
