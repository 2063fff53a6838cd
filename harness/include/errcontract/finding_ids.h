// The one table of finding ids: every id a check or the runner can raise,
// with the check that raises it, its severity and what it means. A finding
// is built from a FindingId, never from a string, so an id that is not in
// this table cannot be raised; `errcontract checks` prints the table and
// docs/findings.md is tested against it (tests/unit/checks/finding_ids_test.cc).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace errcontract {

enum class Severity { kError, kWarning };

// X(enumerator, id, check, severity, lenient, disable, meaning), in the order
// the checks run. `lenient`: kLenientWarning when --lenient makes the finding
// a warning. `disable`: kFixed when --disable-check may not turn it off.
#define ERRC_FINDINGS(X)                                                                        \
  X(kStatusMismatch, "status.mismatch", "status", kError, kStrict, kToggle,                     \
    "the trigger's HTTP status is not the expected one (the case's expect.status, else the "    \
    "catalog's status for the code)")                                                           \
  X(kStatusAlternative, "status.alternative", "status", kWarning, kStrict, kToggle,             \
    "the trigger's HTTP status is one of the code's documented alternatives, not its main "     \
    "status; an error under --strict-status")                                                   \
  X(kContentTypeNotJson, "content_type.not_json", "content_type", kError, kLenientWarning,      \
    kToggle,                                                                                    \
    "the trigger's Content-Type is missing, is not application/json, or names a charset other " \
    "than utf-8")                                                                               \
  X(kBodyEmpty, "body.empty", "body", kError, kStrict, kToggle,                                 \
    "the body is empty, or holds only JSON whitespace")                                         \
  X(kBodyTooLarge, "body.too_large", "body", kError, kStrict, kToggle,                          \
    "the body is larger than the limit (1 MiB) and is not parsed")                              \
  X(kBodyNotJson, "body.not_json", "body", kError, kStrict, kToggle,                            \
    "the body is not JSON (RFC 8259)")                                                          \
  X(kBodyInvalidUtf8, "body.invalid_utf8", "body", kError, kStrict, kToggle,                    \
    "the body holds bytes that are not UTF-8")                                                  \
  X(kBodyLoneSurrogate, "body.lone_surrogate", "body", kError, kStrict, kToggle,                \
    "a \\uD800-\\uDFFF escape that is not half of a surrogate pair")                            \
  X(kBodyDuplicateKey, "body.duplicate_key", "body", kError, kStrict, kToggle,                  \
    "an object, at any depth, names the same member twice")                                     \
  X(kBodyTooDeep, "body.too_deep", "body", kError, kStrict, kToggle,                            \
    "objects or arrays nested deeper than the limit (32)")                                      \
  X(kBodyTrailingBytes, "body.trailing_bytes", "body", kError, kStrict, kToggle,                \
    "bytes other than whitespace after the JSON value")                                         \
  X(kEnvelopeNotObject, "envelope.not_object", "envelope", kError, kStrict, kToggle,            \
    "the body is JSON but not an object")                                                       \
  X(kEnvelopeMissingField, "envelope.missing_field", "envelope", kError, kStrict, kToggle,      \
    "error_code, request or message is missing")                                                \
  X(kEnvelopeWrongType, "envelope.wrong_type", "envelope", kError, kStrict, kToggle,            \
    "error_code, request or message is not a string (error_code may also be a number)")         \
  X(kEnvelopeExtraMember, "envelope.extra_member", "envelope", kWarning, kStrict, kToggle,      \
    "a member other than error_code, request and message")                                      \
  X(kCodeNumeric, "code.numeric", "code", kError, kLenientWarning, kToggle,                     \
    "error_code is a JSON number, not a string")                                                \
  X(kCodeMalformed, "code.malformed", "code", kError, kStrict, kToggle,                         \
    "error_code is not five digits whose first (the level) is 1 or 2")                          \
  X(kCodeUndocumented, "code.undocumented", "code", kError, kStrict, kToggle,                   \
    "error_code is not in the catalog")                                                         \
  X(kCodeMismatch, "code.mismatch", "code", kError, kStrict, kToggle,                           \
    "error_code is not the code the case expects")                                              \
  X(kMessageEmpty, "message.empty", "message", kError, kStrict, kToggle,                        \
    "message is the empty string")                                                              \
  X(kMessageMismatch, "message.mismatch", "message", kError, kStrict, kToggle,                  \
    "message breaks the code's message rule, or is not the case's expect.message")              \
  X(kRequestMalformed, "request.malformed", "request", kError, kStrict, kToggle,                \
    "request is not \"METHOD /path\"")                                                          \
  X(kRequestMismatch, "request.mismatch", "request", kError, kStrict, kToggle,                  \
    "request does not name the request that was sent")                                          \
  X(kStepStatus, "step.status", "step", kError, kStrict, kToggle,                               \
    "a setup or teardown step's HTTP status is not its expect.status (or 2xx); a warning in "   \
    "teardown")                                                                                 \
  X(kSetupFailed, "setup.failed", "runner", kError, kStrict, kFixed,                            \
    "a setup step failed, so the trigger request was not sent")                                 \
  X(kTeardownFailed, "teardown.failed", "runner", kWarning, kStrict, kToggle,                   \
    "a teardown step failed; what it should remove may be left on the target")

enum class FindingId : std::uint8_t {
#define ERRC_FINDING_ENUMERATOR(name, id, check, severity, lenient, disable, meaning) name,
  ERRC_FINDINGS(ERRC_FINDING_ENUMERATOR)
#undef ERRC_FINDING_ENUMERATOR
};

enum class LenientRule : std::uint8_t { kStrict, kLenientWarning };
enum class DisableRule : std::uint8_t { kToggle, kFixed };

struct FindingInfo {
  FindingId id;
  std::string_view name;   // "code.numeric"
  std::string_view check;  // the check that raises it: "code"
  Severity severity;       // without --lenient
  LenientRule lenient;     // kLenientWarning: a warning with --lenient
  DisableRule disable;     // kFixed: --disable-check refuses it
  std::string_view meaning;
};

// Every id, in table order.
std::span<const FindingInfo> finding_table();
const FindingInfo& info(FindingId id);
std::string_view to_string(FindingId id);
std::ostream& operator<<(std::ostream& out, FindingId id);
inline bool operator==(FindingId id, std::string_view name) { return to_string(id) == name; }

// The severity of `id` in a run with or without --lenient.
Severity severity_of(FindingId id, bool lenient);

// The id named `name`, or nullopt.
std::optional<FindingId> find_finding_id(std::string_view name);

// What is wrong with `--disable-check name`, or "" when it names an id that
// can be turned off: `unknown finding id "code.numberic" (did you mean
// "code.numeric"?; `errcontract checks` lists them)`.
std::string disable_check_problem(std::string_view name);

}  // namespace errcontract
