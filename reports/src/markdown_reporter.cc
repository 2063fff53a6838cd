// The Markdown report: a short summary meant to be posted as a pull-request
// comment (totals, a table per module, the failing cases with their
// findings). Text from the target is escaped so a hostile body cannot
// inject markup, links or HTML into the comment.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errcontract/reports.h"
#include "markdown_text.h"
#include "module_summary.h"
#include "report_text.h"

namespace errcontract {
namespace {

// PR comments have a size limit (65536 characters on GitHub): list at most
// this many failing cases and cut long messages.
constexpr std::size_t kMaxListedCases = 50;
constexpr std::size_t kMaxCommandBytes = 4000;

using internal::md;

std::string plural(int n, std::string_view word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

std::string headline(const RunResult& result) {
  const RunTotals& t = result.totals;
  std::vector<std::string> parts;
  if (t.failed > 0) parts.push_back(fmt::format("{} failed", t.failed));
  if (t.errors > 0) parts.push_back(plural(t.errors, "error"));
  if (parts.empty()) {
    if (t.total() == 0) parts.push_back("no cases ran");
    if (t.passed > 0) parts.push_back(fmt::format("{} passed", t.passed));
    if (t.skipped > 0) parts.push_back(fmt::format("{} skipped", t.skipped));
  }
  std::string mark = result.interrupted ? " (interrupted)" : "";
  if (result.stopped_after_failures > 0) {
    mark += fmt::format(" (stopped after {} failures)", result.stopped_after_failures);
  }
  return fmt::format("## errcontract: {}{}\n\n", fmt::join(parts, ", "), mark);
}

// A fence longer than any run of backticks in `text`, so no command (whose
// captured values come from the target) can close it early.
std::string fence_for(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

// The case's curl commands in one fenced block under its list item; a
// command too long for a comment is named, not cut (a cut one would not run).
void append_curl(std::string& out, const CaseResult& c) {
  if (c.curl.empty()) return;
  std::string block;
  for (const std::string& command : c.curl) {
    block += "  " +
             (command.size() <= kMaxCommandBytes
                  ? internal::visible_text(command, false)
                  : fmt::format("# a {} byte command: the JSON or JUnit report holds it",
                                command.size())) +
             "\n";
  }
  const std::string fence = fence_for(block);
  fmt::format_to(std::back_inserter(out), "\n  {}sh\n{}  {}\n\n", fence, block, fence);
}

void append_failing_cases(std::string& out, const RunResult& result) {
  std::vector<const CaseResult*> failing;
  for (const CaseResult& c : result.cases) {
    if (c.verdict == Verdict::kFailed || c.verdict == Verdict::kError) failing.push_back(&c);
  }
  if (failing.empty()) return;
  out += "### Failing cases\n\n";
  for (std::size_t i = 0; i < failing.size() && i < kMaxListedCases; ++i) {
    const CaseResult& c = *failing[i];
    fmt::format_to(std::back_inserter(out), "- **{}** {}",
                   c.verdict == Verdict::kFailed ? "FAIL" : "ERROR", md(internal::case_label(c)));
    if (!c.summary.empty()) fmt::format_to(std::back_inserter(out), ": {}", md(c.summary));
    out += '\n';
    if (!c.reason.empty()) fmt::format_to(std::back_inserter(out), "  - {}\n", md(c.reason));
    for (const Finding& f : c.findings) {
      fmt::format_to(std::back_inserter(out), "  - {}\n", md(internal::finding_line(f)));
    }
    append_curl(out, c);
  }
  if (failing.size() > kMaxListedCases) {
    fmt::format_to(std::back_inserter(out),
                   "- ... and {} more; the JUnit or JSON report lists them all\n",
                   failing.size() - kMaxListedCases);
  }
  out += '\n';
}

// Every resource a teardown could not remove, with the case that made it,
// whatever the case's verdict: someone has to clean these up by hand.
void append_leaks(std::string& out, const RunResult& result) {
  std::size_t total = 0;
  for (const CaseResult& c : result.cases) total += c.leaks.size();
  if (total == 0) return;
  out += "### Leaks\n\nLeft on the target: teardown could not remove them.\n\n";
  std::size_t listed = 0;
  for (const CaseResult& c : result.cases) {
    for (const std::string& leak : c.leaks) {
      if (listed++ == kMaxListedCases) break;
      fmt::format_to(std::back_inserter(out), "- {}: {}\n", md(internal::case_label(c)), md(leak));
    }
  }
  if (total > kMaxListedCases) {
    fmt::format_to(std::back_inserter(out),
                   "- ... and {} more; the JUnit or JSON report lists them all\n",
                   total - kMaxListedCases);
  }
  out += '\n';
}

}  // namespace

std::string render_markdown(const RunResult& result) {
  std::string out = headline(result);
  const RunTotals& t = result.totals;
  const internal::DocumentedCoverage coverage = internal::count_documented_coverage(result);
  fmt::format_to(
      std::back_inserter(out),
      "Run {}, target {}, started {}, {} s. Cases: {} passed, {} failed, {} errors, {} skipped; "
      "requests: {}; documented codes verified: **{}/{}**; (code, endpoint) pairs "
      "verified: **{}/{}**.\n\n",
      md(result.run_id), md(result.target), md(result.started_at),
      internal::format_seconds(result.elapsed_ms), t.passed, t.failed, t.errors, t.skipped,
      t.requests, coverage.verified, coverage.documented, coverage.pairs_verified, coverage.pairs);
  if (!result.disabled_checks.empty()) {
    out += "Disabled checks (`--disable-check`): `" +
           internal::id_list(result.disabled_checks, "`, `") + "`.\n\n";
  }
  if (result.interrupted) out += "**" + std::string(internal::kInterruptedNote) + "**\n\n";
  if (result.stopped_after_failures > 0) {
    out +=
        "**" + internal::stopped_note(result.stopped_after_failures, "`--max-failures`") + "**\n\n";
  }
  if (!result.fixture_notes.empty()) {
    out += "Fixtures:\n\n";
    for (const std::string& note : result.fixture_notes) out += "- " + md(note) + "\n";
    out += '\n';
  }
  const std::vector<internal::ModuleSummary> modules = internal::summarize_modules(result);
  if (!modules.empty()) {
    out += "| module | cases | passed | failed | errors | skipped | codes verified |\n";
    out += "|---|---:|---:|---:|---:|---:|---:|\n";
    for (const internal::ModuleSummary& m : modules) {
      fmt::format_to(std::back_inserter(out), "| {} | {} | {} | {} | {} | {} | {}/{} |\n",
                     md(m.label()), m.cases.size(), m.passed, m.failed, m.errors, m.skipped,
                     m.codes_verified, m.codes_total);
    }
    out += '\n';
  }
  append_failing_cases(out, result);
  append_leaks(out, result);
  return out;
}

}  // namespace errcontract
