// parse_envelope: the strict JSON layer (json_strict_reader) first, then the
// envelope's own rules on the three members.
#include <fmt/format.h>

#include "errcontract/envelope.h"
#include "json/json_strict_reader.h"
#include "result/finding_text.h"

namespace errcontract {
namespace {

using internal::JsonType;
using internal::make_finding;
using internal::quote_snippet;
using internal::RootMember;

constexpr std::string_view kMemberNames[] = {"error_code", "request", "message"};
constexpr std::size_t kCode = 0;
constexpr std::size_t kRequest = 1;
constexpr std::size_t kMessage = 2;
constexpr std::size_t kMemberCount = 3;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What is wrong with an error_code, or "" when it is five digits led by 1 or 2.
std::string_view code_problem(std::string_view code) {
  if (code.size() != 5) return "it must be exactly 5 digits";
  for (const char c : code) {
    if (!is_digit(c)) return "it must be exactly 5 digits";
  }
  if (code[0] != '1' && code[0] != '2') {
    return "its first digit is the level and must be 1 (system) or 2 (module)";
  }
  return {};
}

// What is wrong with a request echo, or "" when it is "METHOD /path".
std::string_view request_problem(std::string_view request) {
  const std::size_t space = request.find(' ');
  if (space == std::string_view::npos) return "it needs a method, one space and a path";
  if (space == 0) return "the method is missing";
  for (const char c : request.substr(0, space)) {
    if (c < 'A' || c > 'Z') return "the method must be upper-case letters";
  }
  const std::string_view path = request.substr(space + 1);
  if (path.empty() || path.front() != '/') return "the path must start with '/'";
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return "the path must not hold spaces or control characters";
  }
  return {};
}

std::string member_pointer(std::size_t member) { return fmt::format("/{}", kMemberNames[member]); }

// Adds envelope.missing_field or envelope.wrong_type when `member` is not of
// one of the accepted types; returns whether it is usable.
bool check_presence(const RootMember& m, std::size_t member, bool number_ok,
                    std::vector<Finding>& findings) {
  const std::string_view name = kMemberNames[member];
  if (!m.present) {
    findings.push_back(make_finding("envelope.missing_field",
                                    fmt::format("the envelope has no \"{}\" member", name),
                                    std::nullopt, member_pointer(member)));
    return false;
  }
  if (m.type == JsonType::kString || (number_ok && m.type == JsonType::kNumber)) return true;
  findings.push_back(make_finding("envelope.wrong_type",
                                  fmt::format("\"{}\" at byte {} is {}; it must be a string", name,
                                              m.value_offset, describe_json_type(m.type)),
                                  m.value_offset, member_pointer(member)));
  return false;
}

void check_code(const RootMember& m, const ParseOptions& options, std::vector<Finding>& findings) {
  if (m.type == JsonType::kNumber) {
    findings.push_back(make_finding(
        "code.numeric",
        fmt::format("\"error_code\" at byte {} is the number {}; the contract requires the string "
                    "\"{}\"{}",
                    m.value_offset, m.text, m.text,
                    options.lenient ? " (a warning under --lenient)" : ""),
        m.value_offset, member_pointer(kCode),
        options.lenient ? Severity::kWarning : Severity::kError));
  }
  const std::string_view problem = code_problem(m.text);
  if (!problem.empty()) {
    findings.push_back(make_finding("code.malformed",
                                    fmt::format("\"error_code\" {} at byte {} is malformed: {}",
                                                quote_snippet(m.text), m.value_offset, problem),
                                    m.value_offset, member_pointer(kCode)));
  }
}

void check_request(const RootMember& m, std::vector<Finding>& findings) {
  const std::string_view problem = request_problem(m.text);
  if (problem.empty()) return;
  findings.push_back(
      make_finding("request.malformed",
                   fmt::format("\"request\" {} at byte {} is not \"METHOD /path\": {}",
                               quote_snippet(m.text), m.value_offset, problem),
                   m.value_offset, member_pointer(kRequest)));
}

void check_message(const RootMember& m, std::vector<Finding>& findings) {
  if (!m.text.empty()) return;
  findings.push_back(make_finding("message.empty",
                                  fmt::format("\"message\" at byte {} is empty", m.value_offset),
                                  m.value_offset, member_pointer(kMessage)));
}

}  // namespace

EnvelopeParse parse_envelope(std::string_view body, const ParseOptions& options) {
  EnvelopeParse out;
  if (body.empty()) {
    out.findings.push_back(make_finding("body.empty", "the body is empty; expected a JSON object"));
    return out;
  }
  if (body.size() > options.max_bytes) {
    out.findings.push_back(make_finding(
        "body.too_large",
        fmt::format("the body is {} bytes, over the limit of {}", body.size(), options.max_bytes),
        options.max_bytes));
    return out;
  }

  internal::StrictRead read =
      internal::read_json_strict(body, options.max_depth, kMemberNames, kMemberCount);
  out.findings = std::move(read.findings);
  if (!read.complete) return out;
  if (read.root_type != JsonType::kObject) {
    out.findings.push_back(
        make_finding("envelope.not_object",
                     fmt::format("the body is {}; an error envelope is a JSON object",
                                 describe_json_type(read.root_type)),
                     std::nullopt));
    return out;
  }

  RootMember& code = read.wanted[kCode];
  RootMember& request = read.wanted[kRequest];
  RootMember& message = read.wanted[kMessage];
  const bool code_ok = check_presence(code, kCode, /*number_ok=*/true, out.findings);
  const bool request_ok = check_presence(request, kRequest, false, out.findings);
  const bool message_ok = check_presence(message, kMessage, false, out.findings);
  if (code_ok) check_code(code, options, out.findings);
  if (request_ok) check_request(request, out.findings);
  if (message_ok) check_message(message, out.findings);

  std::vector<std::string> extra_members;
  extra_members.reserve(read.others.size());
  for (std::size_t i = 0; i < read.others.size(); ++i) {
    internal::OtherMember& other = read.others[i];
    if (i < internal::kMaxFindingsPerId) {
      std::string pointer;
      internal::append_pointer_token(pointer, other.name);
      out.findings.push_back(
          make_finding("envelope.extra_member",
                       fmt::format("member {} at byte {} is not part of the envelope",
                                   quote_snippet(other.name), other.key_offset),
                       other.key_offset, std::move(pointer), Severity::kWarning));
    } else if (i == internal::kMaxFindingsPerId) {
      out.findings.push_back(
          make_finding("envelope.extra_member",
                       fmt::format("{} more extra members not listed", read.others.size() - i),
                       std::nullopt, {}, Severity::kWarning));
    }
    extra_members.push_back(std::move(other.name));
  }

  if (code_ok && request_ok && message_ok) {
    Envelope envelope;
    envelope.error_code = std::move(code.text);
    envelope.request = std::move(request.text);
    envelope.message = std::move(message.text);
    envelope.code_was_number = code.type == JsonType::kNumber;
    envelope.extra_members = std::move(extra_members);
    out.envelope = std::move(envelope);
  }
  return out;
}

}  // namespace errcontract
