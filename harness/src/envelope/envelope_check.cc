// check_envelope: the catalog and expectation part of the response checks
// (code, message, request echo) on an envelope already parsed, run from the
// one check table.
#include "checks/check_table.h"
#include "errcontract/envelope.h"

namespace errcontract {

std::vector<Finding> check_envelope(const Envelope& envelope, const Catalog& catalog,
                                    const Expectation& expect) {
  internal::CheckInput input;
  input.catalog = &catalog;
  input.expect = expect;
  internal::CheckState state;
  state.envelope = &envelope;
  return internal::run_response_checks(input, state);
}

}  // namespace errcontract
