// Fault modes as one table: each row is a mode's --fault name, what the
// server sends instead, the findings the runner must report on an affected
// case (docs/fault-modes.md, held to this table by fault_test.cc), and the
// mutation itself. The public enum, fault_modes(), find_fault_mode() and
// apply_fault() all read this table.
//
// Each mode breaks exactly one rule of the contract where it can, so that a
// test can tell which check caught it: the other members, the status and the
// Content-Type stay as the conforming server sent them.
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <array>
#include <optional>

#include "errcontract/envelope.h"
#include "server/fault.h"

namespace errcontract::internal {
namespace {

std::string quoted(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string object(std::initializer_list<std::pair<std::string_view, std::string>> members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ',';
    out += quoted(name);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

void set_content_type(HttpResponse& response, std::string value) {
  Headers kept;
  for (auto& header : response.headers) {
    if (find_header(Headers{header}, "Content-Type") == nullptr) kept.push_back(std::move(header));
  }
  kept.emplace_back("Content-Type", std::move(value));
  response.headers = std::move(kept);
}

// The catalog entry after `code` (wrapping around), never `code` itself.
const CodeEntry* next_entry(const Catalog& catalog, std::string_view code) {
  const auto& entries = catalog.entries();
  if (entries.empty()) return nullptr;
  std::size_t start = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].code == code) start = i + 1;
  }
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const CodeEntry& e = entries[(start + k) % entries.size()];
    if (e.code != code) return &e;
  }
  return nullptr;
}

// 2MMDD -> 2MM99, 2MM98, ...: the first that the catalog does not hold.
std::string undocumented_code(const Catalog& catalog, std::string_view code) {
  const std::string head(code.substr(0, 3));
  for (int detail = 99; detail >= 0; --detail) {
    std::string candidate = fmt::format("{}{:02}", head, detail);
    if (catalog.find(candidate) == nullptr) return candidate;
  }
  return "29999";
}

std::string other_path_echo(std::string_view request) {
  const auto space = request.find(' ');
  if (space == std::string_view::npos) return std::string(request) + "x";
  const std::string_view path = request.substr(space + 1);
  std::string out(request.substr(0, space + 1));
  if (path.size() > 1 && path.back() == '/') {
    out += path.substr(0, path.size() - 1);
  } else {
    out += path;
    out += path == "/" ? "x" : "/";
  }
  return out;
}

std::string html_page(int status, std::string_view message) {
  std::string escaped;
  for (char c : message) {
    switch (c) {
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '&':
        escaped += "&amp;";
        break;
      default:
        escaped += c;
    }
  }
  return fmt::format(
      "<!DOCTYPE html>\n<html><head><title>Error {0}</title></head>\n"
      "<body><h1>Error {0}</h1><p>{1}</p><hr><address>errcontract reference server "
      "(fault: html-page)</address></body></html>\n",
      status, escaped);
}

// The message of the first code after the envelope's, in catalog order, that
// has an English message other than the envelope's; "" when there is none.
std::string other_message(const Catalog& catalog, const Envelope& env) {
  std::string other;
  std::string_view from = env.error_code;
  for (std::size_t i = 0; i < catalog.entries().size() && other.empty(); ++i) {
    const CodeEntry* next = next_entry(catalog, from);
    if (next == nullptr) break;
    from = next->code;
    if (next->message_rule != MessageRule::kAny && next->message != env.message) {
      other = next->canonical_message();
    }
  }
  return other;
}

// What a mutation sees: the conforming envelope, the catalog, and the
// envelope's members as JSON strings.
struct FaultInput {
  const Envelope& envelope;
  const Catalog& catalog;
  std::string code;
  std::string request;
  std::string message;
};

// Rewrites `response` and returns true, or returns false and leaves it
// untouched where the mode does not apply (the response then goes out
// conforming and without the fault header).
using FaultMutation = bool (*)(HttpResponse& response, const FaultInput& in);

struct FaultRow {
  FaultMode mode;
  std::string_view name;
  std::string_view description;
  std::array<std::string_view, 2> findings;  // the first is the one the mode provokes
  FaultMutation mutate;
  bool conforming = false;  // a variation the contract allows (FaultModeInfo::conforming)
};

constexpr std::array kFaultTable = {
    FaultRow{FaultMode::kWrongStatus,
             "wrong-status",
             "another error status: 409 for a code whose status is 400, 400 for every other code "
             "(422 where that is one of the code's documented alternatives)",
             {"status.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               const int other = r.status == 400 ? 409 : 400;
               const CodeEntry* entry = in.catalog.find(in.envelope.error_code);
               const bool allowed =
                   entry != nullptr &&
                   std::find(entry->status_alternatives.begin(), entry->status_alternatives.end(),
                             other) != entry->status_alternatives.end();
               r.status = allowed ? 422 : other;
               return true;
             }},
    FaultRow{FaultMode::kStatus200,
             "status-200",
             "status 200 with the unchanged error body",
             {"status.mismatch"},
             [](HttpResponse& r, const FaultInput&) {
               r.status = 200;
               return true;
             }},
    FaultRow{FaultMode::kOtherCode,
             "other-code",
             "the next code of the catalog, with that code's message (status unchanged)",
             {"code.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               const CodeEntry* other = next_entry(in.catalog, in.envelope.error_code);
               if (other == nullptr) return false;
               r.body =
                   build_envelope_raw(other->code, in.envelope.request, other->canonical_message());
               return true;
             }},
    FaultRow{FaultMode::kNumericCode,
             "numeric-code",
             "error_code as a JSON number: \"error_code\":21402",
             {"code.numeric"},
             [](HttpResponse& r, const FaultInput&) {
               r.body = with_numeric_code(std::move(r.body));
               return true;
             }},
    FaultRow{FaultMode::kUndocumentedCode,
             "undocumented-code",
             "a code of the same module that the catalog does not hold (21499 for 21402)",
             {"code.undocumented", "code.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body = build_envelope_raw(undocumented_code(in.catalog, in.envelope.error_code),
                                           in.envelope.request, in.envelope.message);
               return true;
             }},
    FaultRow{FaultMode::kSystemLevelCode,
             "system-level-code",
             "a module code sent at system level (21402 as 11402); system codes are left alone",
             {"code.undocumented", "code.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               const std::string& code = in.envelope.error_code;
               if (code.size() != 5 || code[0] != '2') return false;
               r.body = build_envelope_raw("1" + code.substr(1), in.envelope.request,
                                           in.envelope.message);
               return true;
             }},
    FaultRow{FaultMode::kMissingErrorCode,
             "missing-error-code",
             "no \"error_code\" member",
             {"envelope.missing_field"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body = object({{"request", in.request}, {"message", in.message}});
               return true;
             }},
    FaultRow{FaultMode::kMissingRequest,
             "missing-request",
             "no \"request\" member",
             {"envelope.missing_field"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body = object({{"error_code", in.code}, {"message", in.message}});
               return true;
             }},
    FaultRow{FaultMode::kMissingMessage,
             "missing-message",
             "no \"message\" member",
             {"envelope.missing_field"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body = object({{"error_code", in.code}, {"request", in.request}});
               return true;
             }},
    FaultRow{FaultMode::kWrongRequest,
             "wrong-request",
             "\"request\" names another path: the trailing slash dropped (or added)",
             {"request.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body =
                   build_envelope_raw(in.envelope.error_code, other_path_echo(in.envelope.request),
                                      in.envelope.message);
               return true;
             }},
    FaultRow{FaultMode::kSingleQuotedRequest,
             "single-quoted-request",
             "the table's own example layout: \"request\": 'PUT /operators/'",
             {"body.not_json"},
             [](HttpResponse& r, const FaultInput& in) {
               // Byte for byte the layout of the table's example (docs/error-codes.txt).
               r.body = fmt::format(
                   "{{\n    \"error_code\": {},\n    \"request\": '{}',\n\t\"message\" : {}\n}}\n",
                   in.code, in.envelope.request, in.message);
               return true;
             }},
    FaultRow{FaultMode::kHtmlPage,
             "html-page",
             "a text/html error page instead of the envelope",
             {"content_type.not_json", "body.not_json"},
             [](HttpResponse& r, const FaultInput& in) {
               set_content_type(r, "text/html; charset=utf-8");
               r.body = html_page(r.status, in.envelope.message);
               return true;
             }},
    FaultRow{FaultMode::kTextContentType,
             "text-content-type",
             "the envelope with Content-Type: text/plain; charset=utf-8",
             {"content_type.not_json"},
             [](HttpResponse& r, const FaultInput&) {
               set_content_type(r, "text/plain; charset=utf-8");
               return true;
             }},
    FaultRow{FaultMode::kTruncatedBody,
             "truncated-body",
             "the first half of the envelope's bytes",
             {"body.not_json"},
             [](HttpResponse& r, const FaultInput&) {
               r.body.resize(r.body.size() / 2);
               return true;
             }},
    FaultRow{FaultMode::kWrappedEnvelope,
             "wrapped-envelope",
             "the envelope inside another object: {\"error\":{...}}",
             {"envelope.extra_member", "envelope.missing_field"},
             [](HttpResponse& r, const FaultInput&) {
               r.body = "{\"error\":" + r.body + "}";
               return true;
             }},
    FaultRow{FaultMode::kEmptyBody,
             "empty-body",
             "an empty body (Content-Type still JSON)",
             {"body.empty"},
             [](HttpResponse& r, const FaultInput&) {
               r.body.clear();
               return true;
             }},
    FaultRow{FaultMode::kOtherMessage,
             "other-message",
             "the message of the next code of the catalog (codes whose message may be any text "
             "are left alone)",
             {"message.mismatch"},
             [](HttpResponse& r, const FaultInput& in) {
               // Where the table has no English message any text passes: left alone.
               const CodeEntry* entry = in.catalog.find(in.envelope.error_code);
               if (entry != nullptr && entry->message_rule == MessageRule::kAny) return false;
               const std::string other = other_message(in.catalog, in.envelope);
               if (other.empty()) return false;
               r.body = build_envelope_raw(in.envelope.error_code, in.envelope.request, other);
               return true;
             }},
    FaultRow{FaultMode::kDuplicateKey,
             "duplicate-key",
             "\"error_code\" twice, with the same value",
             {"body.duplicate_key"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body = object({{"error_code", in.code},
                                {"error_code", in.code},
                                {"request", in.request},
                                {"message", in.message}});
               return true;
             }},
    FaultRow{FaultMode::kInvalidUtf8,
             "invalid-utf8",
             "a 0xFF byte at the end of the message",
             {"body.invalid_utf8"},
             [](HttpResponse& r, const FaultInput& in) {
               r.body =
                   object({{"error_code", in.code},
                           {"request", in.request},
                           {"message", in.message.substr(0, in.message.size() - 1) + "\xFF\""}});
               return true;
             }},
    FaultRow{FaultMode::kAlternativeStatus,
             "alternative-status",
             "the code's first documented alternative status (21103: 429 for 403); codes "
             "without alternatives are left alone. Conforming: warnings, failures under "
             "--strict-status",
             {"status.alternative"},
             [](HttpResponse& r, const FaultInput& in) {
               const CodeEntry* entry = in.catalog.find(in.envelope.error_code);
               if (entry == nullptr || entry->status_alternatives.empty()) return false;
               r.status = entry->status_alternatives.front();
               return true;
             },
             true},
};

// The rows follow the enum (kNone has none), so a mode's row is at its value - 1.
constexpr bool rows_follow_the_enum() {
  for (std::size_t i = 0; i < kFaultTable.size(); ++i) {
    if (static_cast<std::size_t>(kFaultTable[i].mode) != i + 1) return false;
  }
  return static_cast<std::size_t>(FaultMode::kAlternativeStatus) == kFaultTable.size();
}
static_assert(rows_follow_the_enum(), "one row per FaultMode, in declaration order");

const FaultRow* row_of(FaultMode mode) {
  const auto index = static_cast<std::size_t>(mode);
  return index == 0 || index > kFaultTable.size() ? nullptr : &kFaultTable[index - 1];
}

}  // namespace

std::string with_numeric_code(std::string body) {
  const EnvelopeParse parse = parse_envelope(body);
  if (!parse.envelope) return body;
  const std::string& code = parse.envelope->error_code;
  if (code.empty() || code.size() > 9 ||
      code.find_first_not_of("0123456789") != std::string::npos || code[0] == '0') {
    return body;  // only a number JSON can write back as the same digits
  }
  return object({{"error_code", code},
                 {"request", quoted(parse.envelope->request)},
                 {"message", quoted(parse.envelope->message)}});
}

HttpResponse apply_fault(HttpResponse response, const FaultSetting& fault, const Catalog& catalog) {
  const FaultRow* row = row_of(fault.mode);
  if (row == nullptr || response.status < 400) return response;
  const EnvelopeParse parse = parse_envelope(response.body);
  if (!parse.envelope) return response;
  const Envelope& env = *parse.envelope;
  if (!fault.only_code.empty() && env.error_code != fault.only_code) return response;
  const FaultInput in{env, catalog, quoted(env.error_code), quoted(env.request),
                      quoted(env.message)};
  if (!row->mutate(response, in)) return response;
  response.headers.emplace_back(kFaultHeader, std::string(row->name));
  return response;
}

}  // namespace errcontract::internal

namespace errcontract {

const std::vector<FaultModeInfo>& fault_modes() {
  static const std::vector<FaultModeInfo> kModes = [] {
    std::vector<FaultModeInfo> modes;
    for (const internal::FaultRow& row : internal::kFaultTable) {
      FaultModeInfo info{row.mode, row.name, row.description, {}, row.conforming};
      for (std::string_view id : row.findings) {
        if (!id.empty()) info.findings.push_back(id);
      }
      modes.push_back(std::move(info));
    }
    return modes;
  }();
  return kModes;
}

const FaultModeInfo* find_fault_mode(std::string_view name) {
  for (const FaultModeInfo& info : fault_modes()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string_view to_string(FaultMode mode) {
  const internal::FaultRow* row = internal::row_of(mode);
  return row == nullptr ? "none" : row->name;
}

}  // namespace errcontract
