// errcontract run: load, plan, execute against a target (or the embedded
// reference server), report. Exit 0 all passed, 1 contract failures, 2 bad
// input, 3 target unreachable.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <optional>

#include "commands.h"
#include "errcontract/reference_server.h"
#include "errcontract/reports.h"
#include "errcontract/runner.h"
#include "fault_options.h"
#include "signals.h"

namespace errcontract::cli {
namespace {

struct Options {
  std::string target;
  std::string cases_dir = ERRC_DEFAULT_CASES_DIR;
  std::string fixtures_file;
  std::vector<std::string> only, exclude, reports;
  std::string shard;
  int jobs = 4;
  int timeout_ms = 10000;
  int retries = 0;
  bool lenient = false, allow_destructive = false, insecure = false, verbose = false;
  std::string ca_file;
  FaultOptions fault;
};

// "K/N" with 1 <= K <= N.
bool parse_shard(const std::string& text, int& index, int& count) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  try {
    index = std::stoi(text.substr(0, slash));
    count = std::stoi(text.substr(slash + 1));
  } catch (...) {
    return false;
  }
  return count >= 1 && index >= 1 && index <= count;
}

Result<std::vector<std::unique_ptr<FileReporter>>> make_file_reporters(
    const std::vector<std::string>& specs) {
  std::vector<std::unique_ptr<FileReporter>> out;
  for (const auto& spec : specs) {
    auto eq = spec.find('=');
    std::string format = spec.substr(0, eq);
    std::string path = eq == std::string::npos ? "" : spec.substr(eq + 1);
    if (path.empty()) {
      return Status(StatusCode::kInvalidArgument,
                    "--report needs FORMAT=PATH (junit, json or md), got \"" + spec + "\"");
    }
    if (format == "junit") {
      out.push_back(make_junit_reporter(path));
    } else if (format == "json") {
      out.push_back(make_json_reporter(path));
    } else if (format == "md" || format == "markdown") {
      out.push_back(make_markdown_reporter(path));
    } else {
      return Status(StatusCode::kInvalidArgument,
                    "--report format \"" + format + "\" is not one of junit, json, md");
    }
  }
  return out;
}

int run(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  auto library = CaseLibrary::load_dir(opts.cases_dir, *catalog);
  if (!library.ok()) {
    std::cerr << "errcontract: " << library.status().message() << "\n";
    return kExitUsage;
  }

  RunOptions run_options;
  run_options.only = opts.only;
  run_options.exclude = opts.exclude;
  run_options.jobs = opts.jobs;
  run_options.retries = opts.retries;
  run_options.lenient = opts.lenient;
  run_options.allow_destructive = opts.allow_destructive;
  // Only the report files read the exchanges of passed cases after the run.
  run_options.keep_passed_exchanges = !opts.reports.empty();
  if (!opts.shard.empty() &&
      !parse_shard(opts.shard, run_options.shard_index, run_options.shard_count)) {
    std::cerr << "errcontract: --shard must be K/N with 1 <= K <= N, got \"" << opts.shard
              << "\"\n";
    return kExitUsage;
  }
  auto file_reporters = make_file_reporters(opts.reports);
  if (!file_reporters.ok()) {
    std::cerr << "errcontract: " << file_reporters.status().message() << "\n";
    return kExitUsage;
  }
  // A report that cannot be written would only be found lost at the end of
  // the run: refuse to start instead.
  for (const auto& r : *file_reporters) {
    if (Status writable = r->preflight(); !writable.ok()) {
      std::cerr << "errcontract: the " << r->format()
                << " report cannot be written: " << writable.message() << "\n";
      return kExitUsage;
    }
  }

  if (!opts.fault.mode.empty() && !opts.target.empty()) {
    std::cerr << "errcontract: --fault breaks the embedded reference server and cannot be used "
                 "with --target (start `errcontract serve --fault MODE` and target it instead)\n";
    return kExitUsage;
  }

  TargetOptions target;
  target.timeout_ms = opts.timeout_ms;
  target.connect_timeout_ms = std::min(opts.timeout_ms, 5000);
  target.insecure = opts.insecure;
  target.ca_file = opts.ca_file;

  // Without --target, the reference server runs in this process, on a real
  // socket on 127.0.0.1, and provides every fixture.
  std::optional<ReferenceServer> embedded;
  if (opts.target.empty()) {
    embedded.emplace(*catalog);
    const std::string fault = apply_fault_options(opts.fault, *embedded);
    auto port = embedded->start("127.0.0.1", 0);
    if (!port.ok()) {
      std::cerr << "errcontract: cannot start the reference server: " << port.status().message()
                << "\n";
      return kExitUnreachable;
    }
    target.base_url = "http://127.0.0.1:" + std::to_string(*port);
    run_options.fixtures = embedded->fixtures();
    run_options.allow_destructive = true;
    run_options.target_label =
        "embedded reference server (" + target.base_url + (fault.empty() ? "" : ", " + fault) + ")";
  } else {
    target.base_url = opts.target;
    run_options.target_label = opts.target;
    run_options.fixtures = fixtures_from_environment();
    if (!opts.fixtures_file.empty()) {
      auto from_file = load_fixtures_file(opts.fixtures_file);
      if (!from_file.ok()) {
        std::cerr << "errcontract: " << from_file.status().message() << "\n";
        return kExitUsage;
      }
      // Environment variables override the file.
      for (auto& [name, value] : *from_file) run_options.fixtures.emplace(name, value);
    }
  }

  ReporterList reporters;
  ConsoleOptions console;
  console.verbose = opts.verbose;
  console.color = isatty(STDOUT_FILENO) != 0;
  reporters.add(make_console_reporter(std::cout, console));
  std::vector<FileReporter*> files;
  for (auto& r : *file_reporters) {
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
  if (result.interrupted) return result.exit_code() == 0 ? kExitFailure : result.exit_code();
  return result.exit_code();
}

}  // namespace

void register_run(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "run", "Run the case library against a target (default: the embedded reference server)");
  cmd->add_option("--target", opts->target, "base URL, e.g. https://staging.example.com");
  cmd->add_option("--cases", opts->cases_dir, "directory of *.cases.json files")
      ->capture_default_str();
  cmd->add_option("--fixtures", opts->fixtures_file,
                  "JSON file of fixtures (name -> value); ERRC_FIXTURE_<NAME> overrides");
  cmd->add_option("--only", opts->only, "run only cases matching an id, code, module or tag");
  cmd->add_option("--exclude", opts->exclude, "skip cases matching an id, code, module or tag");
  cmd->add_option("--shard", opts->shard, "run shard K of N (K/N)");
  cmd->add_option("--jobs", opts->jobs, "parallel workers")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--timeout", opts->timeout_ms, "per-request deadline in milliseconds")
      ->capture_default_str()
      ->check(CLI::Range(1, 600000));
  cmd->add_option("--retries", opts->retries, "retries of transport errors (never of failures)")
      ->capture_default_str()
      ->check(CLI::Range(0, 10));
  cmd->add_flag("--lenient", opts->lenient,
                "numeric error_code and extra members are warnings, not failures");
  cmd->add_flag("--allow-destructive", opts->allow_destructive,
                "also run cases tagged destructive against --target");
  cmd->add_option("--report", opts->reports, "junit=PATH, json=PATH or md=PATH (repeatable)");
  cmd->add_flag("--insecure", opts->insecure, "do not verify the target's TLS certificate");
  cmd->add_option("--ca-file", opts->ca_file, "CA bundle for an HTTPS target")
      ->check(CLI::ExistingFile);
  cmd->add_flag("-v,--verbose", opts->verbose, "list every case and its exchanges");
  add_fault_options(cmd, opts->fault, "the embedded server (a self-test of the harness)");
  cmd->callback([opts, &ctx] { ctx.exit_code = run(*opts, ctx); });
}

}  // namespace errcontract::cli
