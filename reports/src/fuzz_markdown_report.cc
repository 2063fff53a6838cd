// fuzz-api's Markdown report, for a pull-request comment or a CI step
// summary: the summary line, the per-endpoint table (endpoints with
// violations first), then the violations as a table. Text from the target is
// escaped (markdown_text.h); long lists are cut to keep under a comment's
// size limit.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "errcontract/fuzz_report.h"
#include "markdown_text.h"

namespace errcontract {
namespace {

using internal::md;

// PR comments have a size limit (65536 characters on GitHub).
constexpr std::size_t kMaxListedViolations = 50;

std::string code_list(const std::vector<std::string>& codes) {
  return codes.empty() ? "" : fmt::format("{}", fmt::join(codes, " "));
}

}  // namespace

std::string render_fuzz_markdown(const FuzzReport& report) {
  const FuzzResult& r = report.result;
  std::string out =
      fmt::format("## errcontract fuzz-api: {}\n\n",
                  r.unreachable              ? "target unreachable"
                  : r.violations.empty()     ? "no violation"
                  : r.violations.size() == 1 ? "1 violation"
                                             : fmt::format("{} violations", r.violations.size()));
  fmt::format_to(std::back_inserter(out), "`{}`\n\n", fuzz_summary_line(report));
  fmt::format_to(std::back_inserter(out), "Target {}, seed {}, started {}.\n\n", md(report.target),
                 report.seed, md(report.started_at));
  if (r.unreachable) {
    fmt::format_to(std::back_inserter(out), "Target unreachable: {}\n\n", md(r.unreachable_error));
  }
  // Endpoints with violations first, then as sorted.
  std::vector<const FuzzEndpoint*> rows;
  for (const FuzzEndpoint& e : r.endpoints) rows.push_back(&e);
  std::stable_partition(rows.begin(), rows.end(),
                        [](const FuzzEndpoint* e) { return !e->violations.empty(); });
  out += "### Endpoints\n\n";
  out +=
      "| Endpoint | Requests | Classes | Documented codes reached | Codes carried | Violations "
      "|\n|---|---:|---:|---:|---|---:|\n";
  for (const FuzzEndpoint* e : rows) {
    fmt::format_to(std::back_inserter(out), "| {} | {} | {} | {} | {} | {} |\n", md(e->endpoint),
                   e->requests, e->classes, documented_reached_text(*e),
                   code_list(e->codes_reached), e->violations.size());
  }
  if (!r.violations.empty()) {
    out += "\n### Violations\n\n";
    out +=
        "| Endpoint | Finding | Code | Status | Detail | Mutation |\n"
        "|---|---|---|---:|---|---|\n";
    const std::size_t listed = std::min(r.violations.size(), kMaxListedViolations);
    for (std::size_t i = 0; i < listed; ++i) {
      const FuzzViolation& v = r.violations[i];
      fmt::format_to(std::back_inserter(out), "| {} | {} | {} | {} | {} | {} |\n", md(v.endpoint),
                     md(v.finding), md(v.code),
                     v.status == 0 ? std::string("-") : std::to_string(v.status), md(v.detail),
                     v.mutation.empty() ? "(the baseline)" : md(v.mutation));
    }
    if (listed < r.violations.size()) {
      fmt::format_to(std::back_inserter(out),
                     "\n{} more violations are in the JSON and JUnit reports.\n",
                     r.violations.size() - listed);
    }
  }
  if (!r.leaks.empty()) {
    out += "\n### Left behind\n\nTeardown steps of the baselines that failed:\n\n";
    for (const std::string& leak : r.leaks) out += "- " + md(leak) + "\n";
  }
  return out;
}

}  // namespace errcontract
