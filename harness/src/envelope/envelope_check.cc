// check_envelope: compares a well-formed envelope with the catalog and with
// what the caller expected (code, message rule, request echo).
#include <fmt/format.h>

#include "errcontract/envelope.h"
#include "result/finding_text.h"

namespace errcontract {
namespace {

using internal::make_finding;
using internal::quote_snippet;

constexpr std::string_view kPlaceholder = "...";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The part of a "..." message that a response must start with.
std::string_view message_prefix(std::string_view message) {
  return message.substr(0, message.find(kPlaceholder));
}

void check_message(const Envelope& envelope, const CodeEntry& entry,
                   std::vector<Finding>& findings) {
  const std::string_view seen = envelope.message;
  switch (entry.message_rule) {
    case MessageRule::kExact:
      if (seen == entry.message) return;
      findings.push_back(
          make_finding("message.mismatch",
                       fmt::format("code {} expects the message {}, got {}", entry.code,
                                   quote_snippet(entry.message), quote_snippet(seen)),
                       std::nullopt, "/message"));
      return;
    case MessageRule::kPrefix: {
      const std::string_view prefix = message_prefix(entry.message);
      if (starts_with(seen, prefix)) return;
      findings.push_back(
          make_finding("message.mismatch",
                       fmt::format("code {} expects a message starting with {}, got {}", entry.code,
                                   quote_snippet(prefix), quote_snippet(seen)),
                       std::nullopt, "/message"));
      return;
    }
    case MessageRule::kAny:
      if (!seen.empty()) return;
      findings.push_back(make_finding(
          "message.mismatch",
          fmt::format("code {} expects a non-empty message, got an empty one", entry.code),
          std::nullopt, "/message"));
      return;
  }
}

// The path part of a request target as it appears in the echo: an absolute
// URL's scheme and authority, the query string and the fragment dropped.
std::string_view echo_path(std::string_view target) {
  if (!target.empty() && target.front() != '/') {
    for (const std::string_view scheme : {"http://", "https://"}) {
      if (starts_with(target, scheme)) {
        const std::size_t slash = target.find('/', scheme.size());
        target = slash == std::string_view::npos ? std::string_view() : target.substr(slash);
        break;
      }
    }
  }
  // A loop, not find_first_of("?#"): that calls memchr once per byte.
  std::size_t end = 0;
  while (end < target.size() && target[end] != '?' && target[end] != '#') ++end;
  return end == 0 ? std::string_view("/") : target.substr(0, end);
}

// Compares without building the expected echo: this runs for every response.
void check_request(const Envelope& envelope, const Expectation& expect,
                   std::vector<Finding>& findings) {
  if (!expect.method && !expect.path) return;
  const std::string_view seen = envelope.request;
  const std::size_t space = seen.find(' ');
  const std::string_view seen_method = seen.substr(0, space);
  const std::string_view seen_path =
      space == std::string_view::npos ? std::string_view() : seen.substr(space + 1);
  const bool method_ok = !expect.method || seen_method == *expect.method;
  // Behind a gateway the echo may name the path with the base path or without.
  const bool path_ok = !expect.path || seen_path == echo_path(*expect.path) ||
                       (!expect.base_path.empty() && starts_with(seen_path, expect.base_path) &&
                        seen_path.substr(expect.base_path.size()) == echo_path(*expect.path));
  if (method_ok && path_ok) return;
  const std::string expected =
      fmt::format("{} {}", expect.method ? std::string_view(*expect.method) : "<any method>",
                  expect.path ? echo_path(*expect.path) : "<any path>");
  findings.push_back(
      make_finding("request.mismatch",
                   fmt::format("\"request\" should name the request sent, {}; got {}",
                               quote_snippet(expected), quote_snippet(seen)),
                   std::nullopt, "/request"));
}

}  // namespace

std::string request_echo(std::string_view method, std::string_view target) {
  const std::string_view path = echo_path(target);
  std::string echo;
  echo.reserve(method.size() + 1 + path.size());
  echo.append(method);
  echo.push_back(' ');
  echo.append(path);
  return echo;
}

std::vector<Finding> check_envelope(const Envelope& envelope, const Catalog& catalog,
                                    const Expectation& expect) {
  std::vector<Finding> findings;
  const CodeEntry* entry = catalog.find(envelope.error_code);
  if (entry == nullptr) {
    findings.push_back(make_finding(
        "code.undocumented",
        fmt::format("error_code {} is not in the error table", quote_snippet(envelope.error_code)),
        std::nullopt, "/error_code"));
  }
  if (expect.code && *expect.code != envelope.error_code) {
    const CodeEntry* wanted = catalog.find(*expect.code);
    findings.push_back(
        make_finding("code.mismatch",
                     fmt::format("expected error_code {}{}, got {}", *expect.code,
                                 wanted != nullptr && !wanted->message.empty()
                                     ? fmt::format(" ({})", quote_snippet(wanted->message))
                                     : std::string(),
                                 quote_snippet(envelope.error_code)),
                     std::nullopt, "/error_code"));
  }
  // The message is held to the rule of the code that was sent: a wrong code is
  // already a finding, and its message should at least match that code.
  if (entry != nullptr) check_message(envelope, *entry, findings);
  check_request(envelope, expect, findings);
  return findings;
}

}  // namespace errcontract
