// The table of response checks, in the order they run, and the one walk over
// it that parse_envelope, check_envelope and the runner's trigger share.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "checks/check.h"

namespace errcontract::internal {

// status, content_type, body, envelope, code, message, request.
std::span<const Check> response_checks();

// Runs every check of the table on `input`, in order; returns their findings.
std::vector<Finding> run_response_checks(const CheckInput& input, CheckState& state);

// What the trigger's response must be; built from the case and the request
// that was actually sent.
struct TriggerExpectation {
  std::string code;                    // expected error_code
  std::vector<int> statuses;           // accepted statuses; empty = the catalog's status for `code`
  std::optional<std::string> message;  // exact message override; unset = the catalog's rule
  std::string method;                  // as sent
  std::string path;                    // as sent, without the query string
  std::string base_path;               // the target's base path ("/uapi"), may be echoed
  bool lenient = false;
  bool strict_status = false;  // --strict-status: a documented alternative status fails
};

// Every check of the table on the trigger's response.
std::vector<Finding> check_trigger_response(const HttpResponse& response, const Catalog& catalog,
                                            const TriggerExpectation& expect);

}  // namespace errcontract::internal

namespace errcontract::internal {

// The contract whatever the code: what `fuzz-api` holds every response to,
// and what a case whose trigger says "expect": {"contract": true} expects. A
// response whose body is a JSON object with an "error_code" member is held to
// every check of the table, with the code it carries as the expected one (so
// a 2xx carrying a code fails status.mismatch); an error response (>= 400)
// without one fails the body and envelope checks; anything else passes. A
// server's HTTP-level code ("10" + the status: 10400, 10404, 10405, 10413,
// 10414) with that status leaves code.undocumented and request.mismatch as
// warnings: such requests are sent on purpose.
struct ContractExpectation {
  std::string method;     // as sent
  std::string path;       // as sent, without the query string
  std::string base_path;  // the target's base path, may be echoed
  bool lenient = false;
  bool strict_status = false;
};

struct ContractVerdict {
  std::string code;  // the error_code the response carries ("" none)
  std::vector<Finding> findings;
};

ContractVerdict check_contract_response(const HttpResponse& response, const Catalog& catalog,
                                        const ContractExpectation& expect);

}  // namespace errcontract::internal
