// Fault injection for the reference server: rewrites a conforming error
// response into one that breaks the contract in one chosen way (see
// FaultMode in errcontract/reference_server.h and docs/fault-modes.md).
// Pure functions of the response; ReferenceServer applies them after the
// handler has run, so the server's state never depends on the fault.
#pragma once

#include <string>
#include <string_view>

#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/reference_server.h"

namespace errcontract::internal {

// Named on every response a fault changed, with the mode as its value
// ("X-Errcontract-Fault: wrong-status"), so a reader of the exchange can tell
// a broken-on-purpose answer from a real bug.
inline constexpr const char* kFaultHeader = "X-Errcontract-Fault";

struct FaultSetting {
  FaultMode mode = FaultMode::kNone;
  std::string only_code;  // "" = every error response
};

// The response as the faulty server sends it. Responses below 400, responses
// whose body is not an envelope (HEAD) and, with a code filter, responses
// carrying another code are returned unchanged.
HttpResponse apply_fault(HttpResponse response, const FaultSetting& fault, const Catalog& catalog);

// The same envelope with error_code as a JSON number ({"error_code":21402,...}),
// which the numeric-code fault and `serve --code-type number` send. A body that
// is not an envelope with a numeric code is returned unchanged.
std::string with_numeric_code(std::string body);

}  // namespace errcontract::internal
