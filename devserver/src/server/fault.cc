// Each mode breaks exactly one rule of the contract where it can, so that a
// test can tell which check caught it: the other members, the status and the
// Content-Type stay as the conforming server sent them.
#include "server/fault.h"

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <optional>

#include "errcontract/envelope.h"

namespace errcontract {

const std::vector<FaultModeInfo>& fault_modes() {
  static const std::vector<FaultModeInfo> kModes = {
      {FaultMode::kWrongStatus,
       "wrong-status",
       "another error status: 409 for a code whose status is 400, 400 for every other code",
       {"status.mismatch"}},
      {FaultMode::kStatus200,
       "status-200",
       "status 200 with the unchanged error body",
       {"status.mismatch"}},
      {FaultMode::kOtherCode,
       "other-code",
       "the next code of the catalog, with that code's message (status unchanged)",
       {"code.mismatch"}},
      {FaultMode::kNumericCode,
       "numeric-code",
       "error_code as a JSON number: \"error_code\":21402",
       {"code.numeric"}},
      {FaultMode::kUndocumentedCode,
       "undocumented-code",
       "a code of the same module that the catalog does not hold (21499 for 21402)",
       {"code.undocumented", "code.mismatch"}},
      {FaultMode::kSystemLevelCode,
       "system-level-code",
       "a module code sent at system level (21402 as 11402); system codes are left alone",
       {"code.undocumented", "code.mismatch"}},
      {FaultMode::kMissingErrorCode,
       "missing-error-code",
       "no \"error_code\" member",
       {"envelope.missing_field"}},
      {FaultMode::kMissingRequest,
       "missing-request",
       "no \"request\" member",
       {"envelope.missing_field"}},
      {FaultMode::kMissingMessage,
       "missing-message",
       "no \"message\" member",
       {"envelope.missing_field"}},
      {FaultMode::kWrongRequest,
       "wrong-request",
       "\"request\" names another path: the trailing slash dropped (or added)",
       {"request.mismatch"}},
      {FaultMode::kSingleQuotedRequest,
       "single-quoted-request",
       "the table's own example layout: \"request\": 'PUT /operators/'",
       {"body.not_json"}},
      {FaultMode::kHtmlPage,
       "html-page",
       "a text/html error page instead of the envelope",
       {"content_type.not_json", "body.not_json"}},
      {FaultMode::kTextContentType,
       "text-content-type",
       "the envelope with Content-Type: text/plain; charset=utf-8",
       {"content_type.not_json"}},
      {FaultMode::kTruncatedBody,
       "truncated-body",
       "the first half of the envelope's bytes",
       {"body.not_json"}},
      {FaultMode::kWrappedEnvelope,
       "wrapped-envelope",
       "the envelope inside another object: {\"error\":{...}}",
       {"envelope.extra_member", "envelope.missing_field"}},
      {FaultMode::kEmptyBody,
       "empty-body",
       "an empty body (Content-Type still JSON)",
       {"body.empty"}},
      {FaultMode::kOtherMessage,
       "other-message",
       "the message of the next code of the catalog (codes whose message may be any text are left "
       "alone)",
       {"message.mismatch"}},
      {FaultMode::kDuplicateKey,
       "duplicate-key",
       "\"error_code\" twice, with the same value",
       {"body.duplicate_key"}},
      {FaultMode::kInvalidUtf8,
       "invalid-utf8",
       "a 0xFF byte at the end of the message",
       {"body.invalid_utf8"}},
  };
  return kModes;
}

const FaultModeInfo* find_fault_mode(std::string_view name) {
  for (const FaultModeInfo& info : fault_modes()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string_view to_string(FaultMode mode) {
  for (const FaultModeInfo& info : fault_modes()) {
    if (info.mode == mode) return info.name;
  }
  return "none";
}

}  // namespace errcontract

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

}  // namespace

HttpResponse apply_fault(HttpResponse response, const FaultSetting& fault, const Catalog& catalog) {
  if (fault.mode == FaultMode::kNone || response.status < 400) return response;
  const EnvelopeParse parse = parse_envelope(response.body);
  if (!parse.envelope) return response;
  const Envelope& env = *parse.envelope;
  if (!fault.only_code.empty() && env.error_code != fault.only_code) return response;

  const std::string code = quoted(env.error_code);
  const std::string request = quoted(env.request);
  const std::string message = quoted(env.message);
  switch (fault.mode) {
    case FaultMode::kNone:
      break;
    case FaultMode::kWrongStatus:
      response.status = response.status == 400 ? 409 : 400;
      break;
    case FaultMode::kStatus200:
      response.status = 200;
      break;
    case FaultMode::kOtherCode: {
      const CodeEntry* other = next_entry(catalog, env.error_code);
      if (other == nullptr) return response;
      response.body = build_envelope_raw(other->code, env.request, other->canonical_message());
      break;
    }
    case FaultMode::kNumericCode:
      response.body =
          object({{"error_code", env.error_code}, {"request", request}, {"message", message}});
      break;
    case FaultMode::kUndocumentedCode:
      response.body =
          build_envelope_raw(undocumented_code(catalog, env.error_code), env.request, env.message);
      break;
    case FaultMode::kSystemLevelCode:
      if (env.error_code.size() != 5 || env.error_code[0] != '2') return response;
      response.body = build_envelope_raw("1" + env.error_code.substr(1), env.request, env.message);
      break;
    case FaultMode::kMissingErrorCode:
      response.body = object({{"request", request}, {"message", message}});
      break;
    case FaultMode::kMissingRequest:
      response.body = object({{"error_code", code}, {"message", message}});
      break;
    case FaultMode::kMissingMessage:
      response.body = object({{"error_code", code}, {"request", request}});
      break;
    case FaultMode::kWrongRequest:
      response.body = build_envelope_raw(env.error_code, other_path_echo(env.request), env.message);
      break;
    case FaultMode::kSingleQuotedRequest:
      // Byte for byte the layout of the table's example (docs/error-codes.txt).
      response.body = fmt::format(
          "{{\n    \"error_code\": {},\n    \"request\": '{}',\n\t\"message\" : {}\n}}\n", code,
          env.request, message);
      break;
    case FaultMode::kHtmlPage:
      set_content_type(response, "text/html; charset=utf-8");
      response.body = html_page(response.status, env.message);
      break;
    case FaultMode::kTextContentType:
      set_content_type(response, "text/plain; charset=utf-8");
      break;
    case FaultMode::kTruncatedBody:
      response.body.resize(response.body.size() / 2);
      break;
    case FaultMode::kWrappedEnvelope:
      response.body = "{\"error\":" + response.body + "}";
      break;
    case FaultMode::kEmptyBody:
      response.body.clear();
      break;
    case FaultMode::kOtherMessage: {
      // Where the table has no English message any text passes: left alone.
      const CodeEntry* entry = catalog.find(env.error_code);
      if (entry != nullptr && entry->message_rule == MessageRule::kAny) return response;
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
      if (other.empty()) return response;
      response.body = build_envelope_raw(env.error_code, env.request, other);
      break;
    }
    case FaultMode::kDuplicateKey:
      response.body = object(
          {{"error_code", code}, {"error_code", code}, {"request", request}, {"message", message}});
      break;
    case FaultMode::kInvalidUtf8:
      response.body = object({{"error_code", code},
                              {"request", request},
                              {"message", message.substr(0, message.size() - 1) + "\xFF\""}});
      break;
  }
  response.headers.emplace_back(kFaultHeader, std::string(to_string(fault.mode)));
  return response;
}

}  // namespace errcontract::internal
