#include "fixture_sources.h"

#include "errcontract/runner.h"

namespace errcontract::cli {

void add_fixtures_option(CLI::App* cmd, std::string& file) {
  cmd->add_option("--fixtures", file,
                  "JSON file of fixtures (name -> value); ERRC_FIXTURE_<NAME> overrides");
}

Result<ProvidedFixtures> read_provided_fixtures(const std::string& file) {
  ProvidedFixtures provided;
  provided.from_environment = fixtures_from_environment(&provided.empty_in_environment);
  if (!file.empty()) {
    auto from_file = load_fixtures_file(file);
    if (!from_file.ok()) return from_file.status();
    provided.from_file = std::move(*from_file);
  }
  provided.merged = provided.from_environment;
  for (const auto& [name, value] : provided.from_file) provided.merged.emplace(name, value);
  return provided;
}

void warn_about_provided(const CaseLibrary& library, const ProvidedFixtures& provided,
                         const std::string& file, std::ostream& err) {
  for (const auto& unknown : unknown_fixtures(library, provided.from_environment)) {
    err << "errcontract: warning: fixture \"" << unknown.name << "\" ("
        << fixture_variable(unknown.name) << ") is not declared by the case library" << unknown.hint
        << "\n";
  }
  for (const auto& name : provided.empty_in_environment) {
    err << "errcontract: " << fixture_variable(name) << " is empty: fixture \"" << name
        << "\" counts as not set\n";
  }
  for (const auto& unknown : unknown_fixtures(library, provided.from_file)) {
    err << "errcontract: warning: fixture \"" << unknown.name << "\" in " << file
        << " is not declared by the case library" << unknown.hint << "\n";
  }
}

}  // namespace errcontract::cli
