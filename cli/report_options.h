// The --report FORMAT=PATH option, defined once for every command that writes
// reports (`run`, and the `report` subcommands), and the opening of its
// files: formats from the table (errcontract/report_formats.h), at most one
// to standard output, every path checked before anything runs.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "errcontract/reporter.h"
#include "errcontract/reports.h"
#include "errcontract/result.h"

namespace errcontract::cli {

// Adds the repeatable --report option to `cmd`, filling `specs`.
CLI::Option* add_report_option(CLI::App* cmd, std::vector<std::string>& specs);

struct ReportFiles {
  std::vector<std::unique_ptr<FileReporter>> files;
  bool to_stdout = false;  // one of them is "-": the console summary goes to stderr
};

// The reporters for `specs`, each path writable now. An error is a usage
// error (exit 2) whose message names the spec or the path.
Result<ReportFiles> open_report_files(const std::vector<std::string>& specs);

// Under GitHub Actions (GITHUB_ACTIONS=true): adds the reporter that prints
// an annotation per failed case to `console` (where the console summary
// goes: never a report written to stdout) and appends the Markdown report to
// $GITHUB_STEP_SUMMARY (errcontract/github_actions.h). Nothing elsewhere.
void add_ci_reporters(ReporterList& reporters, std::ostream& console);

}  // namespace errcontract::cli
