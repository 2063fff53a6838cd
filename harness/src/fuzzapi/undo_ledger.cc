#include "fuzzapi/undo_ledger.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "exec/case_executor.h"
#include "fuzzapi/concrete_request.h"
#include "fuzzapi/request_mutator.h"
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

References resource_references(const UndoEntry& made,
                               const std::function<bool(const std::string&)>& already_there) {
  const std::map<std::string, std::string> captured = making_captures(made);
  References references;
  for (const std::string& name : made.identity()) {
    auto value = made.values.find(name);
    if (value == made.values.end() || value->second.size() < 3) continue;
    if (captured.count(name)) {
      references.emplace_back(value->second, "${" + name + "}");
    } else if (!already_there(value->second)) {
      references.emplace_back(value->second, "${uniq}" + value->second);
    }
  }
  return references;
}

std::vector<std::string> sent_identity(const UndoEntry& made) {
  const std::map<std::string, std::string> captured = making_captures(made);
  std::vector<std::string> out;
  for (const std::string& name : made.identity()) {
    auto value = made.values.find(name);
    if (value != made.values.end() && !captured.count(name)) out.push_back(value->second);
  }
  return out;
}

bool names_resource(const RequestSpec& request, const UndoEntry& made) {
  return std::any_of(made.identity().begin(), made.identity().end(), [&](const std::string& name) {
    auto value = made.values.find(name);
    return value != made.values.end() && holds_value(request, value->second);
  });
}

std::map<std::string, std::string> making_captures(const UndoEntry& made) {
  std::map<std::string, std::string> out;
  if (made.endpoint == nullptr || !made.endpoint->undo) return out;
  for (const auto& [name, pointer] : made.endpoint->undo->capture) {
    if (std::find(made.identity().begin(), made.identity().end(), name) != made.identity().end()) {
      out[name] = pointer;
    }
  }
  return out;
}

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
      copy_credential(request, undo_request);
      for (const auto& [name, value] : undo_request.headers) {
        if (!equals_ignore_case(name, "Authorization")) continue;
        entry.borrowed_credential = redactor_.text(value) == value;  // no fixture in it
      }
    }
    if (!keys_.insert(key_of(undo_request)).second) return;
  }
  entry.endpoint = &endpoint;
  entry.made.request = request;
  entry.made.expect.status = {response.status};
  for (const auto& [name, value] : scope.captures) entry.values[name] = escape_dollars(value);
  entries_.push_back(std::move(entry));
}

}  // namespace errcontract::internal
