// check_contract_response: the check table with the response's own code as
// the expectation. The code is read with the same strict reader the checks
// use, so a body the checks reject is judged by them, not guessed at here.
#include <rapidjson/document.h>

#include "checks/check_table.h"

namespace errcontract::internal {
namespace {

// Whether a body (of a status below 400) claims to be an error: a JSON
// object with an "error_code" member. Cheap first: most success bodies never
// mention it.
bool carries_error_code(std::string_view body) {
  if (body.find("\"error_code\"") == std::string_view::npos) return false;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  return !doc.HasParseError() && doc.IsObject() && doc.HasMember("error_code");
}

}  // namespace

ContractVerdict check_contract_response(const HttpResponse& response, const Catalog& catalog,
                                        const ContractExpectation& expect) {
  ContractVerdict verdict;
  if (response.status < 400 && !carries_error_code(response.body)) return verdict;
  CheckInput input;
  input.response = &response;
  input.body = response.body;
  input.parse.lenient = expect.lenient;
  input.catalog = &catalog;
  input.expect.method = expect.method;
  input.expect.path = expect.path;
  input.expect.base_path = expect.base_path;
  input.strict_status = expect.strict_status;
  CheckState state;
  // First pass without an expected code: the envelope it reads says which
  // code the response carries; the status check then needs that code.
  std::vector<Finding> findings = run_response_checks(input, state);
  if (state.envelope == nullptr) {
    verdict.findings = std::move(findings);
    return verdict;
  }
  verdict.code = state.envelope->error_code;
  if (const std::optional<Finding> status =
          check_status(response.status, {}, verdict.code, catalog, expect.strict_status)) {
    findings.insert(findings.begin(), *status);
  }
  verdict.findings = std::move(findings);
  return verdict;
}

}  // namespace errcontract::internal
