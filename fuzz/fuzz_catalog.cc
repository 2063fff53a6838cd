// fuzz_catalog: arbitrary bytes into Catalog::parse (the loader behind
// --catalog and the built-in table).
//
// Oracles (each violation aborts):
// - a rejected catalog gets kInvalidInput and a message that starts with the
//   source name (so the user sees which file);
// - an accepted catalog is consistent: codes unique and found by find(), five
//   digits led by the level, module and detail taken from the code, statuses
//   100-599, a message for the exact and prefix rules ("..." for prefix) and
//   none for any, documented_count() counting the "table" entries;
// - the contract closes on itself: for every entry, the envelope a
//   conforming server sends (build_envelope) parses with no error
//   (parse_envelope(...).ok()) and check_envelope against the same catalog,
//   for the request it names, finds nothing.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "target_support.h"

namespace {

using errcontract::CodeEntry;
using errcontract::MessageRule;
using errcontract::fuzz::finding_ids;
using errcontract::fuzz::printable;
using errcontract::fuzz::require;

constexpr std::string_view kTarget = "fuzz_catalog";
constexpr std::string_view kSource = "fuzz-catalog.json";
// Envelopes are built for at most this many entries per input, to keep the
// target fast on large inputs; the seeds hold smaller catalogs.
constexpr std::size_t kMaxEnvelopeChecks = 64;

bool all_digits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void check_entry(const errcontract::Catalog& catalog, const CodeEntry& e) {
  require(catalog.find(e.code) == &e, kTarget, "find({}) does not return its entry",
          printable(e.code));
  require(e.code.size() == 5 && all_digits(e.code) && (e.code[0] == '1' || e.code[0] == '2') &&
              e.level == e.code[0] - '0' && e.module == e.code.substr(1, 2) &&
              e.detail == e.code.substr(3, 2),
          kTarget, "accepted code {} level {} module {} detail {}", printable(e.code), e.level,
          printable(e.module), printable(e.detail));
  require(e.status >= 100 && e.status <= 599, kTarget, "accepted status {} for {}", e.status,
          e.code);
  const bool message_ok = e.message_rule == MessageRule::kAny
                              ? e.message.empty()
                              : !e.message.empty() && (e.message_rule != MessageRule::kPrefix ||
                                                       e.message.find("...") != std::string::npos);
  require(message_ok, kTarget, "accepted message {} with rule {} for {}", printable(e.message),
          errcontract::to_string(e.message_rule), e.code);
  require(e.source == "table" || e.source == "extension", kTarget, "accepted source {}",
          printable(e.source));
}

void check_envelope_closes(const errcontract::Catalog& catalog, const CodeEntry& e) {
  const std::string body = errcontract::build_envelope(catalog, e.code, "PUT", "/operators/");
  const errcontract::EnvelopeParse parse = errcontract::parse_envelope(body);
  require(parse.ok(), kTarget, "the conforming envelope for {} ({} rule, message {}) is {}: [{}]",
          e.code, errcontract::to_string(e.message_rule), printable(e.message), printable(body),
          finding_ids(parse.findings));
  errcontract::Expectation expect;
  expect.code = e.code;
  expect.method = "PUT";
  expect.path = "/operators/";
  const auto findings = errcontract::check_envelope(*parse.envelope, catalog, expect);
  require(findings.empty(), kTarget, "check_envelope rejects the conforming envelope {}: [{}]",
          printable(body), finding_ids(findings));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const auto catalog = errcontract::Catalog::parse(json, kSource);
  if (!catalog.ok()) {
    require(catalog.status().code() == errcontract::StatusCode::kInvalidInput &&
                catalog.status().message().rfind(kSource, 0) == 0,
            kTarget, "a bad catalog gives {}", printable(catalog.status().message()));
    return 0;
  }
  std::set<std::string> codes;
  std::size_t table = 0;
  for (const CodeEntry& e : catalog->entries()) {
    require(codes.insert(e.code).second, kTarget, "duplicate code {} accepted", e.code);
    check_entry(*catalog, e);
    if (!e.is_extension()) ++table;
    if (codes.size() <= kMaxEnvelopeChecks) check_envelope_closes(*catalog, e);
  }
  require(catalog->documented_count() == table, kTarget, "documented_count() is {}, expected {}",
          catalog->documented_count(), table);
  return 0;
}
