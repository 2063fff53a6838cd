#include "errcontract/teardown_replay.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "exec/case_executor.h"
#include "exec/request_builder.h"
#include "result/redact.h"
#include "result/secret_split.h"

namespace errcontract {

namespace {

std::string templated(std::string_view text, const internal::SecretSplitter& splitter) {
  std::string out;
  for (const internal::SecretPiece& p : splitter.split(text)) {
    if (!p.label.empty()) {
      out += "${fixture:" + p.label + "}";
      continue;
    }
    for (char c : p.literal) out += c == '$' ? std::string("$$") : std::string(1, c);
  }
  return out;
}

}  // namespace

HttpRequest teardown_template(const HttpRequest& request, const Fixtures& fixtures) {
  internal::SecretLabels names;
  for (const auto& [name, value] : fixtures) {
    // Shorter values stay literal, as the redactor leaves them.
    if (value.size() >= internal::Redactor::kMinSecretLength) names.emplace_back(value, name);
  }
  const internal::SecretSplitter splitter({&names});
  HttpRequest out;
  out.method = templated(request.method, splitter);
  out.target = templated(request.target, splitter);
  for (const auto& [name, value] : request.headers) {
    out.headers.emplace_back(templated(name, splitter), templated(value, splitter));
  }
  out.body = templated(request.body, splitter);
  return out;
}

Result<HttpRequest> expand_teardown(const HttpRequest& request, const Fixtures& fixtures) {
  // The query string and a form body held the values percent-encoded (the
  // template matched that form there): they get them back encoded.
  Fixtures encoded;
  for (const auto& [name, value] : fixtures) encoded[name] = internal::percent_encode(value);
  auto scope_of = [](const Fixtures& values) {
    VariableScope scope;
    scope.fixtures = &values;
    // Only ${fixture:...} was written; nothing else may reach the environment.
    scope.env = [](const std::string&) { return std::optional<std::string>(); };
    return scope;
  };
  const VariableScope plain = scope_of(fixtures), in_query = scope_of(encoded);
  const std::size_t q = std::min(request.target.find('?'), request.target.size());
  const std::string path = request.target.substr(0, q), query = request.target.substr(q);
  const bool form = internal::is_form_body(request.headers);
  HttpRequest out;
  std::string expanded_path, expanded_query;
  std::vector<std::tuple<const std::string*, std::string*, const VariableScope*>> fields = {
      {&request.method, &out.method, &plain},
      {&path, &expanded_path, &plain},
      {&query, &expanded_query, &in_query},
      {&request.body, &out.body, form ? &in_query : &plain}};
  out.headers = request.headers;
  for (std::size_t i = 0; i < request.headers.size(); ++i) {
    fields.emplace_back(&request.headers[i].first, &out.headers[i].first, &plain);
    fields.emplace_back(&request.headers[i].second, &out.headers[i].second, &plain);
  }
  for (const auto& [in, expanded, scope] : fields) {
    auto value = expand(*in, *scope);
    if (!value.ok()) return value.status();
    *expanded = std::move(value).value();
  }
  out.target = expanded_path + expanded_query;
  return out;
}

const char* to_string(ReplayOutcome outcome) {
  switch (outcome) {
    case ReplayOutcome::kRemoved:
      return "removed";
    case ReplayOutcome::kGone:
      return "already gone";
    case ReplayOutcome::kStillThere:
      return "still there";
    case ReplayOutcome::kFailed:
      return "failed";
  }
  return "failed";
}

ReplayResult replay_teardown(const LeakedTeardown& teardown, const Fixtures& fixtures,
                             Transport& transport) {
  auto request = expand_teardown(teardown.request, fixtures);
  if (!request.ok()) return {ReplayOutcome::kFailed, "not sent: " + request.status().message()};
  auto response = transport.send(*request);
  if (!response.ok()) return {ReplayOutcome::kFailed, response.status().message()};
  const int status = response->status;
  const auto& expect = teardown.expect_status;
  const bool expected = expect.empty()
                            ? status >= 200 && status < 300
                            : std::find(expect.begin(), expect.end(), status) != expect.end();
  const std::string code = internal::capture_value(response->body, "/error_code").value_or("");
  std::string detail = fmt::format("status {}", status);
  if (!code.empty()) detail += ", error_code " + code;
  if (expected) return {ReplayOutcome::kRemoved, detail};
  return {status == 404 ? ReplayOutcome::kGone : ReplayOutcome::kStillThere, detail};
}

}  // namespace errcontract
