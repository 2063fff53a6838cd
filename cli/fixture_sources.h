// Where a run's fixtures come from: a fixtures file (--fixtures) and
// ERRC_FIXTURE_<NAME> environment variables, which win. Shared by `run`,
// `fixtures` and `teardown`, so all read and warn about them the same way.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "errcontract/case.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract::cli {

struct ProvidedFixtures {
  Fixtures from_file;
  Fixtures from_environment;
  std::vector<std::string> empty_in_environment;  // set but empty: counts as unset
  Fixtures merged;                                // the environment over the file
};

// --fixtures FILE, the same option for every subcommand that reads fixtures.
void add_fixtures_option(CLI::App* cmd, std::string& file);

// Reads `file` ("" = none) and the environment; an unreadable file is an error.
Result<ProvidedFixtures> read_provided_fixtures(const std::string& file);

// Warnings for names the library does not declare (with a did-you-mean) and
// for empty variables.
void warn_about_provided(const CaseLibrary& library, const ProvidedFixtures& provided,
                         const std::string& file, std::ostream& err);

}  // namespace errcontract::cli
