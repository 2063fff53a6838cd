// A request with every variable expanded, as the fuzzer keeps it: no ${...}
// left, a literal '$' written "$$" so that building it sends the same bytes.
#pragma once

#include "errcontract/case.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract::internal {

Result<RequestSpec> concrete_request(const RequestSpec& spec, const VariableScope& scope);

}  // namespace errcontract::internal
