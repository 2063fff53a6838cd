// The table of report formats (errcontract/report_formats.h).
#include "errcontract/report_formats.h"

#include <algorithm>

#include "errcontract/fuzz_report.h"

namespace errcontract {

const std::vector<ReportFormat>& report_formats() {
  static const std::vector<ReportFormat> formats = {
      {"junit", "", "JUnit XML, one test case per case, for CI test tabs",
       [](const RunResult& r) -> Result<std::string> { return render_junit(r); },
       [](const FuzzReport& r) -> Result<std::string> { return render_fuzz_junit(r); }},
      {"json", "", "the whole run result, for tools (docs/reports.md has its schema)", render_json,
       render_fuzz_json},
      {"md", "markdown", "a Markdown summary, for pull requests and CI step summaries",
       [](const RunResult& r) -> Result<std::string> { return render_markdown(r); },
       [](const FuzzReport& r) -> Result<std::string> { return render_fuzz_markdown(r); }},
      {"html", "", "a self-contained HTML page: the error table as a grid, failures in full",
       [](const RunResult& r) -> Result<std::string> { return render_html(r); },
       [](const FuzzReport& r) -> Result<std::string> { return render_fuzz_html(r); }},
  };
  return formats;
}

const ReportFormat* find_report_format(std::string_view name) {
  const auto& formats = report_formats();
  auto it = std::find_if(formats.begin(), formats.end(), [name](const ReportFormat& f) {
    return f.name == name || (!f.alias.empty() && f.alias == name);
  });
  return it == formats.end() ? nullptr : &*it;
}

std::string report_format_names() {
  std::string names;
  for (const auto& f : report_formats()) {
    if (!names.empty()) names += ", ";
    names += f.name;
  }
  return names;
}

Result<std::unique_ptr<FileReporter>> make_file_reporter(std::string_view spec,
                                                         std::ostream* diagnostics) {
  const auto eq = spec.find('=');
  const std::string_view format = spec.substr(0, eq);
  const std::string path(eq == std::string_view::npos ? "" : spec.substr(eq + 1));
  if (path.empty()) {
    return Status(StatusCode::kInvalidArgument, "--report needs FORMAT=PATH (" +
                                                    report_format_names() + "), got \"" +
                                                    std::string(spec) + "\"");
  }
  const ReportFormat* row = find_report_format(format);
  if (row == nullptr) {
    return Status(StatusCode::kInvalidArgument, "--report format \"" + std::string(format) +
                                                    "\" is not one of " + report_format_names());
  }
  return std::make_unique<FileReporter>(std::string(row->name), path, row->render, diagnostics,
                                        row->render_fuzz);
}

}  // namespace errcontract
