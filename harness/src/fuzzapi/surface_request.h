// A baseline for an endpoint no case triggers (a listing such as GET
// /buckets/ has no error case), built from its description in cases/api.json:
// each parameter with a value the case library's baselines sent under that
// name, or, when it is required and none did, a plain value of its type.
#pragma once

#include <deque>
#include <map>
#include <string>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"

namespace errcontract::internal {

// Parameter name -> the first value the requests sent under it (query and
// form, as concrete requests hold them).
using ParameterValues = std::map<std::string, std::string>;
ParameterValues parameter_values(const std::deque<RequestSpec>& requests);

// The request, concrete; `token_fixture` ("" none) is its auth when the
// endpoint takes a token.
RequestSpec surface_request(const ApiEndpoint& endpoint, const ParameterValues& values,
                            const std::string& token_fixture);

}  // namespace errcontract::internal
