// Turns a case's RequestSpec into the HttpRequest that is sent: variables
// expanded, query string and form bodies percent-encoded, JSON bodies
// expanded value by value (so a value holding a quote stays valid JSON),
// Content-Type and Authorization set.
#pragma once

#include <string>
#include <string_view>

#include "errcontract/case.h"
#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract::internal {

struct BuiltRequest {
  HttpRequest http;
  std::string path;  // the expanded path, without the query string
};

// Errors (kInvalidInput) name the variable that could not be expanded or the
// auth fixture that is missing.
Result<BuiltRequest> build_request(const RequestSpec& spec, const VariableScope& scope);

// A JSON body with the variables of every string and key expanded (numbers
// kept as written); a body that is not JSON is expanded as text.
Result<std::string> expand_json(const std::string& json, const VariableScope& scope);

// RFC 3986: unreserved characters stay, every other byte becomes %XX.
std::string percent_encode(std::string_view text);

// Whether the headers say the body is a form (application/x-www-form-urlencoded),
// whose values are percent-encoded.
bool is_form_body(const Headers& headers);

// "a=1&b=x%20y", each name and value percent-encoded.
std::string encode_pairs(const KeyValues& pairs);

}  // namespace errcontract::internal
