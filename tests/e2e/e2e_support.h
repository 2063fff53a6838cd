// Shared by the end-to-end tests: the shipped case library, and one run of
// it against a ReferenceServer, in-process or over a real socket on
// 127.0.0.1 port 0, with the options `errcontract run` uses for the
// embedded server.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/exit_codes.h"
#include "errcontract/reference_server.h"
#include "errcontract/runner.h"

namespace errcontract::e2e {

inline const CaseLibrary& library() {
  static const CaseLibrary lib = [] {
    auto loaded =
        CaseLibrary::load_dir(std::string(ERRC_SOURCE_DIR) + "/cases", Catalog::builtin());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : CaseLibrary{};
  }();
  return lib;
}

enum class Wire { kInProcess, kSocket };

class QuietReporter : public Reporter {};

// Runs the cases selected by `only` (all when empty) against `server`. Over
// kSocket the server must already listen (server.start()).
inline RunResult run_library(ReferenceServer& server, Wire wire,
                             const std::vector<std::string>& only = {}, int jobs = 4,
                             bool strict_status = false) {
  RunOptions options;
  options.only = only;
  options.strict_status = strict_status;
  options.jobs = jobs;
  options.fixtures = server.fixtures();
  options.allow_destructive = true;
  options.target_label = "reference server (e2e test)";
  QuietReporter reporter;
  if (wire == Wire::kInProcess) {
    return run_cases(
        Catalog::builtin(), library(), [&server] { return make_in_process_transport(server); },
        options, reporter);
  }
  TargetOptions target;
  target.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  return run_cases(
      Catalog::builtin(), library(), [target] { return make_http_transport(target); }, options,
      reporter);
}

inline std::set<std::string> finding_ids(const CaseResult& result, bool errors_only) {
  std::set<std::string> ids;
  for (const Finding& f : result.findings) {
    if (!errors_only || f.severity == Severity::kError) ids.emplace(to_string(f.id));
  }
  return ids;
}

// "case-id (code): verdict" and the findings, one case a line, for failure
// messages; with `problems_only`, only the cases that did not pass.
inline std::string describe_cases(const RunResult& run, bool problems_only = false) {
  std::string out;
  for (const CaseResult& c : run.cases) {
    if (problems_only && c.verdict == Verdict::kPassed) continue;
    out += c.case_id + " (" + c.code + "): " + to_string(c.verdict);
    if (!c.reason.empty()) out += " (" + c.reason + ")";
    for (const Finding& f : c.findings) out += "\n    " + describe(f);
    out += "\n";
  }
  return out;
}

}  // namespace errcontract::e2e
