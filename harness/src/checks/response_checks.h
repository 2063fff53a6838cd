// The checks the runner applies to responses. For the trigger request, in
// order: status.mismatch, content_type.not_json, then the envelope parser's
// findings (body.*, envelope.*, code.*), then check_envelope's (code.mismatch,
// message.mismatch, request.mismatch, code.undocumented). For setup and
// teardown steps: step.status. Each returns findings and never prints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/finding.h"
#include "errcontract/http.h"

namespace errcontract::internal {

// What the trigger's response must be; built from the case and the request
// that was actually sent.
struct TriggerExpectation {
  std::string code;                    // expected error_code
  std::vector<int> statuses;           // accepted statuses; empty = the catalog's status for `code`
  std::optional<std::string> message;  // exact message override; unset = the catalog's rule
  std::string method;                  // as sent
  std::string path;                    // as sent, without the query string
  std::string base_path;               // the target's base path ("/uapi"), may be echoed
  bool lenient = false;
};

// status.mismatch: the response status is not one of the accepted ones.
std::optional<Finding> check_status(int status, const std::vector<int>& accepted,
                                    std::string_view code, const Catalog& catalog);

// content_type.not_json: the media type is not application/json (charset=utf-8
// is the only parameter value allowed for charset). A warning when lenient.
std::optional<Finding> check_content_type(const Headers& headers, bool lenient);

// All trigger checks, in the documented order.
std::vector<Finding> check_trigger_response(const HttpResponse& response, const Catalog& catalog,
                                            const TriggerExpectation& expect);

// step.status for a setup or teardown step: `accepted` (or any 2xx when
// empty). `phase` ("setup[0]") and `request_line` ("PUT /operators/") name the
// step in the message. Severity error; the caller downgrades teardown.
std::optional<Finding> check_step_status(int status, const std::vector<int>& accepted,
                                         std::string_view phase, std::string_view request_line);

}  // namespace errcontract::internal
