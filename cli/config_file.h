// --config FILE (default: errcontract.json in the working directory when it
// exists) and --profile NAME: a JSON file of option values for the
// subcommands that take it (run, teardown, fixtures), so a CI job or a team
// keeps its target, fixtures file, headers, rate and selection in one place.
//
//   {
//     "fixtures": "fixtures.json",
//     "header": ["X-Api-Key: ${env:STAGING_API_KEY}"],
//     "exclude": ["upstream", "debug-code"],
//     "min-coverage": 90,
//     "profiles": {
//       "staging": {"target": "https://staging.example.com/uapi", "rate": 20},
//       "local": {"jobs": 8}
//     }
//   }
//
// Every key is the long name of an option ("min-coverage" for
// --min-coverage); a value is a string, a number, true (a flag; false leaves
// it off) or an array (a repeatable option, once per element). A profile's
// keys replace the top level's. `${env:NAME}` in a string is the variable's
// value; an unset or empty one is an error. The options go in front of the
// command line's, which is parsed after them, so a flag given there wins (a
// repeatable option given there adds to the file's). A key that no
// subcommand taking --config has is an error naming it; one that this
// subcommand lacks (teardown has no --jobs) is left out.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "errcontract/result.h"

namespace errcontract::cli {

// Registers --config and --profile on `cmd`: the values were read before
// parsing (with_config_arguments); the options make them accepted and listed.
void add_config_options(CLI::App* cmd);

// `args` (argv) with the configuration's options inserted after the
// subcommand's name, or unchanged when the subcommand takes no --config or
// there is no file. An error names the file and what is wrong in it (line
// and column for JSON syntax).
Result<std::vector<std::string>> with_config_arguments(const CLI::App& app,
                                                       std::vector<std::string> args);

}  // namespace errcontract::cli
