// Load-time checks of ${...} references. A case runs its steps in order
// (setup, trigger, teardown), so a captured name exists only after the step
// that captures it; fixtures a case uses are added to its fixture list so the
// runner can skip the case, with the reason, where a fixture is not provided.
#include <fmt/format.h>

#include <algorithm>

#include "cases/case_json.h"
#include "errcontract/template.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kEnvPrefix = "env:";
constexpr std::string_view kFixturePrefix = "fixture:";
constexpr std::size_t kQuoteLimit = 40;

void add_fixture(Case& c, const std::string& name) {
  if (std::find(c.fixtures.begin(), c.fixtures.end(), name) == c.fixtures.end()) {
    c.fixtures.push_back(name);
  }
}

std::string quoted(std::string_view text) {
  if (text.size() <= kQuoteLimit) return fmt::format("\"{}\"", text);
  return fmt::format("\"{}...\"", text.substr(0, kQuoteLimit));
}

bool is_env_name(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Steps that capture each name, in run order.
std::map<std::string, std::size_t> first_capture_step(const Case& c) {
  std::map<std::string, std::size_t> first;
  std::size_t index = 0;
  auto note = [&](const Step& step) {
    for (const auto& [name, pointer] : step.capture) first.emplace(name, index);
    ++index;
  };
  for (const Step& step : c.setup) note(step);
  note(c.trigger);
  for (const Step& step : c.teardown) note(step);
  return first;
}

// "" when `fixture` is declared (or nothing is checked), else the problem.
std::string undeclared(const std::string& fixture, const FixtureDeclarations* declared) {
  if (declared == nullptr || declared->find(fixture) != nullptr) return {};
  if (declared->missing) {
    return fmt::format(
        "fixture \"{}\" is not declared: there is no {} (see "
        "docs/writing-cases.md)",
        fixture, declared->file);
  }
  const std::vector<std::string_view> names = declared->names();
  return fmt::format("fixture \"{}\" is not declared in {}{}", fixture, declared->file,
                     did_you_mean(fixture, names));
}

// One reference in step `step_index`; returns the problem, or "" when fine.
std::string check_reference(Case& c, const std::string& name, std::size_t step_index,
                            const std::map<std::string, std::size_t>& captured,
                            const FixtureDeclarations* declared) {
  if (name == "run" || name == "uniq") return {};
  if (name.compare(0, kEnvPrefix.size(), kEnvPrefix) == 0) {
    std::string var = name.substr(kEnvPrefix.size());
    if (!is_env_name(var))
      return fmt::format("${{{}}}: \"{}\" is not an environment variable name", name, var);
    return {};
  }
  if (name.compare(0, kFixturePrefix.size(), kFixturePrefix) == 0) {
    std::string fixture = name.substr(kFixturePrefix.size());
    if (!is_fixture_name(fixture)) {
      return fmt::format(
          "${{{}}}: fixture name \"{}\" must be lower-case letters, digits or '_', "
          "starting with a letter",
          name, fixture);
    }
    add_fixture(c, fixture);
    return undeclared(fixture, declared);
  }
  auto it = captured.find(name);
  if (it == captured.end()) return fmt::format("unknown variable ${{{}}}", name);
  if (it->second >= step_index) {
    return fmt::format("capture \"{}\" used before it is captured", name);
  }
  return {};
}

}  // namespace

void check_case_variables(CaseSource& source, const FixtureDeclarations* declared,
                          std::vector<JsonProblem>& problems) {
  Case& c = source.value;
  for (const TemplateText& listed : source.listed_fixtures) {
    if (std::string problem = undeclared(listed.text, declared); !problem.empty()) {
      problems.push_back({listed.offset, std::move(problem)});
    }
  }
  std::map<std::string, std::size_t> captured = first_capture_step(c);
  const std::size_t trigger_index = c.setup.size();
  for (std::size_t index = 0; index < source.steps.size(); ++index) {
    const StepSource& step = source.steps[index];
    const Step& spec = index < trigger_index    ? c.setup[index]
                       : index == trigger_index ? c.trigger
                                                : c.teardown[index - trigger_index - 1];
    for (const TemplateText& text : step.texts) {
      Result<std::vector<std::string>> names = referenced_variables(text.text);
      if (!names.ok()) {
        problems.push_back(
            {text.offset, fmt::format("in {}: {}", quoted(text.text), names.status().message())});
        continue;
      }
      for (const std::string& name : *names) {
        if (std::string problem = check_reference(c, name, index, captured, declared);
            !problem.empty()) {
          problems.push_back({text.offset, std::move(problem)});
        }
      }
    }
    if (!spec.request.auth.empty()) {
      if (!is_fixture_name(spec.request.auth)) {
        problems.push_back(
            {step.auth_offset, fmt::format("auth fixture name \"{}\" must be lower-case letters, "
                                           "digits or '_', starting with a letter",
                                           spec.request.auth)});
      } else {
        add_fixture(c, spec.request.auth);
        if (std::string problem = undeclared(spec.request.auth, declared); !problem.empty()) {
          problems.push_back({step.auth_offset, std::move(problem)});
        }
      }
    }
  }
}

}  // namespace errcontract::internal
