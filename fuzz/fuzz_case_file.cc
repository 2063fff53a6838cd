// fuzz_case_file: arbitrary bytes as a case file (CaseLibrary::parse against
// the built-in catalog), then the variable expansion the runner applies to
// every case that loaded, and the template scanner on the raw bytes.
//
// Oracles (each violation aborts):
// - a rejected file gets an kInvalidInput status whose every line names the
//   file ("fuzz.cases.json:LINE: what");
// - a loaded case names a catalogued code, a known method, a path starting
//   with '/', HTTP statuses 100-599, and lists every fixture its auth uses;
// - what loads, runs: expanding every sent string of every step, in run order
//   (setup, trigger, teardown), with the fixtures the case lists, the values
//   captured by earlier steps and any environment variable, succeeds; a json
//   body is valid JSON (checked with nlohmann-json) and each of its strings
//   and member names expands, as the runner's request builder does;
// - on the raw bytes: expand() fails whenever referenced_variables() does,
//   succeeds when every referenced name has a value, and leaves text without
//   '$' unchanged.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/template.h"
#include "target_support.h"

namespace {

using errcontract::Case;
using errcontract::Step;
using errcontract::VariableScope;
using errcontract::fuzz::printable;
using errcontract::fuzz::require;

constexpr std::string_view kTarget = "fuzz_case_file";
constexpr std::string_view kSource = "fuzz.cases.json";
constexpr std::array<std::string_view, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                      "PATCH", "DELETE", "OPTIONS"};

void check_rejection(const errcontract::Status& status) {
  require(status.code() == errcontract::StatusCode::kInvalidInput, kTarget,
          "a bad case file gives status {} ({})", static_cast<int>(status.code()),
          printable(status.message()));
  std::string_view rest = status.message();
  require(!rest.empty(), kTarget, "a rejected case file has an empty error");
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    const std::string_view line = rest.substr(0, newline);
    const bool named = line.substr(0, kSource.size()) == kSource && line.size() > kSource.size() &&
                       line[kSource.size()] == ':';
    require(named, kTarget, "error line {} does not start with \"{}:\"", printable(line), kSource);
    if (newline == std::string_view::npos) break;
    rest.remove_prefix(newline + 1);
  }
}

void expand_or_fail(const Case& c, std::string_view what, const std::string& text,
                    const VariableScope& scope) {
  const auto expanded = errcontract::expand(text, scope);
  require(expanded.ok(), kTarget, "case {} loaded, but its {} {} does not expand: {}", c.id, what,
          printable(text), expanded.status().message());
}

// Every string and member name of a JSON value, as the request builder expands them.
void expand_json(const Case& c, const nlohmann::json& value, const VariableScope& scope) {
  if (value.is_string()) {
    expand_or_fail(c, "json string", value.get_ref<const std::string&>(), scope);
  } else if (value.is_object()) {
    for (const auto& [name, member] : value.items()) {
      expand_or_fail(c, "json member name", name, scope);
      expand_json(c, member, scope);
    }
  } else if (value.is_array()) {
    for (const auto& element : value) expand_json(c, element, scope);
  }
}

void check_step(const Case& c, const Step& step, VariableScope& scope) {
  const errcontract::RequestSpec& r = step.request;
  require(std::find(kMethods.begin(), kMethods.end(), r.method) != kMethods.end(), kTarget,
          "case {} loaded with method {}", c.id, printable(r.method));
  require(!r.path.empty() && r.path[0] == '/', kTarget, "case {} loaded with path {}", c.id,
          printable(r.path));
  for (const int status : step.expect.status) {
    require(status >= 100 && status <= 599, kTarget, "case {} expects status {}", c.id, status);
  }
  if (!r.auth.empty()) {
    require(std::find(c.fixtures.begin(), c.fixtures.end(), r.auth) != c.fixtures.end(), kTarget,
            "case {} authenticates with fixture {} but does not list it", c.id, r.auth);
  }
  expand_or_fail(c, "path", r.path, scope);
  for (const auto* pairs : {&r.query, &r.headers, &r.form}) {
    for (const auto& [name, value] : *pairs) {
      expand_or_fail(c, "name", name, scope);
      expand_or_fail(c, "value", value, scope);
    }
  }
  if (r.body_kind == errcontract::BodyKind::kRaw) expand_or_fail(c, "raw body", r.raw, scope);
  if (r.body_kind == errcontract::BodyKind::kJson) {
    const nlohmann::json json = nlohmann::json::parse(r.json, nullptr, /*allow_exceptions=*/false);
    require(!json.is_discarded(), kTarget, "case {} loaded, but its json body is kept as {}", c.id,
            printable(r.json));
    expand_json(c, json, scope);
  }
  // Values this step captures exist for the steps after it.
  for (const auto& [name, pointer] : step.capture) scope.captures[name] = "captured";
}

void check_loaded(const errcontract::CaseLibrary& library, const errcontract::Catalog& catalog) {
  for (const Case& c : library.cases) {
    require(!c.id.empty() && catalog.find(c.code) != nullptr, kTarget,
            "case {} loaded with code {}", printable(c.id), printable(c.code));
    if (c.trigger.expect.error_code) {
      require(*c.trigger.expect.error_code == c.code, kTarget,
              "case {} expects error_code {} but is for {}", c.id, *c.trigger.expect.error_code,
              c.code);
    }
    errcontract::Fixtures fixtures;
    for (const std::string& name : c.fixtures) fixtures[name] = "fixture-value";
    VariableScope scope;
    scope.run = "run1";
    scope.uniq = "uniq1";
    scope.fixtures = &fixtures;
    scope.env = [](const std::string&) { return std::optional<std::string>("env-value"); };
    for (const Step& step : c.setup) check_step(c, step, scope);
    check_step(c, c.trigger, scope);
    for (const Step& step : c.teardown) check_step(c, step, scope);
  }
}

void check_template(std::string_view text) {
  VariableScope empty;
  empty.env = [](const std::string&) { return std::optional<std::string>(); };
  const auto names = errcontract::referenced_variables(text);
  const auto bare = errcontract::expand(text, empty);
  if (!names.ok()) {
    require(!bare.ok(), kTarget, "expand accepts {}, which referenced_variables rejects ({})",
            printable(text), names.status().message());
    return;
  }
  errcontract::Fixtures fixtures;
  VariableScope full;
  full.run = "r";
  full.uniq = "u";
  full.fixtures = &fixtures;
  full.env = [](const std::string&) { return std::optional<std::string>("e"); };
  bool only_builtin = true;
  for (const std::string& name : *names) {
    if (name == "run" || name == "uniq") continue;
    only_builtin = false;
    if (name.rfind("env:", 0) == 0) continue;
    if (name.rfind("fixture:", 0) == 0) {
      fixtures[name.substr(8)] = "f";
    } else {
      full.captures[name] = "c";
    }
  }
  const auto expanded = errcontract::expand(text, full);
  require(expanded.ok(), kTarget, "{} references only provided names but does not expand: {}",
          printable(text), expanded.ok() ? "" : expanded.status().message());
  require(bare.ok() == only_builtin, kTarget,
          "with no fixtures, captures or environment, expand({}) {}", printable(text),
          bare.ok() ? "succeeds" : "fails");
  if (text.find('$') == std::string_view::npos) {
    require(*expanded == text, kTarget, "expand changed {} into {}", printable(text),
            printable(*expanded));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const errcontract::Catalog& catalog = errcontract::Catalog::builtin();
  const auto library = errcontract::CaseLibrary::parse(bytes, kSource, catalog);
  if (library.ok()) {
    check_loaded(*library, catalog);
  } else {
    check_rejection(library.status());
  }
  check_template(bytes);
  return 0;
}
