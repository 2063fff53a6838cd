// Teardowns a run could not complete, sent again later (`errcontract teardown
// --from REPORT.json`): a request is kept with its fixture values written as
// ${fixture:NAME} references, so a report never holds a secret and the replay
// takes the values provided then (--fixtures, ERRC_FIXTURE_*).
#pragma once

#include <string>
#include <vector>

#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/run_result.h"
#include "errcontract/template.h"

namespace errcontract {

// `request` with every fixture value (of at least 4 bytes, as is or
// percent-encoded) written ${fixture:NAME}, and every other '$' as "$$".
HttpRequest teardown_template(const HttpRequest& request, const Fixtures& fixtures);

// The request to send: the references expanded with `fixtures`. A fixture
// that is not provided is an error naming it.
Result<HttpRequest> expand_teardown(const HttpRequest& templated, const Fixtures& fixtures);

enum class ReplayOutcome {
  kRemoved,     // the expected status (any 2xx by default)
  kGone,        // 404: nothing left to remove
  kStillThere,  // another answer
  kFailed,      // not sent (a fixture missing) or no answer
};
const char* to_string(ReplayOutcome outcome);  // "removed", "already gone", "still there", "failed"

struct ReplayResult {
  ReplayOutcome outcome = ReplayOutcome::kFailed;
  std::string detail;  // "status 500, error_code 10001", the transport error, ...
};

// Sends the teardown once through `transport`.
ReplayResult replay_teardown(const LeakedTeardown& teardown, const Fixtures& fixtures,
                             Transport& transport);

}  // namespace errcontract
