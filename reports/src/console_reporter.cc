// The console report: a line per failing or erroring case as soon as it
// ends (so a long run shows trouble early), then a table per module and the
// totals line CI logs are grepped for.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "errcontract/reports.h"
#include "failure_groups.h"
#include "module_summary.h"
#include "progress_line.h"
#include "report_text.h"

namespace errcontract {
namespace {

using internal::visible_text;

constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kMagenta = "\x1b[35m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";

// FAIL / ERROR lines printed per group (FailureGroups) before the rest of the
// group is only counted; -v prints them all.
constexpr std::size_t kLinesPerGroup = 3;

class ConsoleReporter : public Reporter {
 public:
  ConsoleReporter(std::ostream& out, ConsoleOptions options)
      : out_(out), options_(options), groups_(kLinesPerGroup) {}

  void on_run_start(const RunInfo& info) override {
    out_ << fmt::format("running {} case{} against {} with {} job{}{}\n", info.planned_cases,
                        info.planned_cases == 1 ? "" : "s", visible_text(info.target, false),
                        info.jobs, info.jobs == 1 ? "" : "s",
                        info.run_id.empty() ? "" : ", run id " + visible_text(info.run_id, false));
    if (options_.progress) {
      progress_.emplace(info.planned_cases, internal::ProgressLine::Clock::now());
    }
    if (!info.disabled_checks.empty()) {
      out_ << "disabled checks (--disable-check): " << internal::id_list(info.disabled_checks, ", ")
           << '\n';
    }
    out_.flush();
  }

  void on_case_end(const CaseResult& result) override {
    // A case that errored because the target rejected a fixture is not
    // listed: the run's end says it once for all of them (-v lists them).
    // Past the first few of a group, failures are only counted (-v lists them).
    const bool bad = (result.verdict == Verdict::kFailed || result.verdict == Verdict::kError) &&
                     result.rejected_fixture.empty();
    const bool shown = options_.verbose || (bad && groups_.admit(result));
    std::string lines;
    if (shown) {
      lines += case_line(result) + '\n';
      if (options_.verbose) {
        lines += exchange_lines(result);
        // What reproduces a failure, one command per step (secrets as "$VAR").
        for (const std::string& command : result.curl) {
          lines += "    $ " + visible_text(command, false) + '\n';
        }
      }
    }
    for (const std::string& leak : result.leaks) {
      lines += paint(kYellow, "LEAK") + ' ' + visible_text(internal::case_label(result), false) +
               ": " + visible_text(leak, false) + '\n';
    }
    if (progress_) {
      // The progress line is erased before anything else is printed, and
      // drawn again under it.
      progress_->count(result);
      const auto now = internal::ProgressLine::Clock::now();
      if (!lines.empty()) {
        out_ << progress_->erase() << lines << progress_->draw(now, /*force=*/true);
      } else {
        out_ << progress_->draw(now);
      }
    } else {
      out_ << lines;
    }
    out_.flush();
  }

  void on_run_end(const RunResult& result) override {
    if (progress_) out_ << progress_->erase();
    for (const std::string& line : groups_.summary_lines()) {
      out_ << visible_text(line, false) << '\n';
    }
    if (result.unreachable.empty()) {
      print_module_table(result);
    } else {
      // One message instead of a table of cases that never ran.
      out_ << paint(kRed, "stopped")
           << ": the target cannot be reached: " << visible_text(result.unreachable, false) << '\n';
    }
    if (result.interrupted) {
      out_ << paint(kYellow, "interrupted") << ": the run was stopped before every case ended\n";
    }
    if (result.stopped_after_failures > 0) {
      out_ << paint(kYellow, "stopped")
           << fmt::format(
                  " after {} failed cases (--max-failures): the "
                  "cases not started yet were skipped\n",
                  result.stopped_after_failures);
    }
    for (const std::string& note : result.fixture_notes) {
      out_ << visible_text(note, false) << '\n';
    }
    print_skip_reasons(result);
    print_warnings(result);
    const internal::DocumentedCoverage coverage = internal::count_documented_coverage(result);
    const RunTotals& t = result.totals;
    out_ << fmt::format(
        "cases: {} passed, {} failed, {} errors, {} skipped; requests: {}; "
        "documented codes verified: {}/{}; (code, endpoint) pairs verified: {}/{}; time: {:.2f} "
        "s\n",
        t.passed, t.failed, t.errors, t.skipped, t.requests, coverage.verified, coverage.documented,
        coverage.pairs_verified, coverage.pairs, std::max(result.elapsed_ms, 0.0) / 1000.0);
    if (t.throttled > 0) {
      out_ << fmt::format(
          "throttled: {} answers (429 / 503) were retried after their Retry-After, never "
          "counted as failures\n",
          t.throttled);
    }
    out_.flush();
  }

 private:
  std::string paint(const char* color, std::string_view text) const {
    if (!options_.color) return std::string(text);
    return fmt::format("{}{}{}{}", kBold, color, text, kReset);
  }

  std::string case_line(const CaseResult& result) const {
    std::string tag;
    switch (result.verdict) {
      case Verdict::kPassed:
        tag = paint(kGreen, "PASS");
        break;
      case Verdict::kFailed:
        tag = paint(kRed, "FAIL");
        break;
      case Verdict::kError:
        tag = paint(kMagenta, "ERROR");
        break;
      case Verdict::kSkipped:
        tag = paint(kYellow, "SKIP");
        break;
    }
    std::vector<std::string> parts;
    if (result.verdict != Verdict::kFailed && !result.reason.empty())
      parts.push_back(result.reason);
    for (const Finding& f : result.findings) parts.push_back(internal::finding_line(f));
    if (result.verdict == Verdict::kFailed && parts.empty() && !result.reason.empty()) {
      parts.push_back(result.reason);
    }
    std::string rest = " " + internal::case_label(result);
    if (!parts.empty()) rest += fmt::format(": {}", fmt::join(parts, "; "));
    // The tag's colour codes are ours; the rest may hold bytes from the target.
    return tag + visible_text(rest, false);
  }

  std::string exchange_lines(const CaseResult& result) const {
    std::string lines;
    for (const Exchange& e : result.exchanges) {
      std::string outcome;
      if (e.response) {
        outcome = fmt::format("{}", e.response->status);
      } else {
        outcome = "transport error: " + e.transport_error;
      }
      std::string line = fmt::format("    {}: {} {} -> {} in {:.1f} ms", e.phase, e.request.method,
                                     e.request.target, outcome, std::max(e.elapsed_ms, 0.0));
      if (e.attempts > 1) line += fmt::format(" ({} attempts)", e.attempts);
      lines += visible_text(line, false) + '\n';
    }
    return lines;
  }

  // Without -v skipped cases are not listed one by one; say why they were
  // skipped, most frequent reason first, so a run with missing fixtures
  // shows what to provide.
  void print_skip_reasons(const RunResult& result) {
    std::map<std::string, int> by_reason;
    for (const CaseResult& c : result.cases) {
      if (c.verdict == Verdict::kSkipped) ++by_reason[c.reason];
    }
    std::vector<std::pair<std::string, int>> rows(by_reason.begin(), by_reason.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    // The most common reasons, then one line for the rest, so that a run
    // without fixtures stays short; -v names every skipped case.
    constexpr std::size_t kMaxReasonLines = 8;
    if (rows.size() > kMaxReasonLines) {
      int rest_cases = 0;
      for (std::size_t i = kMaxReasonLines - 1; i < rows.size(); ++i) rest_cases += rows[i].second;
      const std::size_t rest_reasons = rows.size() - (kMaxReasonLines - 1);
      rows.resize(kMaxReasonLines - 1);
      rows.emplace_back(fmt::format("{} other reasons (-v lists every skipped case)", rest_reasons),
                        rest_cases);
    }
    for (const auto& [reason, count] : rows) {
      out_ << paint(kYellow, "skipped")
           << visible_text(fmt::format(" {} case{}: {}", count, count == 1 ? "" : "s", reason),
                           false)
           << '\n';
    }
  }

  // Warnings never fail a case, so a passing run would otherwise not show
  // them at all: one line with the count per finding id (-v lists them).
  void print_warnings(const RunResult& result) {
    std::map<FindingId, int> by_id;
    int cases = 0;
    for (const CaseResult& c : result.cases) {
      bool any = false;
      for (const Finding& f : c.findings) {
        if (f.severity != Severity::kWarning) continue;
        ++by_id[f.id];
        any = true;
      }
      cases += any ? 1 : 0;
    }
    if (by_id.empty()) return;
    std::vector<std::string> parts;
    for (const auto& [id, count] : by_id)
      parts.push_back(fmt::format("{} {}", count, to_string(id)));
    out_ << paint(kYellow, "warnings")
         << fmt::format(" in {} case{}: {}{}\n", cases, cases == 1 ? "" : "s",
                        fmt::join(parts, ", "), options_.verbose ? "" : " (-v lists them)");
  }

  void print_module_table(const RunResult& result) {
    const std::vector<internal::ModuleSummary> modules = internal::summarize_modules(result);
    if (modules.empty()) return;
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"module", "cases", "passed", "failed", "errors", "skipped", "codes"});
    for (const internal::ModuleSummary& m : modules) {
      rows.push_back({visible_text(m.label(), false), std::to_string(m.cases.size()),
                      std::to_string(m.passed), std::to_string(m.failed), std::to_string(m.errors),
                      std::to_string(m.skipped),
                      fmt::format("{}/{}", m.codes_verified, m.codes_total)});
    }
    std::vector<std::size_t> widths(rows[0].size(), 0);
    for (const auto& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
    }
    out_ << '\n';
    for (const auto& row : rows) {
      std::string line = fmt::format("{:<{}}", row[0], widths[0]);
      for (std::size_t i = 1; i < row.size(); ++i) {
        line += fmt::format("  {:>{}}", row[i], widths[i]);
      }
      out_ << line << '\n';
    }
    out_ << '\n';
  }

  std::ostream& out_;
  ConsoleOptions options_;
  internal::FailureGroups groups_;
  std::optional<internal::ProgressLine> progress_;
};

}  // namespace

std::unique_ptr<Reporter> make_console_reporter(std::ostream& out, ConsoleOptions options) {
  return std::make_unique<ConsoleReporter>(out, options);
}

}  // namespace errcontract
