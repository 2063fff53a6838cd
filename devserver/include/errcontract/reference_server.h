// The reference server: the API surface behind every documented code, with
// in-memory state and every fixture seeded. The routing and handlers work on
// plain HttpRequest/HttpResponse values (handle()), so tests and fuzzers can
// drive it without a socket; start() puts a cpp-httplib listener in front.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract {

// Ways to break the error contract on purpose (`errcontract serve --fault
// MODE`), so that the harness's own tests can show each check failing. A
// fault rewrites a conforming error response (status >= 400) after the
// handler built it; the server's state is never affected. The table of what
// each mode sends and which findings the runner reports is
// docs/fault-modes.md.
enum class FaultMode {
  kNone,
  kWrongStatus,          // another 4xx status
  kStatus200,            // status 200 with the error body
  kOtherCode,            // another catalogued code (with that code's message)
  kNumericCode,          // "error_code": 21402
  kUndocumentedCode,     // a code the catalog does not hold
  kSystemLevelCode,      // 2MMDD sent as 1MMDD (system codes are left alone)
  kMissingErrorCode,     // no "error_code" member
  kMissingRequest,       // no "request" member
  kMissingMessage,       // no "message" member
  kWrongRequest,         // "request" names another path
  kSingleQuotedRequest,  // the table's own example: "request": 'PUT /operators/'
  kHtmlPage,             // a text/html error page
  kTextContentType,      // the envelope sent as text/plain
  kTruncatedBody,        // the first half of the envelope
  kWrappedEnvelope,      // {"error": {...envelope...}}
  kEmptyBody,            // no body at all
  kOtherMessage,         // another code's message
  kDuplicateKey,         // "error_code" twice
  kInvalidUtf8,          // a byte that is not UTF-8 in the message
  kAlternativeStatus,    // the code's first documented alternative status (conforms)
};

// How error_code is written in the envelope. The table writes it as a string
// ("21402"); the provider's other APIs of the time sent a JSON number
// (21402), and a client of this API decoded it as an unsigned integer, so the
// real service most likely did too. `serve --code-type number` sends it so;
// `run --lenient` accepts it (docs/runner.md). Not a fault: no fault header.
enum class CodeType { kString, kNumber };

struct FaultModeInfo {
  FaultMode mode;
  std::string_view name;         // the --fault spelling, e.g. "wrong-status"
  std::string_view description;  // what the server sends instead
  // The finding ids the runner reports on an affected case (all of them, in
  // the runner's order); the first is the one the mode is meant to provoke.
  std::vector<std::string_view> findings;
  // A variation the contract allows (alternative-status): affected cases pass
  // with the findings as warnings, and fail only under --strict-status.
  bool conforming = false;
};

// Every mode except kNone, in declaration order.
const std::vector<FaultModeInfo>& fault_modes();
const FaultModeInfo* find_fault_mode(std::string_view name);
std::string_view to_string(FaultMode mode);  // "none" for kNone

class ReferenceServer {
 public:
  explicit ReferenceServer(const Catalog& catalog);
  ~ReferenceServer();
  ReferenceServer(const ReferenceServer&) = delete;
  ReferenceServer& operator=(const ReferenceServer&) = delete;

  // Handles one request in-process; thread-safe.
  HttpResponse handle(const HttpRequest& request);

  // Binds host:port (port 0 = any free port), serves on a background thread,
  // and returns once it accepts connections. Returns the bound port.
  Result<int> start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();  // idempotent; also called by the destructor
  int port() const;

  // The seeded fixtures: name -> value (tokens of accounts in given states,
  // names of existing resources). What `serve --fixtures-out` writes.
  const Fixtures& fixtures() const;
  // Back to the state seeded at construction (the same fixtures): lets a
  // fuzzer reuse one server per input instead of seeding a new one.
  void reset();
  // What clients created since seeding and have not deleted, one line each
  // ("bucket NAME", "operator NAME", "bucket NAME thumbnail T", ...; sorted):
  // lets a test see what a run left behind. Changed settings and session
  // tokens are not counted.
  std::vector<std::string> created_since_seed();

  // Breaks every error response from now on (kNone restores the contract);
  // with `only_code`, only responses carrying that error_code. Thread-safe:
  // may be called while serving.
  void set_fault(FaultMode mode, std::string only_code = "");
  // error_code as a string (the table) or a JSON number; thread-safe.
  void set_code_type(CodeType type);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A Transport that calls ReferenceServer::handle directly (no socket).
std::unique_ptr<Transport> make_in_process_transport(ReferenceServer& server);

}  // namespace errcontract
