#include "checks/check_table.h"

namespace errcontract::internal {
namespace {

// Each later check reads what the earlier ones left in CheckState: the
// envelope check needs the body read, the member checks the envelope.
constexpr Check kResponseChecks[] = {
    {"status", run_status_check},   {"content_type", run_content_type_check},
    {"body", run_body_check},       {"envelope", run_envelope_check},
    {"code", run_code_check},       {"message", run_message_check},
    {"request", run_request_check},
};

}  // namespace

std::span<const Check> response_checks() { return kResponseChecks; }

std::vector<Finding> run_response_checks(const CheckInput& input, CheckState& state) {
  std::vector<Finding> findings;
  for (const Check& check : kResponseChecks) check.run(input, state, findings);
  return findings;
}

std::vector<Finding> check_trigger_response(const HttpResponse& response, const Catalog& catalog,
                                            const TriggerExpectation& expect) {
  CheckInput input;
  input.response = &response;
  input.body = response.body;
  input.parse.lenient = expect.lenient;
  input.catalog = &catalog;
  input.expect.code = expect.code;
  input.expect.message = expect.message;
  input.expect.method = expect.method;
  input.expect.path = expect.path;
  input.expect.base_path = expect.base_path;
  input.statuses = expect.statuses;
  input.strict_status = expect.strict_status;
  CheckState state;
  return run_response_checks(input, state);
}

}  // namespace errcontract::internal
