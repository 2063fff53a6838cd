// parse_envelope: the body-only part of the response checks (body, envelope
// shape, and each member's form), run from the one check table.
#include "checks/check_table.h"
#include "errcontract/envelope.h"

namespace errcontract {

EnvelopeParse parse_envelope(std::string_view body, const ParseOptions& options) {
  internal::CheckInput input;
  input.body = body;
  input.parse = options;
  internal::CheckState state;
  EnvelopeParse out;
  out.findings = internal::run_response_checks(input, state);
  out.envelope = std::move(state.built);
  return out;
}

}  // namespace errcontract
