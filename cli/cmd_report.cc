// errcontract report render|merge|diff: reports made from saved JSON reports
// (docs/reports.md). render writes any format from one; merge joins the
// reports of --shard K/N runs into the result one run would have given, and
// exits as that run would have; diff compares two runs and exits 1 when
// something newly fails. Reading is errcontract/report_reader.h, joining and
// comparing errcontract/run_merge.h and run_diff.h; this file only joins them.
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "commands.h"
#include "console_mode.h"
#include "errcontract/report_reader.h"
#include "errcontract/reports.h"
#include "errcontract/run_diff.h"
#include "errcontract/run_merge.h"
#include "report_options.h"

namespace errcontract::cli {
namespace {

struct Options {
  std::vector<std::string> reports;
  std::vector<std::string> inputs;
  bool allow_duplicates = false;
};

// Every report of `specs` written from `result` (the console summary when
// there is none), as the reporters of a run see it: each case ends, then the
// run. False (after saying why) when a report could not be written.
bool write_reports(const RunResult& result, const std::vector<std::string>& specs) {
  auto files = open_report_files(specs);
  if (!files.ok()) {
    std::cerr << "errcontract: " << files.status().message() << "\n";
    return false;
  }
  ReporterList reporters;
  if (specs.empty()) {
    ConsoleOptions console;
    console.color = use_color("auto", isatty(STDOUT_FILENO) != 0, std::getenv("NO_COLOR"));
    reporters.add(make_console_reporter(std::cout, console));
  }
  // A merge job under GitHub Actions annotates and summarises like a run.
  add_ci_reporters(reporters, files->to_stdout ? std::cerr : std::cout);
  std::vector<const FileReporter*> written;
  for (auto& f : files->files) {
    written.push_back(f.get());
    reporters.add(std::move(f));
  }
  reporters.on_run_start(
      RunInfo{result.target, result.cases.size(), 1, result.disabled_checks, result.run_id});
  for (const CaseResult& c : result.cases) reporters.on_case_end(c);
  reporters.on_run_end(result);
  for (const FileReporter* f : written) {
    if (!f->status().ok()) return false;  // the reporter has said why
  }
  return true;
}

int render(const Options& opts) {
  auto result = load_json_report(opts.inputs.front());
  if (!result.ok()) {
    std::cerr << "errcontract: " << result.status().message() << "\n";
    return kExitUsage;
  }
  return write_reports(*result, opts.reports) ? kExitOk : kExitUsage;
}

int merge(const Options& opts) {
  std::vector<MergeInput> inputs;
  for (const std::string& path : opts.inputs) {
    auto result = load_json_report(path);
    if (!result.ok()) {
      std::cerr << "errcontract: " << result.status().message() << "\n";
      return kExitUsage;
    }
    inputs.push_back({path, std::move(result).value()});
  }
  auto merged = merge_runs(inputs, MergeOptions{opts.allow_duplicates});
  if (!merged.ok()) {
    std::cerr << "errcontract: " << merged.status().message() << "\n";
    return kExitUsage;
  }
  if (!write_reports(*merged, opts.reports)) return kExitUsage;
  return run_exit_code(*merged, /*short_of_coverage=*/false);
}

void print_cases(std::ostream& out, std::string_view title,
                 const std::vector<RunDiff::CaseChange>& changes) {
  if (changes.empty()) return;
  out << fmt::format("{} ({} case{}):\n", title, changes.size(), changes.size() == 1 ? "" : "s");
  for (const auto& c : changes) {
    out << fmt::format("  {} ({}): {} -> {}\n", c.case_id, c.code, c.before, c.after);
  }
}

void print_codes(std::ostream& out, std::string_view title,
                 const std::vector<RunDiff::CodeChange>& changes) {
  if (changes.empty()) return;
  out << fmt::format("{} ({} code{}):\n", title, changes.size(), changes.size() == 1 ? "" : "s");
  for (const auto& c : changes) out << fmt::format("  {}: {} -> {}\n", c.code, c.before, c.after);
}

int diff(const Options& opts) {
  auto before = load_json_report(opts.inputs[0]);
  auto after = before.ok() ? load_json_report(opts.inputs[1]) : before;
  for (const auto* loaded : {&before, &after}) {
    if (!loaded->ok()) {
      std::cerr << "errcontract: " << loaded->status().message() << "\n";
      return kExitUsage;
    }
  }
  const RunDiff d = diff_runs(*before, *after);
  std::ostream& out = std::cout;
  print_codes(out, "codes newly failing", d.codes_failing);
  print_cases(out, "cases newly failing", d.cases_failing);
  print_cases(out, "cases newly in error", d.cases_error);
  print_codes(out, "codes newly verified", d.codes_verified);
  print_cases(out, "cases newly passing", d.cases_passing);
  print_codes(out, "codes newly skipped", d.codes_skipped);
  print_cases(out, "cases newly skipped", d.cases_skipped);
  print_codes(out, "codes newly without a case", d.codes_no_case);
  print_cases(out, "cases no longer run", d.cases_removed);
  out << fmt::format(
      "{} -> {}: {} newly failing, {} newly in error, {} newly passing, {} newly skipped "
      "(cases); {} newly failing, {} newly verified (codes)\n",
      opts.inputs[0], opts.inputs[1], d.cases_failing.size(), d.cases_error.size(),
      d.cases_passing.size(), d.cases_skipped.size(), d.codes_failing.size(),
      d.codes_verified.size());
  return d.regressed() ? kExitFailure : kExitOk;
}

}  // namespace

void register_report(CLI::App& app, Context& ctx) {
  auto* report = app.add_subcommand(
      "report", "Reports from saved JSON reports: render one, merge shards, diff two runs");
  report->require_subcommand(1);

  auto render_opts = std::make_shared<Options>();
  auto* render_cmd = report->add_subcommand(
      "render", "Write any report format from a saved JSON report (--report json=PATH of a run)");
  add_report_option(render_cmd, render_opts->reports);
  render_cmd->add_option("input", render_opts->inputs, "the JSON report to render")
      ->type_name("INPUT.json")
      ->required()
      ->expected(1);
  render_cmd->callback([render_opts, &ctx] { ctx.exit_code = render(*render_opts); });

  auto merge_opts = std::make_shared<Options>();
  auto* merge_cmd = report->add_subcommand(
      "merge",
      "Join the JSON reports of --shard K/N runs (or runs of one case library) into one result; "
      "exit as one run with those results would");
  add_report_option(merge_cmd, merge_opts->reports);
  merge_cmd->add_flag("--allow-duplicates", merge_opts->allow_duplicates,
                      "keep a case that is in two inputs (each counts) instead of refusing");
  merge_cmd->add_option("inputs", merge_opts->inputs, "the JSON reports to join")
      ->type_name("INPUT.json")
      ->required();
  merge_cmd->callback([merge_opts, &ctx] { ctx.exit_code = merge(*merge_opts); });

  auto diff_opts = std::make_shared<Options>();
  auto* diff_cmd = report->add_subcommand(
      "diff",
      "Codes and cases newly failing, passing or skipped from OLD.json to NEW.json; exit 1 when "
      "something newly fails");
  diff_cmd
      ->add_option("reports", diff_opts->inputs, "the old run's JSON report, then the new one's")
      ->type_name("OLD.json NEW.json")
      ->required()
      ->expected(2);
  diff_cmd->callback([diff_opts, &ctx] { ctx.exit_code = diff(*diff_opts); });
}

}  // namespace errcontract::cli
