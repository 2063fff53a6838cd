#include "checks/response_checks.h"

#include <algorithm>
#include <cstddef>

#include <fmt/format.h>

#include "errcontract/envelope.h"
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

std::string join_statuses(const std::vector<int>& statuses) {
  std::string out;
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    if (i > 0) out += i + 1 == statuses.size() ? " or " : ", ";
    out += std::to_string(statuses[i]);
  }
  return out;
}

Finding error_finding(std::string id, std::string message) {
  Finding f;
  f.id = std::move(id);
  f.message = std::move(message);
  return f;
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

std::optional<Finding> check_status(int status, const std::vector<int>& accepted,
                                    std::string_view code, const Catalog& catalog) {
  std::vector<int> expected = accepted;
  std::string source = "the case's expect.status";
  if (expected.empty()) {
    const CodeEntry* entry = catalog.find(code);
    if (entry == nullptr || entry->status == 0) return std::nullopt;  // nothing to compare with
    expected.push_back(entry->status);
    source = fmt::format("the catalog's status for {}", code);
  }
  if (std::find(expected.begin(), expected.end(), status) != expected.end()) return std::nullopt;
  return error_finding("status.mismatch", fmt::format("expected HTTP status {} ({}), got {}",
                                                      join_statuses(expected), source, status));
}

std::optional<Finding> check_content_type(const Headers& headers, bool lenient) {
  const std::string* value = find_header(headers, "Content-Type");
  std::string problem =
      value == nullptr ? std::string("no Content-Type header") : content_type_problem(*value);
  if (problem.empty()) return std::nullopt;
  if (value != nullptr) problem = fmt::format("Content-Type \"{}\": {}", *value, problem);
  Finding f = error_finding("content_type.not_json", std::move(problem));
  if (lenient) f.severity = Severity::kWarning;
  return f;
}

std::vector<Finding> check_trigger_response(const HttpResponse& response, const Catalog& catalog,
                                            const TriggerExpectation& expect) {
  std::vector<Finding> out;
  if (auto f = check_status(response.status, expect.statuses, expect.code, catalog)) {
    out.push_back(std::move(*f));
  }
  if (auto f = check_content_type(response.headers, expect.lenient)) out.push_back(std::move(*f));

  ParseOptions parse_options;
  parse_options.lenient = expect.lenient;
  EnvelopeParse parsed = parse_envelope(response.body, parse_options);
  for (auto& f : parsed.findings) out.push_back(std::move(f));
  if (!parsed.envelope) return out;

  Expectation expectation;
  expectation.code = expect.code;
  expectation.method = expect.method;
  expectation.path = expect.path;
  expectation.base_path = expect.base_path;
  std::vector<Finding> envelope_findings = check_envelope(*parsed.envelope, catalog, expectation);
  if (!expect.message) {
    for (auto& f : envelope_findings) out.push_back(std::move(f));
    return out;
  }

  // The case overrides the catalog's message rule with an exact message: the
  // override's verdict replaces check_envelope's, in the same place.
  std::optional<Finding> override_finding;
  if (parsed.envelope->message != *expect.message) {
    Finding f =
        error_finding("message.mismatch",
                      fmt::format("expected message \"{}\" (the case's expect.message), got \"{}\"",
                                  *expect.message, parsed.envelope->message));
    f.pointer = "/message";
    override_finding = std::move(f);
  }
  bool placed = false;
  for (auto& f : envelope_findings) {
    const bool is_message = f.id == "message.mismatch";
    if (!placed && (is_message || f.id == "request.mismatch")) {
      if (override_finding) out.push_back(*override_finding);
      placed = true;
    }
    if (!is_message) out.push_back(std::move(f));
  }
  if (!placed && override_finding) out.push_back(std::move(*override_finding));
  return out;
}

std::optional<Finding> check_step_status(int status, const std::vector<int>& accepted,
                                         std::string_view phase, std::string_view request_line) {
  if (accepted.empty() ? (status >= 200 && status <= 299)
                       : std::find(accepted.begin(), accepted.end(), status) != accepted.end()) {
    return std::nullopt;
  }
  const std::string expected = accepted.empty() ? std::string("2xx") : join_statuses(accepted);
  return error_finding("step.status", fmt::format("{} {}: expected HTTP status {}, got {}", phase,
                                                  request_line, expected, status));
}

}  // namespace errcontract::internal
