// The report writers: listeners over the result model that print the console
// summary or write a JUnit XML, JSON, Markdown or HTML file when the run ends. They
// only read results (secrets are already redacted by the runner); formats are
// described in docs/reports.md.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "errcontract/reporter.h"
#include "errcontract/result.h"
#include "errcontract/run_result.h"

namespace errcontract {

struct FuzzReport;  // errcontract/fuzz_report.h

struct ConsoleOptions {
  bool verbose = false;  // also list passed and skipped cases and each case's exchanges
  bool color = false;    // ANSI colours; the CLI turns them on for a terminal (--color)
  // A self-overwriting progress line while the run goes ("\r" and erase to
  // the end of the line); the CLI turns it on for a terminal without -v.
  bool progress = false;
};

// Prints a line per failing or erroring case as it ends (without verbose, the
// first 3 per finding id or error kind, the rest counted in one line at the
// end), then a per-module table and a totals line.
std::unique_ptr<Reporter> make_console_reporter(std::ostream& out, ConsoleOptions options = {});

// A reporter that renders the whole run into one file in on_run_end (or a
// fuzz-api run in on_fuzz_end, with the format's fuzz renderer). The
// file is written to a temporary file in the same directory and renamed, so
// readers never see half a report. A failure is printed to `diagnostics`
// (std::cerr when null), naming the path and the reason, and kept in
// status(); it never throws.
class FileReporter : public Reporter {
 public:
  using Render = std::function<Result<std::string>(const RunResult&)>;
  using FuzzRender = std::function<Result<std::string>(const FuzzReport&)>;

  FileReporter(std::string format, std::string path, Render render,
               std::ostream* diagnostics = nullptr, FuzzRender render_fuzz = nullptr);
  void on_run_end(const RunResult& result) override;
  // The end of a fuzz-api run: the same file, written the same way.
  void on_fuzz_end(const FuzzReport& report);
  // Whether the report could be written now (check_report_path), so that a
  // run can refuse to start rather than lose its report at the end.
  Status preflight() const;

  const std::string& format() const { return format_; }
  const std::string& path() const { return path_; }
  // kIoError (or the renderer's error) once a write failed; ok otherwise.
  const Status& status() const { return status_; }

 private:
  std::string format_;
  std::string path_;
  // Renders and writes the report, keeping the outcome in status_.
  void write(const std::function<Result<std::string>()>& render);

  Render render_;
  FuzzRender render_fuzz_;
  std::ostream& diagnostics_;
  Status status_;
};

// The file reports as text: what the file reporters write. The reporters
// themselves come from the format table, errcontract/report_formats.h.
std::string render_junit(const RunResult& result);
Result<std::string> render_json(const RunResult& result);
std::string render_markdown(const RunResult& result);
// One self-contained HTML page (inline style and script, nothing loaded from
// anywhere): header, the error table as a grid, failures with their
// exchanges and curl commands, the other cases collapsed.
std::string render_html(const RunResult& result);

// Writes `content` to `path` through a temporary file in the same directory
// and a rename. Errors (kIoError) name the path and the system's reason.
Status write_file_atomically(const std::string& path, std::string_view content);

// Writes a report to `path` the way its kind asks: "-" to standard output; an
// existing FIFO or device (or a symlink to one, /dev/stdout) is written
// through; a regular file, new or existing, by write_file_atomically, and
// through a symlink to one the link stays a link and its target is replaced.
Status write_report_file(const std::string& path, std::string_view content);

// Whether write_report_file(path, ...) can succeed as far as can be told
// without writing: for a file to be replaced, the temporary file can be
// created (and is removed at once) and `path` is not a directory; a FIFO or
// device is writable (never opened). Errors as write_file_atomically's.
Status check_report_path(const std::string& path);

}  // namespace errcontract
