// errcontract fuzz-api: mutate the case library's requests against a target
// (default: the embedded reference server) and hold every response to the
// error contract. Exit 0 no violation, 1 violations, 2 usage, 3 target
// unreachable. --report writes the reports of run's formats (the same
// option, cli/report_options.h), also when violations make the exit 1.
// docs/fuzz-api.md.
#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cases_dir.h"
#include "commands.h"
#include "console_mode.h"
#include "errcontract/api_fuzzer.h"
#include "errcontract/fuzz_progress.h"
#include "errcontract/fuzz_report.h"
#include "errcontract/reference_server.h"
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
  VerdictCli verdict;
  std::string cases_dir;
  std::string fixtures_file;
  std::string out_dir;
  std::string corpus_dir;
  std::vector<std::string> reports;
  std::uint64_t seed = 1;
  std::size_t max_requests = 1000;
  double seconds = 0;
  int jobs = 1;
  bool allow_destructive = false;
  bool verbose = false;
  FaultOptions fault;
};

constexpr const char* kCorpusFile = "corpus.cases.json";

// Writes a case file (`name`, holding `text`) and the library's fixtures.json,
// which the case loader needs to accept its ${fixture:...} references, to
// `dir` (the value of `option`).
Status write_case_dir(const std::string& option, const std::string& dir,
                      const std::string& cases_dir, const std::string& name,
                      const std::string& text) {
  namespace fs = std::filesystem;
  const std::string where = option + " " + dir + ": ";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status(StatusCode::kInvalidArgument, where + ec.message());
  const fs::path declarations = fs::path(cases_dir) / "fixtures.json";
  if (fs::exists(declarations)) {
    fs::copy_file(declarations, fs::path(dir) / "fixtures.json",
                  fs::copy_options::overwrite_existing, ec);
    if (ec) return Status(StatusCode::kInvalidArgument, where + ec.message());
  }
  std::ofstream out(fs::path(dir) / name, std::ios::binary);
  out << text;
  if (!out) return Status(StatusCode::kInvalidArgument, where + "cannot write " + name);
  return Status();
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The requests of a corpus saved by an earlier run ({} when `dir` has none).
Result<std::vector<RequestSpec>> read_corpus(const std::string& dir, const Catalog& catalog) {
  std::vector<RequestSpec> entries;
  if (!std::filesystem::exists(std::filesystem::path(dir) / kCorpusFile)) return entries;
  auto saved = CaseLibrary::load_dir(dir, catalog);
  if (!saved.ok())
    return Status(StatusCode::kInvalidArgument, "--corpus: " + saved.status().message());
  for (const Case& c : saved->cases) entries.push_back(c.trigger.request);
  return entries;
}

int run(const Options& opts, Context& ctx) {
  const Catalog* catalog = ctx.catalog();
  if (catalog == nullptr) return kExitUsage;
  if (!opts.fault.mode.empty() && !opts.net.target.empty()) {
    std::cerr << "errcontract: --fault breaks the embedded reference server and cannot be used "
                 "with --target\n";
    return kExitUsage;
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
  auto surface = ApiSurface::load_file(*cases_dir + "/api.json", *catalog);
  if (!surface.ok()) {
    std::cerr << "errcontract: " << surface.status().message() << "\n";
    return kExitUsage;
  }

  auto report_files = open_report_files(opts.reports);
  if (!report_files.ok()) {
    std::cerr << "errcontract: " << report_files.status().message() << "\n";
    return kExitUsage;
  }
  // A report written to standard output ("-") owns it; the rest goes to stderr.
  std::ostream& console = report_files->to_stdout ? std::cerr : std::cout;

  FuzzOptions fuzz;
  fuzz.seed = opts.seed;
  fuzz.max_requests = opts.max_requests;
  fuzz.seconds = opts.seconds;
  fuzz.jobs = opts.jobs;
  fuzz.allow_destructive = opts.allow_destructive;
  fuzz.lenient = opts.verdict.lenient;
  fuzz.strict_status = opts.verdict.strict_status;
  fuzz.rate = opts.net.rate;
  fuzz.max_retry_after_ms = opts.net.timeout_ms;
  if (!opts.corpus_dir.empty()) {
    auto corpus = read_corpus(opts.corpus_dir, *catalog);
    if (!corpus.ok()) {
      std::cerr << "errcontract: " << corpus.status().message() << "\n";
      return kExitUsage;
    }
    fuzz.corpus_in = std::move(*corpus);
    fuzz.keep_corpus = true;
  }
  Fixtures fixtures;
  std::string base_url = opts.net.target;
  std::optional<ReferenceServer> embedded;
  FuzzReport report;
  report.target = opts.net.target;
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
    report.target =
        "embedded reference server (" + base_url + (fault.empty() ? "" : ", " + fault) + ")";
    fixtures = embedded->fixtures();
    fuzz.allow_destructive = true;  // the embedded server is the fuzzer's own
  } else {
    auto provided = read_provided_fixtures(opts.fixtures_file);
    if (!provided.ok()) {
      std::cerr << "errcontract: " << provided.status().message() << "\n";
      return kExitUsage;
    }
    warn_about_provided(*library, *provided, opts.fixtures_file, std::cerr);
    fixtures = std::move(provided->merged);
  }
  auto made = make_target_options(opts.net, base_url, !embedded.has_value());
  if (!made.ok()) {
    std::cerr << "errcontract: " << made.status().message() << "\n";
    return kExitUsage;
  }
  const TargetOptions target = std::move(*made);
  fuzz.base_path = base_path_of(target.base_url);

  // On a terminal without -v: a progress line, erased before the results.
  FuzzProgressLine progress_line;
  if (use_progress(isatty(report_files->to_stdout ? STDERR_FILENO : STDOUT_FILENO) != 0,
                   opts.verbose)) {
    fuzz.on_progress = [&progress_line, &console](const FuzzProgress& progress) {
      console << progress_line.draw(progress, FuzzProgressLine::Clock::now()) << std::flush;
    };
  }
  report.started_at = utc_now_iso8601();
  const std::atomic<bool>& stop = install_stop_signals();
  FuzzResult result = fuzz_api(
      *catalog, *library, *surface, fixtures, [&target] { return make_http_transport(target); },
      fuzz, &stop);
  console << progress_line.erase();
  if (embedded) embedded->stop();

  report.seed = opts.seed;
  report.max_requests = opts.max_requests;
  report.jobs = opts.jobs;
  report.codes_documented = catalog->documented_count();
  report.result = result;
  bool reports_written = true;
  for (const auto& file : report_files->files) {
    file->on_fuzz_end(report);
    reports_written = reports_written && file->status().ok();
  }

  if (result.unreachable) {
    std::cerr << "errcontract: target unreachable: " << result.unreachable_error << "\n";
    return kExitUnreachable;
  }
  for (const FuzzViolation& v : result.violations) {
    console << "violation " << violation_line(v) << "\n";
    if (!opts.verbose) continue;
    const std::string& after = v.minimised ? v.original_mutation : v.mutation;
    if (!after.empty()) console << "  after: " << after << "\n";
    if (v.minimised) {
      console << "  " << v.minimise_note << ": "
              << (v.mutation.empty() ? "none (the baseline's own request)" : v.mutation) << "\n";
    } else if (!v.minimise_note.empty()) {
      console << "  " << v.minimise_note << "\n";
    }
  }
  for (const std::string& leak : result.leaks) console << "leaked: " << leak << "\n";
  if (result.created > 0) {
    console << fmt::format(
        "created: {} resources, {} deleted; acted on {} of them with {} requests\n", result.created,
        result.undone, result.acted_on, result.sequence_requests);
  }
  if (opts.verbose) {
    std::vector<std::string> missed;
    for (const CodeEntry& entry : catalog->entries()) {
      if (!entry.is_extension() && !result.codes_reached.count(entry.code)) {
        missed.push_back(entry.code);
      }
    }
    if (!missed.empty()) {
      console << fmt::format("documented codes not reached ({}): {}\n", missed.size(),
                             fmt::join(missed, " "));
    }
    for (const std::string& pair : result.foreign_codes) {
      console << "warning: a code of another module, not documented for the endpoint: " << pair
              << "\n";
    }
  }
  if (result.throttled > 0) {
    console << fmt::format("throttled: {} answers (429/503) waited for and sent again\n",
                           result.throttled);
  }
  if (const FuzzMinimisation& m = result.minimisation; m.requests > 0) {
    console << fmt::format("minimised: {} violations, {} of {} changes dropped, {} requests{}\n",
                           m.violations, m.dropped, m.changes, m.requests,
                           m.not_reproduced == 0
                               ? ""
                               : fmt::format(" ({} not minimised: not shown again when resent, "
                                             "or no attempt left)",
                                             m.not_reproduced));
  }
  console << fuzz_summary_line(report) << "\n";
  if (!opts.out_dir.empty() && !result.violations.empty()) {
    if (Status written = write_case_dir("--out", opts.out_dir, *cases_dir, "fuzz-api.cases.json",
                                        violations_case_file(result.violations, *catalog));
        !written.ok()) {
      std::cerr << "errcontract: " << written.message() << "\n";
      return kExitUsage;
    }
  }
  if (!opts.corpus_dir.empty()) {
    std::size_t kept = 0;
    const std::string text = contract_case_file(result.corpus_out, *catalog, &kept);
    if (Status written = write_case_dir("--corpus", opts.corpus_dir, *cases_dir, kCorpusFile, text);
        !written.ok()) {
      std::cerr << "errcontract: " << written.message() << "\n";
      return kExitUsage;
    }
    console << fmt::format(
        "corpus: {} entries read, {} written to {} ({} the case format cannot hold left out)\n",
        fuzz.corpus_in.size(), kept, opts.corpus_dir, result.corpus_out.size() - kept);
  }
  if (!reports_written) return kExitUsage;  // each failure already named on stderr
  return fuzz_exit_code(result);
}

}  // namespace

void register_fuzz_api(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "fuzz-api",
      "Mutate the case library's requests and hold every response to the error contract "
      "(default target: the embedded reference server)");
  add_target_options(cmd, opts->net);
  add_verdict_options(cmd, opts->verdict);
  cmd->add_option("--cases", opts->cases_dir, kCasesHelp);
  add_fixtures_option(cmd, opts->fixtures_file);
  cmd->add_option("--seed", opts->seed, "the seed of every choice the fuzzer makes")
      ->capture_default_str();
  cmd->add_option("--max-requests", opts->max_requests,
                  "stop after N requests (teardown of what the baselines created still runs)")
      ->capture_default_str()
      ->check(in_range(std::size_t{1}, std::size_t{100000000}));
  cmd->add_option("--seconds", opts->seconds, "stop after S seconds (0: no limit)")
      ->check(in_range(0.0, 1e9));
  cmd->add_option("--jobs", opts->jobs, "parallel connections (1 keeps the responses' order)")
      ->capture_default_str()
      ->check(in_range(1, 64));
  cmd->add_option("--out", opts->out_dir,
                  "write each violation as a case (expect: contract) that `errcontract run "
                  "--cases DIR` replays");
  cmd->add_option("--corpus", opts->corpus_dir,
                  "keep the corpus here between runs: read at the start (if there), written at "
                  "the end, as a case file that `errcontract run --cases DIR` can replay too");
  cmd->add_flag("--allow-destructive", opts->allow_destructive,
                "also mutate cases tagged destructive against --target");
  add_report_option(cmd, opts->reports);
  cmd->add_flag("-v,--verbose", opts->verbose,
                "say after which mutations each violation showed, and which changes its minimised "
                "reproducer kept");
  add_fault_options(cmd, opts->fault, "the embedded server (a self-test of the fuzzer)");
  cmd->callback([opts, &ctx] { ctx.exit_code = run(*opts, ctx); });
}

}  // namespace errcontract::cli
