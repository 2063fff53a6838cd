// content_type.not_json: the trigger's Content-Type must be application/json
// (case-insensitive, parameters after ';' ignored but for a charset, which
// must be utf-8). A warning with --lenient.
#include <fmt/format.h>

#include "checks/check.h"
#include "text/ascii.h"

namespace errcontract::internal {
namespace {

std::string lower_trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  std::string out(s.substr(first, last - first + 1));
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Why a Content-Type value is not JSON, or "" when it is.
std::string content_type_problem(std::string_view value) {
  const auto semi = value.find(';');
  const std::string media = lower_trimmed(value.substr(0, semi));
  if (media != "application/json") {
    return fmt::format("media type is \"{}\", expected application/json", media);
  }
  std::string_view params =
      semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    const std::string_view param = params.substr(0, next);
    params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    const auto eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower_trimmed(param.substr(0, eq)) != "charset") continue;
    std::string charset = lower_trimmed(param.substr(eq + 1));
    if (charset.size() >= 2 && charset.front() == '"' && charset.back() == '"') {
      charset = charset.substr(1, charset.size() - 2);
    }
    if (charset != "utf-8") {
      return fmt::format("charset is \"{}\"; JSON is UTF-8", charset);
    }
  }
  return {};
}

}  // namespace

std::optional<Finding> check_content_type(const Headers& headers, bool lenient) {
  const std::string* value = find_header(headers, "Content-Type");
  std::string problem =
      value == nullptr ? std::string("no Content-Type header") : content_type_problem(*value);
  if (problem.empty()) return std::nullopt;
  if (value != nullptr) problem = fmt::format("Content-Type \"{}\": {}", *value, problem);
  Finding f = make_finding(FindingId::kContentTypeNotJson, std::move(problem));
  f.severity = severity_of(f.id, lenient);
  return f;
}

void run_content_type_check(const CheckInput& in, CheckState&, std::vector<Finding>& out) {
  if (in.response == nullptr) return;
  if (auto f = check_content_type(in.response->headers, in.parse.lenient)) {
    out.push_back(std::move(*f));
  }
}

}  // namespace errcontract::internal
