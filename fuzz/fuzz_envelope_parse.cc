// fuzz_envelope_parse: arbitrary bytes as a response body into parse_envelope.
//
// Oracles (each violation aborts):
// - no crash, no sanitizer report;
// - deterministic: the same bytes parsed again give the same findings;
// - every finding has an id and a message, and its offset lies inside the body;
// - --lenient changes only the severity of code.numeric;
// - an invalid envelope is never accepted: ok() implies well-formed UTF-8, a
//   string code of five digits led by 1 or 2, "METHOD /path" and a message;
// - round trip: an envelope the JSON layer accepted, written again with
//   build_envelope_raw and parsed again, gives the same three strings and the
//   same envelope-level findings (extra members and a numeric code aside).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/envelope.h"
#include "target_support.h"

namespace {

using errcontract::EnvelopeParse;
using errcontract::Finding;
using errcontract::ParseOptions;
using errcontract::Severity;
using errcontract::fuzz::finding_ids;
using errcontract::fuzz::printable;
using errcontract::fuzz::require;

constexpr std::string_view kTarget = "fuzz_envelope_parse";

bool same_findings(const std::vector<Finding>& a, const std::vector<Finding>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].id != b[i].id || a[i].severity != b[i].severity || a[i].message != b[i].message ||
        a[i].offset != b[i].offset || a[i].pointer != b[i].pointer) {
      return false;
    }
  }
  return true;
}

bool is_code(std::string_view code) {
  if (code.size() != 5 || (code[0] != '1' && code[0] != '2')) return false;
  return std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_request_echo(std::string_view request) {
  const std::size_t space = request.find(' ');
  if (space == 0 || space == std::string_view::npos) return false;
  for (std::size_t i = 0; i < space; ++i) {
    if (request[i] < 'A' || request[i] > 'Z') return false;
  }
  const std::string_view path = request.substr(space + 1);
  if (path.empty() || path[0] != '/') return false;
  return std::none_of(path.begin(), path.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7F;
  });
}

void check_findings_well_formed(std::string_view body, const EnvelopeParse& parse) {
  for (const Finding& f : parse.findings) {
    require(!f.message.empty(), kTarget, "a finding without a message: {}",
            finding_ids(parse.findings));
    if (f.id == "body.too_large") continue;  // its offset is the limit
    require(!f.offset || *f.offset <= body.size(), kTarget,
            "finding {} at byte {} is past the end of a {}-byte body", to_string(f.id), *f.offset,
            body.size());
  }
}

void check_lenient(const EnvelopeParse& strict, const EnvelopeParse& lenient) {
  require(strict.findings.size() == lenient.findings.size() &&
              strict.envelope.has_value() == lenient.envelope.has_value(),
          kTarget, "--lenient changed more than severities: strict [{}], lenient [{}]",
          finding_ids(strict.findings), finding_ids(lenient.findings));
  for (std::size_t i = 0; i < strict.findings.size(); ++i) {
    const Finding& s = strict.findings[i];
    const Finding& l = lenient.findings[i];
    const bool severity_ok =
        s.id == "code.numeric" ? l.severity == Severity::kWarning : l.severity == s.severity;
    require(s.id == l.id && severity_ok, kTarget, "--lenient changed finding {} ({}) into {} ({})",
            to_string(s.id), errcontract::to_string(s.severity), to_string(l.id),
            errcontract::to_string(l.severity));
  }
}

void check_accepted(std::string_view body, const EnvelopeParse& parse) {
  if (!parse.ok()) return;
  const errcontract::Envelope& e = *parse.envelope;
  require(errcontract::fuzz::is_valid_utf8(body), kTarget, "accepted a body that is not UTF-8: {}",
          printable(body));
  require(!e.code_was_number && is_code(e.error_code), kTarget, "accepted error_code {}",
          printable(e.error_code));
  require(is_request_echo(e.request), kTarget, "accepted request {}", printable(e.request));
  require(!e.message.empty(), kTarget, "accepted an empty message");
}

// The envelope-level ids of a parse, without those a rebuilt body cannot repeat.
std::vector<std::string> comparable_ids(const EnvelopeParse& parse) {
  std::vector<std::string> ids;
  for (const Finding& f : parse.findings) {
    if (f.id != "envelope.extra_member" && f.id != "code.numeric")
      ids.emplace_back(to_string(f.id));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

void check_round_trip(const EnvelopeParse& parse) {
  if (!parse.envelope || errcontract::fuzz::has_body_finding(parse.findings)) return;
  const errcontract::Envelope& e = *parse.envelope;
  for (const std::string* text : {&e.error_code, &e.request, &e.message}) {
    require(errcontract::fuzz::is_valid_utf8(*text), kTarget,
            "the parser returned a member value that is not UTF-8: {}", printable(*text));
  }
  const std::string rebuilt = errcontract::build_envelope_raw(e.error_code, e.request, e.message);
  ParseOptions unlimited;
  unlimited.max_bytes = std::numeric_limits<std::size_t>::max();
  const EnvelopeParse again = errcontract::parse_envelope(rebuilt, unlimited);
  require(again.envelope.has_value() && !errcontract::fuzz::has_body_finding(again.findings),
          kTarget, "the rebuilt body {} does not parse: {}", printable(rebuilt),
          finding_ids(again.findings));
  require(again.envelope->error_code == e.error_code && again.envelope->request == e.request &&
              again.envelope->message == e.message,
          kTarget, "round trip changed the values: {} {} {} became {} {} {}",
          printable(e.error_code), printable(e.request), printable(e.message),
          printable(again.envelope->error_code), printable(again.envelope->request),
          printable(again.envelope->message));
  require(comparable_ids(again) == comparable_ids(parse), kTarget,
          "round trip changed the findings: [{}] became [{}]", finding_ids(parse.findings),
          finding_ids(again.findings));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const EnvelopeParse strict = errcontract::parse_envelope(body);
  const EnvelopeParse repeat = errcontract::parse_envelope(body);
  require(same_findings(strict.findings, repeat.findings) &&
              strict.envelope.has_value() == repeat.envelope.has_value(),
          kTarget, "two parses of the same bytes differ: [{}] then [{}]",
          finding_ids(strict.findings), finding_ids(repeat.findings));
  check_findings_well_formed(body, strict);

  ParseOptions lenient_options;
  lenient_options.lenient = true;
  check_lenient(strict, errcontract::parse_envelope(body, lenient_options));

  check_accepted(body, strict);
  check_round_trip(strict);
  return 0;
}
