// The shape every response check shares. A check is a function over one
// response (CheckInput) that adds its findings, reading what the checks
// before it left in CheckState (the body check leaves the JSON it read, the
// envelope check the members and the envelope). The table that lists the
// checks, in the order they run, is check_table.h; each check is one file
// here (status_check.cc, content_type_check.cc, body_check.cc, ...), and
// finding_ids.h names the check behind every finding id.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "errcontract/finding.h"
#include "errcontract/http.h"
#include "json/json_strict_reader.h"

namespace errcontract::internal {

struct CheckInput {
  const HttpResponse* response = nullptr;  // status and headers; null: they are not checked
  std::optional<std::string_view> body;    // the body to read; unset: CheckState has the envelope
  ParseOptions parse;                      // body limits, and --lenient
  const Catalog* catalog = nullptr;        // null: nothing is compared with the catalog
  Expectation expect;                      // code, message, request; unset members not checked
  std::vector<int> statuses;  // accepted statuses; empty: the catalog's status for expect.code
  bool strict_status = false;  // --strict-status: status.alternative is an error
};

// The envelope's members, in the order the body check asks the reader for them.
enum EnvelopeMember : std::size_t { kCodeMember, kRequestMember, kMessageMember, kMemberCount };
inline constexpr std::array<std::string_view, kMemberCount> kMemberNames = {"error_code", "request",
                                                                            "message"};

struct CheckState {
  std::optional<StrictRead> read;           // the body check's: set when the body was read
  std::array<bool, kMemberCount> usable{};  // the envelope check's: present with a usable type
  std::optional<Envelope> built;            // the envelope check's, when all three are usable
  const Envelope* envelope = nullptr;       // `built`, or the caller's (check_envelope)

  const RootMember& member(EnvelopeMember m) const { return read->wanted[m]; }
  // A usable member's value (moved into the envelope once it is built).
  std::string_view text(EnvelopeMember m) const;
};

using CheckFunction = void (*)(const CheckInput&, CheckState&, std::vector<Finding>&);

struct Check {
  std::string_view name;  // the `check` column of finding_ids.h ("code")
  CheckFunction run;
};

// One per file. Each does what its input allows and skips the rest.
void run_status_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_content_type_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_body_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_envelope_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_code_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_message_check(const CheckInput&, CheckState&, std::vector<Finding>&);
void run_request_check(const CheckInput&, CheckState&, std::vector<Finding>&);

// The parts of the checks that callers also use on their own.

// status.mismatch: `status` is not one of `accepted` (empty: the catalog's
// status for `code`; no finding when the catalog has none). status.alternative
// (a warning, an error when `strict`): `accepted` is empty and `status` is one
// of the code's documented status_alternatives.
std::optional<Finding> check_status(int status, const std::vector<int>& accepted,
                                    std::string_view code, const Catalog& catalog,
                                    bool strict = false);
// "400, 404 or 422".
std::string join_statuses(const std::vector<int>& statuses);

// content_type.not_json: the media type is not application/json (charset=utf-8
// is the only charset allowed). A warning when lenient.
std::optional<Finding> check_content_type(const Headers& headers, bool lenient);

// step.status for a setup or teardown step: `accepted` (or any 2xx when
// empty). `phase` ("setup[0]") and `request_line` ("PUT /operators/") name the
// step in the message. Severity error; the caller lowers it for teardown.
std::optional<Finding> check_step_status(int status, const std::vector<int>& accepted,
                                         std::string_view phase, std::string_view request_line);

}  // namespace errcontract::internal
