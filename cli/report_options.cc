// The shared --report option (report_options.h).
#include "report_options.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "errcontract/github_actions.h"
#include "errcontract/report_formats.h"

namespace errcontract::cli {

CLI::Option* add_report_option(CLI::App* cmd, std::vector<std::string>& specs) {
  std::string help;
  for (const auto& f : report_formats()) {
    help += (help.empty() ? "" : ", ") + std::string(f.name) + "=PATH";
  }
  // One FORMAT=PATH per --report: a container option would otherwise also
  // take the input files that follow it (`report merge --report x=y a.json`).
  return cmd
      ->add_option("--report", specs,
                   help + " (repeatable); PATH - is standard output; docs/reports.md")
      ->allow_extra_args(false);
}

Result<ReportFiles> open_report_files(const std::vector<std::string>& specs) {
  ReportFiles out;
  for (const auto& spec : specs) {
    auto made = make_file_reporter(spec);
    if (!made.ok()) return made.status();
    out.files.push_back(std::move(made).value());
  }
  const auto to_stdout = std::count_if(out.files.begin(), out.files.end(),
                                       [](const auto& r) { return r->path() == "-"; });
  if (to_stdout > 1) {
    return Status(StatusCode::kInvalidArgument,
                  "only one --report can be written to standard output (-)");
  }
  out.to_stdout = to_stdout == 1;
  // A report that cannot be written would only be found lost at the end of
  // the run: refuse to start instead.
  for (const auto& r : out.files) {
    if (Status writable = r->preflight(); !writable.ok()) {
      return Status(StatusCode::kInvalidArgument,
                    "the " + r->format() + " report cannot be written: " + writable.message());
    }
  }
  return out;
}

void add_ci_reporters(ReporterList& reporters, std::ostream& console) {
  const char* actions = std::getenv("GITHUB_ACTIONS");
  if (actions == nullptr || std::string_view(actions) != "true") return;
  GithubActionsOptions options;
  if (const char* workspace = std::getenv("GITHUB_WORKSPACE")) options.workspace = workspace;
  if (const char* summary = std::getenv("GITHUB_STEP_SUMMARY")) options.step_summary = summary;
  reporters.add(make_github_actions_reporter(console, std::move(options)));
}

}  // namespace errcontract::cli
