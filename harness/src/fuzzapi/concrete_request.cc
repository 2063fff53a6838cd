#include "fuzzapi/concrete_request.h"

#include <utility>

#include "exec/request_builder.h"
#include "fuzzapi/request_mutator.h"

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

}  // namespace errcontract::internal
