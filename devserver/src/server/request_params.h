// Turns the raw request (target and body) into named parameters the handlers
// read: the query string for GET and DELETE (DELETE may also carry a form
// body, as legacy clients sent), the body for POST and PUT, whether it is
// application/x-www-form-urlencoded, application/json or multipart/form-data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/http.h"
#include "errcontract/result.h"
#include "server/multipart.h"

namespace errcontract::internal {

// Named values; when a name repeats, the first occurrence wins.
class Params {
 public:
  void add(std::string name, std::string value);
  const std::string* get(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

struct UploadedFile {
  std::string field;
  std::string filename;
  std::string content_type;
  std::string data;
};

struct ParsedRequest {
  std::string method;
  std::string path;  // as sent, without the query string
  Params params;
  std::vector<UploadedFile> files;
  // The whole JSON body, kept for routes that read structured members
  // (parse_request with keep_json_document); empty otherwise.
  std::string json_body;
};

// Percent-decoding; `plus_is_space` for form and query values. An error for
// a truncated or non-hex escape.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space);

// a=1&b=2 -> params (in order). An error names the bad pair.
Status parse_urlencoded(std::string_view text, Params& out);

// A JSON object body -> params: strings as is, numbers as their text, booleans
// as "true"/"false", null skipped, an array of scalars joined with "\n".
// Nested objects, non-object bodies and nesting deeper than 32 are errors.
// With `skip_structured`, members holding an object or an array are left out
// instead (the caller reads them from the body itself).
Status parse_json_params(std::string_view body, Params& out, bool skip_structured = false);

// The whole request: splits the target, reads the parameters from the places
// the method uses, and checks that every value is valid UTF-8. An error means
// the request is malformed (the caller answers with the module's parameter
// error code). With `keep_json_document`, a JSON body is also kept whole in
// json_body and only its scalar members become parameters.
Result<ParsedRequest> parse_request(const HttpRequest& request, bool keep_json_document = false);

}  // namespace errcontract::internal
