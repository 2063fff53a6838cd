// errcontract teardown --from REPORT.json: sends again the teardowns a run
// could not complete (its LEAK lines), against --target with the fixtures of
// --fixtures and ERRC_FIXTURE_*. One line per resource; exit 0 when every one
// was removed, 1 otherwise, 2 for a report that cannot be read.
#include <fmt/format.h>

#include <iostream>

#include "commands.h"
#include "config_file.h"
#include "errcontract/report_leaks.h"
#include "errcontract/teardown_replay.h"
#include "fixture_sources.h"
#include "target_options.h"

namespace errcontract::cli {
namespace {

struct Options {
  TargetCli net;
  std::string from;
  std::string fixtures_file;
};

int teardown(const Options& opts) {
  if (opts.net.target.empty()) {
    std::cerr << "errcontract: teardown needs --target (where the run left the resources)\n";
    return kExitUsage;
  }
  auto target = make_target_options(opts.net, opts.net.target);
  if (!target.ok()) {
    std::cerr << "errcontract: " << target.status().message() << "\n";
    return kExitUsage;
  }
  auto leaks = load_report_leaks(opts.from);
  if (!leaks.ok()) {
    std::cerr << "errcontract: " << leaks.status().message() << "\n";
    return kExitUsage;
  }
  auto provided = read_provided_fixtures(opts.fixtures_file);
  if (!provided.ok()) {
    std::cerr << "errcontract: " << provided.status().message() << "\n";
    return kExitUsage;
  }
  if (leaks->empty()) {
    std::cout << "teardown: " << opts.from << " records no leaked resource\n";
    return kExitOk;
  }
  auto transport = make_http_transport(*target);
  int removed = 0, other = 0;
  for (const ReportLeak& leak : *leaks) {
    const ReplayResult r = replay_teardown(leak.teardown, provided->merged, *transport);
    const bool ok = r.outcome == ReplayOutcome::kRemoved || r.outcome == ReplayOutcome::kGone;
    (ok ? removed : other) += 1;
    // The request as recorded: fixture references, never their values.
    std::cout << fmt::format("{}: {} {} (case {}; {})\n", to_string(r.outcome),
                             leak.teardown.request.method, leak.teardown.request.target,
                             leak.case_id, r.detail);
  }
  std::cout << fmt::format("teardown: {} of {} resources removed\n", removed, leaks->size());
  return other == 0 ? kExitOk : kExitFailure;
}

}  // namespace

void register_teardown(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "teardown",
      "Send again the teardowns a run could not complete (its LEAK lines), read from its JSON "
      "report, against --target");
  cmd->add_option("--from", opts->from, "the JSON report of the run (--report json=PATH)")
      ->required();
  add_target_options(cmd, opts->net);
  add_config_options(cmd);
  add_fixtures_option(cmd, opts->fixtures_file);
  cmd->callback([opts, &ctx] { ctx.exit_code = teardown(*opts); });
}

}  // namespace errcontract::cli
