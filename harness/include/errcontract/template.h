// Variable expansion in case files: ${run} (unique per run), ${uniq} (unique
// per case), ${env:NAME}, ${fixture:NAME}, and ${name} for values captured
// from earlier responses with a JSON Pointer.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/result.h"

namespace errcontract {

using Fixtures = std::map<std::string, std::string>;

struct VariableScope {
  std::string run;
  std::string uniq;
  const Fixtures* fixtures = nullptr;
  std::map<std::string, std::string> captures;
  // Environment lookup; defaults to std::getenv. Tests replace it.
  std::function<std::optional<std::string>(const std::string&)> env;
};

// Expands every ${...} in `text`. "$$" is a literal "$". An unknown or
// unset variable is an error naming it.
Result<std::string> expand(std::string_view text, const VariableScope& scope);

// The variable references in `text` ("run", "uniq", "env:HOME", "fixture:token",
// "id"), for validation at load time; an unterminated "${" is an error.
Result<std::vector<std::string>> referenced_variables(std::string_view text);

// Fixtures from a JSON file ({"name": "value", ...}); errors name file:line.
Result<Fixtures> load_fixtures_file(const std::string& path);
// Fixtures from environment variables ERRC_FIXTURE_<NAME> (NAME upper-cased
// in the variable, lower-cased as the fixture name). An empty variable (what
// CI passes for a secret that is not set) counts as unset: its fixture name
// is added to `empty_names` when given, and the fixture is left out.
Fixtures fixtures_from_environment(std::vector<std::string>* empty_names = nullptr);
// The variable that provides fixture `name`: ERRC_FIXTURE_TOKEN for "token".
std::string fixture_variable(std::string_view name);

}  // namespace errcontract
