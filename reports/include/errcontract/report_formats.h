// The report formats `--report FORMAT=PATH` can name, as one table: every
// command that writes reports (run, the report subcommands, fuzz-api) takes
// its formats, its help text and its errors from here, so a new format is one
// row. A row renders both kinds of report: a run's (render) and fuzz-api's
// (render_fuzz, errcontract/fuzz_report.h). Formats are described in
// docs/reports.md.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/reports.h"
#include "errcontract/result.h"

namespace errcontract {

struct ReportFormat {
  std::string_view name;                 // "junit": what FORMAT= names, and FileReporter::format()
  std::string_view alias;                // another accepted name ("markdown" for md); "" for none
  std::string_view description;          // one line, for --help and docs
  FileReporter::Render render;           // a run's report (run, report render|merge)
  FileReporter::FuzzRender render_fuzz;  // fuzz-api's report
};

// Every format, in the order --help lists them.
const std::vector<ReportFormat>& report_formats();

// The row whose name or alias is `name`; nullptr for none.
const ReportFormat* find_report_format(std::string_view name);

// "junit, json, md": the names, for help texts and errors.
std::string report_format_names();

// A reporter for "FORMAT=PATH" (PATH "-" is standard output). An unknown
// format or a missing path is kInvalidArgument naming the spec and the formats.
Result<std::unique_ptr<FileReporter>> make_file_reporter(std::string_view spec,
                                                         std::ostream* diagnostics = nullptr);

}  // namespace errcontract
