// fuzz_devserver_request: bytes -> up to 8 pipelined raw HTTP requests
// (raw_http_request.h) -> ReferenceServer::handle, in-process, no socket, on
// one server reset to its seeded state before each input (so an input replays
// the same way on its own; seeding a new server per input ran at ~470
// exec/s, the reset at several thousand: docs/performance.md).
// ${fixture:NAME}, ${run} and ${uniq} in the target, header values and body
// are expanded first (with the fresh server's fixtures), so seeds can carry a
// valid token although tokens are random per server.
//
// Oracles (each violation aborts):
// - no crash, no sanitizer report, a status 100-599;
// - every error response (status >= 400) with a body (HEAD has none) is
//   application/json and a valid envelope (parse_envelope(...).ok()); the
//   one tolerated finding is request.malformed when the request line itself
//   is not "METHOD /path" (a lower-case method, a target that is "*" or an
//   absolute URL), because the server echoes what was sent;
// - its code is catalogued and sent with the catalog's status and message
//   rule, or is one of the server's documented extension codes
//   (docs/reference-server.md: 10400, 10404, 10405, 10413, 10414, status =
//   the last three digits, the documented message); 10500 (a handler threw)
//   is never acceptable;
// - its "request" names the request sent: the method and the path without
//   query string (checked when the target is well-formed UTF-8).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "errcontract/reference_server.h"
#include "errcontract/template.h"
#include "raw_http_request.h"
#include "target_support.h"

namespace {

using errcontract::HttpRequest;
using errcontract::HttpResponse;
using errcontract::fuzz::finding_ids;
using errcontract::fuzz::has_finding;
using errcontract::fuzz::printable;
using errcontract::fuzz::require;

constexpr std::string_view kTarget = "fuzz_devserver_request";
constexpr std::size_t kMaxRequests = 8;

// The reference server's extension codes (docs/reference-server.md).
const std::map<std::string, std::string, std::less<>>& extension_messages() {
  static const std::map<std::string, std::string, std::less<>> messages = {
      {"10400", "Bad request."},        {"10404", "Route not found."},
      {"10405", "Method not allowed."}, {"10413", "Request body too large."},
      {"10414", "URI too long."},
  };
  return messages;
}

void expand_in_place(std::string& text, const errcontract::VariableScope& scope) {
  if (text.find("${") == std::string::npos) return;
  auto expanded = errcontract::expand(text, scope);
  if (expanded.ok()) text = std::move(expanded).value();
}

bool is_content_length(std::string_view name) {
  constexpr std::string_view kName = "content-length";
  if (name.size() != kName.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i] >= 'A' && name[i] <= 'Z' ? static_cast<char>(name[i] + 32) : name[i];
    if (c != kName[i]) return false;
  }
  return true;
}

void expand_request(HttpRequest& request, const errcontract::VariableScope& scope) {
  expand_in_place(request.target, scope);
  expand_in_place(request.body, scope);
  for (auto& [name, value] : request.headers) {
    expand_in_place(value, scope);
    if (is_content_length(name)) {
      value = std::to_string(request.body.size());
    }
  }
}

// Whether the echo of this request line can be "METHOD /path" at all.
bool echo_can_be_well_formed(const HttpRequest& request) {
  return errcontract::fuzz::is_upper_word(request.method) && !request.target.empty() &&
         request.target[0] == '/';
}

void check_code(const HttpRequest& request, const HttpResponse& response,
                const errcontract::Envelope& envelope, const errcontract::Catalog& catalog) {
  const std::string& code = envelope.error_code;
  require(code != "10500", kTarget, "a handler failed (10500) on {} {} with body {}",
          request.method, printable(request.target), printable(request.body));
  if (const errcontract::CodeEntry* entry = catalog.find(code)) {
    require(response.status == entry->status, kTarget,
            "code {} sent with status {}, catalog says {}", code, response.status, entry->status);
    return;
  }
  const auto extension = extension_messages().find(code);
  require(extension != extension_messages().end(), kTarget,
          "code {} is neither catalogued nor a documented extension ({} {})", printable(code),
          request.method, printable(request.target));
  require(
      std::to_string(response.status) == code.substr(2) && envelope.message == extension->second,
      kTarget, "extension code {} sent with status {} and message {}", code, response.status,
      printable(envelope.message));
}

void check_response(const HttpRequest& request, const HttpResponse& response,
                    const errcontract::Catalog& catalog) {
  require(response.status >= 100 && response.status <= 599, kTarget, "status {} for {} {}",
          response.status, request.method, printable(request.target));
  if (response.status < 400) return;
  if (request.method == "HEAD" && response.body.empty()) return;
  const std::string* content_type = errcontract::find_header(response.headers, "Content-Type");
  require(content_type != nullptr && content_type->rfind("application/json", 0) == 0, kTarget,
          "error {} for {} {} has Content-Type {}", response.status, request.method,
          printable(request.target), content_type ? printable(*content_type) : printable("none"));

  const errcontract::EnvelopeParse parse = errcontract::parse_envelope(response.body);
  bool ok = parse.ok();
  if (!ok && parse.envelope && !echo_can_be_well_formed(request)) {
    // The only error allowed is the echo of a request line that is not "METHOD /path".
    ok = true;
    for (const auto& f : parse.findings) {
      if (f.severity == errcontract::Severity::kError && f.id != "request.malformed") ok = false;
    }
  }
  require(ok, kTarget, "error {} for {} {} is not a valid envelope: {} [{}]", response.status,
          request.method, printable(request.target), printable(response.body),
          finding_ids(parse.findings));
  const errcontract::Envelope& envelope = *parse.envelope;
  check_code(request, response, envelope, catalog);

  errcontract::Expectation expect;
  expect.method = request.method;
  expect.path = request.target;
  const auto findings = errcontract::check_envelope(envelope, catalog, expect);
  require(!has_finding(findings, "message.mismatch"), kTarget, "{} for {} {}: [{}] {}",
          envelope.error_code, request.method, printable(request.target), finding_ids(findings),
          printable(envelope.message));
  if (errcontract::fuzz::is_valid_utf8(request.target) &&
      errcontract::fuzz::is_valid_utf8(request.method)) {
    require(!has_finding(findings, "request.mismatch"), kTarget, "\"request\" is {} for {} {}",
            printable(envelope.request), request.method, printable(request.target));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::vector<HttpRequest> requests = errcontract::fuzz::read_raw_requests(bytes, kMaxRequests);
  if (requests.empty()) return 0;

  const errcontract::Catalog& catalog = errcontract::Catalog::builtin();
  static errcontract::ReferenceServer server(catalog);
  server.reset();
  errcontract::VariableScope scope;
  scope.run = "fz";
  scope.uniq = "u1";
  scope.fixtures = &server.fixtures();
  scope.env = [](const std::string&) { return std::optional<std::string>(); };
  for (HttpRequest& request : requests) {
    expand_request(request, scope);
    check_response(request, server.handle(request), catalog);
  }
  return 0;
}
