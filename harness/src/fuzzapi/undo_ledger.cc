#include "fuzzapi/undo_ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "exec/case_executor.h"
#include "fuzzapi/concrete_request.h"
#include "text/ascii.h"

namespace errcontract::internal {
namespace {

// A concrete request's text with "$$" back to "$".
std::string unescaped(const std::string& text) {
  static const VariableScope kNoVariables;
  auto plain = expand(text, kNoVariables);
  return plain.ok() ? *plain : text;
}

const std::string* first_value(const KeyValues& pairs, const std::string& name) {
  auto it =
      std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == name; });
  return it == pairs.end() ? nullptr : &it->second;
}

// The value of parameter `p` as the request sent it: in its declared place
// first, then wherever a mutation may have moved it.
std::optional<std::string> parameter_value(const ApiParameter& p, const RequestSpec& request) {
  if (p.place != ParamPlace::kJson) {
    const KeyValues& own = p.place == ParamPlace::kQuery ? request.query : request.form;
    const KeyValues& other = p.place == ParamPlace::kQuery ? request.form : request.query;
    for (const KeyValues* pairs : {&own, &other}) {
      if (const std::string* v = first_value(*pairs, p.name)) return unescaped(*v);
    }
  }
  if (request.body_kind == BodyKind::kJson) {
    return capture_value(unescaped(request.json), "/" + p.name);
  }
  return std::nullopt;
}

bool has_authorization(const RequestSpec& r) {
  return !r.auth.empty() || std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
    return equals_ignore_case(h.first, "Authorization");
  });
}

std::string key_of(const RequestSpec& r) {
  std::string key = r.method + " " + r.path + "\n" + r.json + "\n" + r.raw;
  for (const KeyValues* pairs : {&r.query, &r.form, &r.headers}) {
    for (const auto& [name, value] : *pairs) key += "\n" + name + "=" + value;
  }
  return key;
}

}  // namespace

void UndoLedger::note(const ApiEndpoint& endpoint, const RequestSpec& request,
                      const HttpResponse& response, const std::string& case_id, bool mutated) {
  if (!endpoint.undo || response.status < 200 || response.status > 299) return;
  const ApiUndo& undo = *endpoint.undo;
  VariableScope scope = scope_;
  std::vector<std::string> missing;
  for (const ApiParameter& p : endpoint.parameters) {
    if (auto value = parameter_value(p, request)) scope.captures[p.name] = std::move(*value);
  }
  for (const auto& [name, pointer] : undo.capture) {
    if (auto value = capture_value(response.body, pointer)) {
      scope.captures[name] = std::move(*value);
    } else {
      missing.push_back(fmt::format("the response has nothing at {}", pointer));
    }
  }
  UndoEntry entry;
  entry.step.expect.status = undo.status;
  entry.made_by = fmt::format("made by {} ({}{})", endpoint.text(),
                              case_id.empty() ? "from --corpus" : "case " + case_id,
                              mutated ? ", mutated" : "");
  entry.case_id = case_id;
  auto concrete = concrete_request(undo.request, scope);
  if (!missing.empty()) {
    entry.problem = fmt::format("cannot undo: {}", fmt::join(missing, "; "));
  } else if (!concrete.ok()) {
    entry.problem = "cannot undo: " + concrete.status().message();
  } else {
    RequestSpec& undo_request = entry.step.request = std::move(*concrete);
    if (!has_authorization(undo_request)) {
      undo_request.auth = request.auth;
      for (const auto& [name, value] : request.headers) {
        if (!equals_ignore_case(name, "Authorization")) continue;
        undo_request.headers.emplace_back(name, value);
        entry.borrowed_credential = redactor_.text(value) == value;  // no fixture in it
      }
    }
    if (!keys_.insert(key_of(undo_request)).second) return;
  }
  entries_.push_back(std::move(entry));
}

}  // namespace errcontract::internal
