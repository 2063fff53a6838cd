// Variable expansion for case files. One scanner serves both expansion (at
// run time) and reference listing (at load time), so the loader accepts
// exactly the syntax the runner expands.
#include "errcontract/template.h"

#include <fmt/format.h>

#include <cstdlib>

namespace errcontract {
namespace {

constexpr std::string_view kEnvPrefix = "env:";
constexpr std::string_view kFixturePrefix = "fixture:";

// Calls on_text for literal runs and on_variable for each ${name}; stops at
// the first error either returns.
template <typename OnText, typename OnVariable>
Status scan(std::string_view text, OnText on_text, OnVariable on_variable) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t dollar = text.find('$', pos);
    if (dollar == std::string_view::npos || dollar + 1 == text.size()) {
      on_text(text.substr(pos));
      break;
    }
    on_text(text.substr(pos, dollar - pos));
    char next = text[dollar + 1];
    if (next == '$') {
      on_text("$");
      pos = dollar + 2;
      continue;
    }
    if (next != '{') {  // a lone "$" is just a dollar sign
      on_text("$");
      pos = dollar + 1;
      continue;
    }
    std::size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      return Status(StatusCode::kInvalidInput,
                    fmt::format("unterminated ${{ at byte {} (write $$ for a literal $)", dollar));
    }
    std::string_view name = text.substr(dollar + 2, close - dollar - 2);
    if (name.empty()) {
      return Status(StatusCode::kInvalidInput,
                    fmt::format("empty variable ${{}} at byte {}", dollar));
    }
    if (Status status = on_variable(name); !status.ok()) return status;
    pos = close + 1;
  }
  return Status::ok_status();
}

std::optional<std::string> getenv_value(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

Result<std::string> lookup(std::string_view name, const VariableScope& scope) {
  if (name == "run") return scope.run;
  if (name == "uniq") return scope.uniq;
  if (name.substr(0, kEnvPrefix.size()) == kEnvPrefix) {
    std::string var(name.substr(kEnvPrefix.size()));
    std::optional<std::string> value = scope.env ? scope.env(var) : getenv_value(var);
    if (!value) {
      return Status(StatusCode::kNotFound, fmt::format("environment variable {} is not set", var));
    }
    return *value;
  }
  if (name.substr(0, kFixturePrefix.size()) == kFixturePrefix) {
    std::string fixture(name.substr(kFixturePrefix.size()));
    if (scope.fixtures != nullptr) {
      auto it = scope.fixtures->find(fixture);
      if (it != scope.fixtures->end()) return it->second;
    }
    return Status(StatusCode::kNotFound, fmt::format("fixture \"{}\" is not provided", fixture));
  }
  auto it = scope.captures.find(std::string(name));
  if (it != scope.captures.end()) return it->second;
  return Status(StatusCode::kNotFound, fmt::format("unknown variable ${{{}}}", name));
}

}  // namespace

Result<std::string> expand(std::string_view text, const VariableScope& scope) {
  std::string out;
  out.reserve(text.size());
  Status status = scan(
      text, [&](std::string_view literal) { out.append(literal); },
      [&](std::string_view name) {
        Result<std::string> value = lookup(name, scope);
        if (!value.ok()) return value.status();
        out += *value;  // inserted as is: a value holding "${" is not expanded again
        return Status::ok_status();
      });
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<std::string>> referenced_variables(std::string_view text) {
  std::vector<std::string> names;
  Status status = scan(
      text, [](std::string_view) {},
      [&](std::string_view name) {
        names.emplace_back(name);
        return Status::ok_status();
      });
  if (!status.ok()) return status;
  return names;
}

}  // namespace errcontract
