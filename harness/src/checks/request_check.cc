// request.*: the request echo is "METHOD /path", and names the request that
// was sent (query string and fragment dropped; behind a gateway, with or
// without the target's base path).
#include <fmt/format.h>

#include "checks/check.h"
#include "result/finding_text.h"

namespace errcontract {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
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

// request.mismatch; compares without building the expected echo: this runs
// for every response.
void check_echo(std::string_view seen, const Expectation& expect, std::vector<Finding>& out) {
  if (!expect.method && !expect.path) return;
  const std::size_t space = seen.find(' ');
  const std::string_view seen_method = seen.substr(0, space);
  const std::string_view seen_path =
      space == std::string_view::npos ? std::string_view() : seen.substr(space + 1);
  const bool method_ok = !expect.method || seen_method == *expect.method;
  const bool path_ok = !expect.path || seen_path == echo_path(*expect.path) ||
                       (!expect.base_path.empty() && starts_with(seen_path, expect.base_path) &&
                        seen_path.substr(expect.base_path.size()) == echo_path(*expect.path));
  if (method_ok && path_ok) return;
  const std::string expected =
      fmt::format("{} {}", expect.method ? std::string_view(*expect.method) : "<any method>",
                  expect.path ? echo_path(*expect.path) : "<any path>");
  out.push_back(
      make_finding(FindingId::kRequestMismatch,
                   fmt::format("\"request\" should name the request sent, {}; got {}",
                               internal::quote_snippet(expected), internal::quote_snippet(seen)),
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

namespace internal {

void run_request_check(const CheckInput& in, CheckState& state, std::vector<Finding>& out) {
  if (state.read && state.usable[kRequestMember]) {
    const std::string_view text = state.text(kRequestMember);
    const std::string_view problem = request_problem(text);
    if (!problem.empty()) {
      const std::size_t at = state.member(kRequestMember).value_offset;
      out.push_back(
          make_finding(FindingId::kRequestMalformed,
                       fmt::format("\"request\" {} at byte {} is not \"METHOD /path\": {}",
                                   quote_snippet(text), at, problem),
                       at, "/request"));
    }
  }
  if (state.envelope != nullptr) check_echo(state.envelope->request, in.expect, out);
}

}  // namespace internal
}  // namespace errcontract
