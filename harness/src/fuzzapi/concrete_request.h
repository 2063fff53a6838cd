// A request with every variable expanded, as the fuzzer keeps it: no ${...}
// left, a literal '$' written "$$" so that building it sends the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract::internal {

Result<RequestSpec> concrete_request(const RequestSpec& spec, const VariableScope& scope);

// (value as a concrete request holds it, what to write instead): a reference
// such as "${fixture:token}" for a value a replay must obtain again.
using References = std::vector<std::pair<std::string, std::string>>;

// Writes each value of `references` as its replacement in every text of the
// request (path, bodies, and the values of query, form and headers), in the
// order given: the longest values first, so that no shorter one breaks them.
void write_references(RequestSpec& r, const References& references);

// Whether some text of the request holds `value`.
bool holds_value(const RequestSpec& r, const std::string& value);

// Gives `to` the credential `from` was sent with: its auth fixture and its
// Authorization headers.
void copy_credential(const RequestSpec& from, RequestSpec& to);

}  // namespace errcontract::internal
