// fuzz_envelope_roundtrip: structured input (FuzzedDataProvider) picks an
// error code (from the built-in catalog or any bytes), a method, a path and a
// message; what build_envelope_raw / build_envelope write must parse back to
// exactly what went in.
//
// Oracles (each violation aborts):
// - build_envelope_raw(code, request, message) is well-formed UTF-8 JSON that
//   parse_envelope reads with no body.* finding and no extra member, giving
//   back the three strings with each ill-formed UTF-8 subpart replaced by
//   U+FFFD (as envelope.h documents; checked against target_support's own
//   repair, not the library's);
// - request_echo(method, path) is "METHOD " plus the path without query
//   string or fragment;
// - build_envelope(catalog, ...) parses back to the code, the echo and the
//   catalog's canonical message ("Undocumented error." for an unknown code),
//   and check_envelope finds nothing wrong with it for the request it names;
//   for a catalogued code, an upper-case method and a path that starts with
//   '/' (after an absolute URL's scheme and host) and holds no spaces or
//   control characters, parse_envelope accepts it (ok()).
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "target_support.h"

namespace {

using errcontract::EnvelopeParse;
using errcontract::fuzz::finding_ids;
using errcontract::fuzz::has_finding;
using errcontract::fuzz::printable;
using errcontract::fuzz::repair_utf8;
using errcontract::fuzz::require;

constexpr std::string_view kTarget = "fuzz_envelope_roundtrip";
constexpr std::array<const char*, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                 "PATCH", "DELETE", "OPTIONS"};

EnvelopeParse parse_unlimited(std::string_view body) {
  errcontract::ParseOptions options;
  options.max_bytes = std::numeric_limits<std::size_t>::max();
  return errcontract::parse_envelope(body, options);
}

bool has_space_or_control(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return true;
  }
  return false;
}

void check_raw(const std::string& code, const std::string& request, const std::string& message) {
  const std::string body = errcontract::build_envelope_raw(code, request, message);
  require(errcontract::fuzz::is_valid_utf8(body), kTarget, "build_envelope_raw wrote non-UTF-8 {}",
          printable(body));
  const EnvelopeParse parse = parse_unlimited(body);
  require(parse.envelope.has_value() && !errcontract::fuzz::has_body_finding(parse.findings),
          kTarget, "build_envelope_raw wrote {}, which parses with [{}]", printable(body),
          finding_ids(parse.findings));
  const errcontract::Envelope& e = *parse.envelope;
  require(e.extra_members.empty() && !e.code_was_number, kTarget,
          "build_envelope_raw wrote extra members or a number: {}", printable(body));
  require(e.error_code == repair_utf8(code), kTarget, "error_code {} came back as {}",
          printable(code), printable(e.error_code));
  require(e.request == repair_utf8(request), kTarget, "request {} came back as {}",
          printable(request), printable(e.request));
  require(e.message == repair_utf8(message), kTarget, "message {} came back as {}",
          printable(message), printable(e.message));
}

std::string expected_echo_path(std::string_view target) {
  if (!target.empty() && target[0] != '/') {
    for (const std::string_view scheme : {"http://", "https://"}) {
      if (target.substr(0, scheme.size()) == scheme) {
        const std::size_t slash = target.find('/', scheme.size());
        target = slash == std::string_view::npos ? std::string_view() : target.substr(slash);
        break;
      }
    }
  }
  target = target.substr(0, target.find_first_of("?#"));
  return target.empty() ? std::string("/") : std::string(target);
}

void check_built(const errcontract::Catalog& catalog, const std::string& code,
                 const std::string& method, const std::string& path) {
  const std::string echo = errcontract::request_echo(method, path);
  const std::string echo_path = expected_echo_path(path);
  require(echo == method + " " + echo_path, kTarget, "request_echo({}, {}) is {}, expected {}",
          printable(method), printable(path), printable(echo), printable(method + " " + echo_path));

  const std::string body = errcontract::build_envelope(catalog, code, method, path);
  const EnvelopeParse parse = parse_unlimited(body);
  require(parse.envelope.has_value() && !errcontract::fuzz::has_body_finding(parse.findings),
          kTarget, "build_envelope wrote {}, which parses with [{}]", printable(body),
          finding_ids(parse.findings));
  const errcontract::CodeEntry* entry = catalog.find(code);
  const std::string message = entry ? entry->canonical_message() : "Undocumented error.";
  const errcontract::Envelope& e = *parse.envelope;
  require(e.error_code == repair_utf8(code) && e.request == repair_utf8(echo) &&
              e.message == repair_utf8(message),
          kTarget, "build_envelope for {} {} {} wrote {}", printable(code), printable(method),
          printable(path), printable(body));

  errcontract::Expectation expect;
  expect.code = code;
  expect.method = method;
  expect.path = path;
  const auto findings = errcontract::check_envelope(e, catalog, expect);
  require(has_finding(findings, "code.undocumented") == (entry == nullptr), kTarget,
          "code {} is {}catalogued, check_envelope says [{}]", printable(code), entry ? "" : "not ",
          finding_ids(findings));
  const bool clean_input = errcontract::fuzz::is_valid_utf8(code) &&
                           errcontract::fuzz::is_valid_utf8(method) &&
                           errcontract::fuzz::is_valid_utf8(path);
  if (entry != nullptr && clean_input && method.find(' ') == std::string::npos) {
    require(findings.empty(), kTarget, "check_envelope rejects build_envelope({}, {}, {}): [{}]",
            code, printable(method), printable(path), finding_ids(findings));
  }
  // Only origin-form and absolute-form targets echo as "/path"; "*" or
  // "20101" cannot be a request's path, so their echo is malformed by design.
  if (entry != nullptr && errcontract::fuzz::is_upper_word(method) && echo_path[0] == '/' &&
      !has_space_or_control(echo_path) && errcontract::fuzz::is_valid_utf8(echo_path)) {
    require(parse.ok(), kTarget, "parse_envelope rejects build_envelope({}, {}, {}): [{}]", code,
            method, printable(path), finding_ids(parse.findings));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const errcontract::Catalog& catalog = errcontract::Catalog::builtin();
  FuzzedDataProvider in(data, size);
  std::string code;
  if (in.ConsumeBool() && !catalog.entries().empty()) {
    code =
        catalog.entries()[in.ConsumeIntegralInRange<std::size_t>(0, catalog.entries().size() - 1)]
            .code;
  } else {
    code = in.ConsumeRandomLengthString(16);
  }
  const std::string method = in.ConsumeBool() ? std::string(in.PickValueInArray(kMethods))
                                              : in.ConsumeRandomLengthString(12);
  const std::string path = in.ConsumeRandomLengthString(512);
  const std::string message = in.ConsumeRemainingBytesAsString();

  check_raw(code, method + " " + path, message);
  check_built(catalog, code, method, path);
  return 0;
}
