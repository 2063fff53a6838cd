#include "fuzzapi/concrete_request.h"

#include <utility>

#include "exec/request_builder.h"
#include "fuzzapi/request_mutator.h"
#include "text/ascii.h"

namespace errcontract::internal {
namespace {

Result<KeyValues> expand_pairs(const KeyValues& pairs, const VariableScope& scope) {
  KeyValues out;
  for (const auto& [name, value] : pairs) {
    auto n = expand(name, scope);
    if (!n.ok()) return n.status();
    auto v = expand(value, scope);
    if (!v.ok()) return v.status();
    out.emplace_back(escape_dollars(*n), escape_dollars(*v));
  }
  return out;
}

}  // namespace

Result<RequestSpec> concrete_request(const RequestSpec& spec, const VariableScope& scope) {
  RequestSpec out = spec;
  for (std::string* text : {&out.method, &out.path, &out.raw}) {
    auto expanded = expand(*text, scope);
    if (!expanded.ok()) return expanded.status();
    *text = escape_dollars(*expanded);
  }
  for (KeyValues* pairs : {&out.query, &out.form, &out.headers}) {
    auto expanded = expand_pairs(*pairs, scope);
    if (!expanded.ok()) return expanded.status();
    *pairs = std::move(*expanded);
  }
  if (out.body_kind == BodyKind::kJson) {
    auto json = expand_json(spec.json, scope);
    if (!json.ok()) return json.status();
    out.json = escape_dollars(*json);
  }
  return out;
}

namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Calls `visit` on each text of `r` (RequestSpec, const or not).
template <typename Spec, typename Visit>
void each_text(Spec& r, Visit visit) {
  for (auto* text : {&r.path, &r.json, &r.raw}) visit(*text);
  for (auto* pairs : {&r.query, &r.form, &r.headers}) {
    for (auto& [name, value] : *pairs) visit(value);
  }
}

}  // namespace

void write_references(RequestSpec& r, const References& references) {
  each_text(r, [&references](std::string& text) {
    for (const auto& [value, reference] : references) replace_all(text, value, reference);
  });
}

bool holds_value(const RequestSpec& r, const std::string& value) {
  bool found = false;
  each_text(
      r, [&](const std::string& text) { found = found || text.find(value) != std::string::npos; });
  return found;
}

void copy_credential(const RequestSpec& from, RequestSpec& to) {
  to.auth = from.auth;
  for (const auto& header : from.headers) {
    if (equals_ignore_case(header.first, "Authorization")) to.headers.push_back(header);
  }
}

}  // namespace errcontract::internal
