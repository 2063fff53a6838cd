// The error envelope: {"error_code": "21402", "request": "PUT /operators/",
// "message": "Operator already exists."}. parse_envelope is a strict parser
// that reports every violation as a Finding with a byte offset or a JSON
// Pointer; build_envelope produces the bytes a conforming server sends.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/finding.h"

namespace errcontract {

struct ParseOptions {
  bool lenient = false;             // numeric error_code becomes a warning
  std::size_t max_bytes = 1 << 20;  // bodies over this are rejected (body.too_large)
  std::size_t max_depth = 32;       // nesting deeper than this is rejected (body.too_deep)
};

struct Envelope {
  std::string error_code;  // as sent (a numeric code is rendered as its digits)
  std::string request;     // "METHOD /path"
  std::string message;
  bool code_was_number = false;
  std::vector<std::string> extra_members;  // names of members beyond the three
};

struct EnvelopeParse {
  // Set when the body is a JSON object holding all three fields with usable
  // types, even if other findings were raised (so later checks can still run).
  std::optional<Envelope> envelope;
  std::vector<Finding> findings;

  bool ok() const { return envelope.has_value() && !has_errors(findings); }
};

EnvelopeParse parse_envelope(std::string_view body, const ParseOptions& options = {});

// What the caller expected of a response; unset members are not checked.
struct Expectation {
  std::optional<std::string> code;    // code.mismatch
  std::optional<std::string> method;  // request.mismatch (with path)
  std::optional<std::string> path;    // path only, no query string
  std::string base_path;              // the echo may also carry the target's base path
  std::optional<std::string>
      message;  // message.mismatch: this exact message, not the catalog's rule
};

// code.undocumented, code.mismatch, message.mismatch, request.mismatch.
std::vector<Finding> check_envelope(const Envelope& envelope, const Catalog& catalog,
                                    const Expectation& expect);

// The request echo for a method and a target ("/path?x=1" -> "GET /path").
std::string request_echo(std::string_view method, std::string_view target);

// The exact bytes a conforming server sends for `code`: catalog message
// (CodeEntry::canonical_message), "METHOD /path" echo (query string and
// fragment dropped). The code should be in the catalog; if it is not, the
// message is "Undocumented error.".
std::string build_envelope(const Catalog& catalog, std::string_view code, std::string_view method,
                           std::string_view path);

// Lower level: any code, request and message, written compactly in that
// order. Escaping: '"' and '\\' with a backslash, control characters as
// \u00XX, everything else copied as is (no \/, no \uXXXX for non-ASCII).
// Invalid UTF-8 in the inputs is replaced by U+FFFD, one per maximal
// ill-formed subpart (the Unicode recommended practice), so the output is
// always valid JSON that parse_envelope reads back to the same (repaired)
// three strings.
std::string build_envelope_raw(std::string_view code, std::string_view request,
                               std::string_view message);

}  // namespace errcontract
