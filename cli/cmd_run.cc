// errcontract run: load, plan, execute against a target (or the embedded
// reference server), report. Exit 0 all passed, 1 contract failures, 2 bad
// input, 3 target unreachable.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "cases_dir.h"
#include "commands.h"
#include "config_file.h"
#include "console_mode.h"
#include "errcontract/reference_server.h"
#include "errcontract/reports.h"
#include "errcontract/runner.h"
#include "fault_options.h"
#include "fixture_sources.h"
#include "range_check.h"
#include "report_options.h"
#include "signals.h"
#include "target_options.h"
#include "verdict_options.h"

namespace errcontract::cli {
namespace {

struct Options {
  TargetCli net;
  std::string cases_dir;  // "" = find_cases_dir()
  std::string fixtures_file;
  std::vector<std::string> only, exclude, reports, disabled_checks;
  std::string shard;
  int jobs = 4;
  int retries = 0;
  double min_coverage = -1;  // percent; < 0 = not checked
  VerdictCli verdict;
  bool allow_destructive = false, verbose = false;
  FaultOptions fault;
  std::string run_id;          // "" = generated
  std::string color = "auto";  // --color auto|always|never
  int max_failures = 0;        // 0 = no limit
};

// "K/N" with 1 <= K <= N; `index` is K-1, as RunOptions counts shards.
bool parse_shard(const std::string& text, int& index, int& count) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    index = std::stoi(text.substr(0, slash));
    count = std::stoi(text.substr(slash + 1));
  } catch (...) {
    return false;
  }
  if (count < 1 || index < 1 || index > count) return false;
  --index;
  return true;
}

// A selection that runs nothing is a mistake (a misspelt id, code or tag),
// not a passing run: name the selector that matched nothing.
Status check_selection(const CaseLibrary& library, const Catalog& catalog,
                       const RunOptions& options) {
  for (const auto& s : selectors_matching_nothing(library, catalog, options.only)) {
    return Status(StatusCode::kInvalidArgument,
                  "--only \"" + s +
                      "\" matches no case (an id, code, module or tag; see `errcontract list`)");
  }
  for (const auto& s : selectors_matching_nothing(library, catalog, options.exclude)) {
    std::cerr << "errcontract: warning: --exclude \"" << s << "\" matches no case\n";
  }
  if (!plan_cases(library, catalog, options).empty()) return Status();
  std::string selection;
  for (const auto& s : options.only) selection += " --only " + s;
  for (const auto& s : options.exclude) selection += " --exclude " + s;
  if (options.shard_count > 1) {
    selection += fmt::format(" --shard {}/{}", options.shard_index + 1, options.shard_count);
  }
  if (selection.empty())
    return Status(StatusCode::kInvalidArgument, "the case library has no case");
  return Status(StatusCode::kInvalidArgument, "the selection" + selection + " matches no case");
}

// --min-coverage: false (after saying which codes and why) when fewer than
// `percent` of the documented codes the selected cases test were verified.
bool coverage_reaches(const RunResult& result, double percent, std::ostream& out) {
  const SelectedCoverage coverage = selected_coverage(result);
  if (coverage.percent() + 1e-9 >= percent) return true;
  out << fmt::format(
      "coverage below --min-coverage {:g}%: {}/{} documented codes of the selected cases "
      "verified ({:.1f}%); not verified:\n",
      percent, coverage.verified, coverage.documented, coverage.percent());
  // One line per reason, its codes listed after it.
  std::vector<std::pair<std::string, std::vector<std::string>>> by_why;
  for (const auto& u : coverage.unverified) {
    auto it = std::find_if(by_why.begin(), by_why.end(),
                           [&u](const auto& entry) { return entry.first == u.why; });
    if (it == by_why.end()) {
      by_why.push_back({u.why, {}});
      it = std::prev(by_why.end());
    }
    it->second.push_back(u.code);
  }
  for (const auto& [why, codes] : by_why) {
    out << fmt::format("  {} ({} code{}): {}\n", why, codes.size(), codes.size() == 1 ? "" : "s",
                       fmt::join(codes, " "));
  }
  return false;
}

int run(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  // A target that cannot be used is a usage error before anything runs.
  if (!opts.net.target.empty()) {
    if (auto checked = make_target_options(opts.net, opts.net.target); !checked.ok()) {
      std::cerr << "errcontract: " << checked.status().message() << "\n";
      return kExitUsage;
    }
  }
  auto cases_dir = find_cases_dir(opts.cases_dir);
  if (!cases_dir.ok()) {
    std::cerr << "errcontract: " << cases_dir.status().message() << "\n";
    return kExitUsage;
  }
  auto library = CaseLibrary::load_dir(cases_dir.value(), *catalog);
  if (!library.ok()) {
    std::cerr << "errcontract: " << library.status().message() << "\n";
    return kExitUsage;
  }

  RunOptions run_options;
  run_options.only = opts.only;
  run_options.exclude = opts.exclude;
  run_options.jobs = opts.jobs;
  run_options.retries = opts.retries;
  run_options.lenient = opts.verdict.lenient;
  run_options.strict_status = opts.verdict.strict_status;
  for (const std::string& name : opts.disabled_checks) {
    if (const std::string problem = disable_check_problem(name); !problem.empty()) {
      std::cerr << "errcontract: --disable-check: " << problem << "\n";
      return kExitUsage;
    }
    run_options.disabled_checks.insert(*find_finding_id(name));
  }
  run_options.allow_destructive = opts.allow_destructive;
  if (!opts.run_id.empty()) {
    if (const std::string problem = run_id_problem(opts.run_id); !problem.empty()) {
      std::cerr << "errcontract: --run-id \"" << opts.run_id << "\": " << problem << "\n";
      return kExitUsage;
    }
    run_options.run_id = opts.run_id;
  }
  run_options.max_failures = opts.max_failures;
  // Only the report files read the exchanges of passed cases after the run.
  run_options.keep_passed_exchanges = !opts.reports.empty();
  if (!opts.shard.empty() &&
      !parse_shard(opts.shard, run_options.shard_index, run_options.shard_count)) {
    std::cerr << "errcontract: --shard must be K/N with 1 <= K <= N, got \"" << opts.shard
              << "\"\n";
    return kExitUsage;
  }
  if (Status selection = check_selection(*library, *catalog, run_options); !selection.ok()) {
    std::cerr << "errcontract: " << selection.message() << "\n";
    return kExitUsage;
  }
  auto report_files = open_report_files(opts.reports);
  if (!report_files.ok()) {
    std::cerr << "errcontract: " << report_files.status().message() << "\n";
    return kExitUsage;
  }
  const bool reports_to_stdout = report_files->to_stdout;

  if (!opts.fault.mode.empty() && !opts.net.target.empty()) {
    std::cerr << "errcontract: --fault breaks the embedded reference server and cannot be used "
                 "with --target (start `errcontract serve --fault MODE` and target it instead)\n";
    return kExitUsage;
  }

  run_options.rate = opts.net.rate;
  run_options.max_retry_after_ms = opts.net.timeout_ms;
  std::string base_url = opts.net.target;

  // Without --target, the reference server runs in this process, on a real
  // socket on 127.0.0.1, and provides every fixture.
  std::optional<ReferenceServer> embedded;
  if (opts.net.target.empty()) {
    embedded.emplace(*catalog);
    const std::string fault = apply_fault_options(opts.fault, *embedded);
    auto port = embedded->start("127.0.0.1", 0);
    if (!port.ok()) {
      std::cerr << "errcontract: cannot start the reference server: " << port.status().message()
                << "\n";
      return kExitUnreachable;
    }
    base_url = "http://127.0.0.1:" + std::to_string(*port);
    run_options.fixtures = embedded->fixtures();
    run_options.allow_destructive = true;
    run_options.target_label =
        "embedded reference server (" + base_url + (fault.empty() ? "" : ", " + fault) + ")";
  } else {
    run_options.target_label = opts.net.target;
    auto provided = read_provided_fixtures(opts.fixtures_file);
    if (!provided.ok()) {
      std::cerr << "errcontract: " << provided.status().message() << "\n";
      return kExitUsage;
    }
    warn_about_provided(*library, *provided, opts.fixtures_file, std::cerr);
    run_options.fixtures = std::move(provided->merged);
  }

  auto made = make_target_options(opts.net, base_url, !embedded.has_value());
  if (!made.ok()) {
    std::cerr << "errcontract: " << made.status().message() << "\n";
    return kExitUsage;
  }
  const TargetOptions target = std::move(*made);
  run_options.base_path = base_path_of(target.base_url);
  run_options.secrets = secret_header_values(target);
  run_options.curl = curl_target(target);  // failed cases carry a curl command for this target
  if (!target.proxy.empty()) run_options.target_label += " via proxy " + target.proxy;

  // A report written to standard output ("-") owns it; the console summary
  // then goes to standard error.
  std::ostream& console_out = reports_to_stdout ? std::cerr : std::cout;
  ReporterList reporters;
  ConsoleOptions console;
  console.verbose = opts.verbose;
  const bool console_is_terminal = isatty(reports_to_stdout ? STDERR_FILENO : STDOUT_FILENO) != 0;
  console.color = use_color(opts.color, console_is_terminal, std::getenv("NO_COLOR"));
  console.progress = use_progress(console_is_terminal, opts.verbose);
  reporters.add(make_console_reporter(console_out, console));
  add_ci_reporters(reporters, console_out);
  std::vector<FileReporter*> files;
  for (auto& r : report_files->files) {
    files.push_back(r.get());
    reporters.add(std::move(r));
  }

  const std::atomic<bool>& stop = install_stop_signals();
  RunResult result = run_cases(
      *catalog, *library, [&target] { return make_http_transport(target); }, run_options, reporters,
      &stop);
  if (embedded) embedded->stop();

  for (const auto* f : files) {
    if (!f->status().ok()) return kExitUsage;
  }
  const bool short_of_coverage = !result.interrupted && opts.min_coverage >= 0 &&
                                 !coverage_reaches(result, opts.min_coverage, console_out);
  return run_exit_code(result, short_of_coverage);
}

}  // namespace

void register_run(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "run", "Run the case library against a target (default: the embedded reference server)");
  add_target_options(cmd, opts->net);
  add_config_options(cmd);
  cmd->add_option("--cases", opts->cases_dir, kCasesHelp);
  add_fixtures_option(cmd, opts->fixtures_file);
  cmd->add_option("--only", opts->only, "run only cases matching an id, code, module or tag");
  cmd->add_option("--exclude", opts->exclude, "skip cases matching an id, code, module or tag");
  cmd->add_option("--shard", opts->shard, "run shard K of N (K/N)");
  cmd->add_option("--jobs", opts->jobs, "parallel workers")
      ->capture_default_str()
      ->check(in_range(1, 64));
  cmd->add_option("--retries", opts->retries, "retries of transport errors (never of failures)")
      ->capture_default_str()
      ->check(in_range(0, 10));
  cmd->add_option("--min-coverage", opts->min_coverage,
                  "exit 1 when fewer than PCT% of the documented codes of the selected cases "
                  "are verified")
      ->check(in_range(0.0, 100.0));
  add_verdict_options(cmd, opts->verdict);
  cmd->add_option(
      "--disable-check", opts->disabled_checks,
      "turn off the finding with this id (repeatable; `errcontract checks` lists them)");
  cmd->add_flag("--allow-destructive", opts->allow_destructive,
                "also run cases tagged destructive against --target");
  add_report_option(cmd, opts->reports);
  cmd->add_flag("-v,--verbose", opts->verbose, "list every case and its exchanges");
  cmd->add_option("--run-id", opts->run_id,
                  "the run's id, in every report and every ${uniq} resource name (lower-case "
                  "letters, digits, '-'; at most 24); default: generated");
  cmd->add_option("--color", opts->color,
                  "colour the console: auto (a terminal, unless NO_COLOR is set), always, never")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--max-failures", opts->max_failures,
                  "start no new case after N failed cases (started ones finish, teardown runs)")
      ->check(in_range(1, 1000000));
  add_fault_options(cmd, opts->fault, "the embedded server (a self-test of the harness)");
  cmd->callback([opts, &ctx] { ctx.exit_code = run(*opts, ctx); });
}

}  // namespace errcontract::cli
