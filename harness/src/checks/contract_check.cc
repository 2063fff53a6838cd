// check_contract_response: the check table with the response's own code as
// the expectation. The code is read with the same strict reader the checks
// use, so a body the checks reject is judged by them, not guessed at here.
#include <rapidjson/document.h>

#include <algorithm>
#include <string>
#include <string_view>

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

// The HTTP-level answers to a request no route takes (an unknown path or
// method, a request the HTTP layer cannot read, a body or target over its
// cap): the table has no code for them, so a server answers "10" + the status
// (docs/reference-server.md, "Server-side extension codes"), and echoes a
// request it could not read as "UNKNOWN /path". A request that expects the
// contract is sent such on purpose (a fuzzer's, or its reproducer).
bool is_http_level_code(std::string_view code, int status) {
  constexpr std::string_view kCodes[] = {"10400", "10404", "10405", "10413", "10414"};
  return std::find(std::begin(kCodes), std::end(kCodes), code) != std::end(kCodes) &&
         code.substr(2) == std::to_string(status);
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
  // Such an answer keeps the contract's envelope and message; its code and
  // echo are warnings.
  if (is_http_level_code(verdict.code, response.status)) {
    for (Finding& f : findings) {
      if (f.id == FindingId::kCodeUndocumented || f.id == FindingId::kRequestMismatch) {
        f.severity = Severity::kWarning;
      }
    }
  }
  verdict.findings = std::move(findings);
  return verdict;
}

}  // namespace errcontract::internal
