// The HTML report: one self-contained page (inline style and script, no
// external resource) for people reading a run in a browser: the run's
// header, the error table as a grid coloured by verdict, the failures
// grouped by what went wrong with their exchanges and curl commands, and the
// other cases, collapsed. Every byte from the target goes through html_text.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errcontract/exit_codes.h"
#include "errcontract/reports.h"
#include "failure_groups.h"
#include "html_assets.h"
#include "html_text.h"
#include "module_summary.h"
#include "report_text.h"

namespace errcontract {
namespace {

using internal::html_text;
using internal::module_key;

// Bodies shown on the page are cut here (the JSON report has them whole):
// a hostile or huge body must not make the page unusable or over 3 MB.
constexpr std::size_t kMaxFailedBodyBytes = 64 * 1024;
constexpr std::size_t kMaxOtherBodyBytes = 8 * 1024;

// The verdict of a code on the page. CodeStatus folds errored cases into
// kFailed; the page keeps them apart, as the cases' verdicts do: a failed
// case makes the code failed, else an errored one makes it "error".
struct CellVerdict {
  std::string_view name;  // the class and filter value: "verified", "no-case"
  std::string_view icon;
};

CellVerdict verdict_of(const CodeStatus status) {
  switch (status) {
    case CodeStatus::kVerified:
      return {"verified", "\u2713"};
    case CodeStatus::kFailed:
      return {"failed", "\u2717"};
    case CodeStatus::kSkipped:
      return {"skipped", "\u21b7"};
    case CodeStatus::kNoCase:
      break;
  }
  return {"no-case", "\u25cb"};
}

constexpr CellVerdict kErrorVerdict = {"error", "\u26a0"};

CellVerdict case_verdict(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPassed:
      return {"passed", "\u2713"};
    case Verdict::kFailed:
      return {"failed", "\u2717"};
    case Verdict::kError:
      return kErrorVerdict;
    case Verdict::kSkipped:
      break;
  }
  return {"skipped", "\u21b7"};
}

using CaseIndex = std::map<std::string, const CaseResult*, std::less<>>;

CellVerdict cell_verdict(const CoverageEntry& entry, const CaseIndex& cases) {
  bool failed = false, errored = false;
  for (const std::string& id : entry.case_ids) {
    auto it = cases.find(id);
    if (it == cases.end()) continue;
    failed |= it->second->verdict == Verdict::kFailed;
    errored |= it->second->verdict == Verdict::kError;
  }
  if (errored && !failed) return kErrorVerdict;
  return verdict_of(entry.status);
}

// "HTTP 409 (or 400)"
std::string http_status(const CoverageEntry& entry) {
  std::string out = fmt::format("HTTP {}", entry.http_status);
  if (!entry.status_alternatives.empty()) {
    out += fmt::format(" (or {})", fmt::join(entry.status_alternatives, ", "));
  }
  return out;
}

// The exit verdict, as run_exit_code decides it (short of --min-coverage,
// which the page cannot know): an interrupted run whose finished cases all
// passed is "interrupted", not "passed".
std::string run_verdict(const RunResult& result) {
  switch (result.outcome()) {
    case RunOutcome::kUnreachable:
      return "unreachable";
    case RunOutcome::kFailed:
      return result.totals.failed + result.totals.errors > 0 ? "failed" : "interrupted";
    case RunOutcome::kPassed:
      break;
  }
  return result.interrupted ? "interrupted" : "passed";
}

std::string_view run_verdict_text(std::string_view verdict) {
  if (verdict == "passed") return "\u2713 passed";
  if (verdict == "failed") return "\u2717 failed";
  if (verdict == "unreachable") return "\u26a0 target unreachable";
  return "\u26a0 interrupted";
}

std::string badge(CellVerdict v) {
  return fmt::format("<span class=\"badge v-{}\">{} {}</span>", v.name, v.icon, v.name);
}

// "<pre>" of untrusted text cut at `max_bytes` without splitting a character.
std::string pre_block(std::string_view cls, std::string_view text, std::size_t max_bytes,
                      std::string_view cut_note = "") {
  std::string out = fmt::format("<pre class=\"{}\">", cls);
  const std::string_view shown = internal::utf8_prefix(text, max_bytes);
  out += html_text(shown, true);
  if (shown.size() < text.size()) {
    out += fmt::format(
        "\n<span class=\"more\">\u2026 {} more bytes; the JSON report has them all</span>",
        text.size() - shown.size());
  }
  out += cut_note;
  out += "</pre>\n";
  return out;
}

std::string header_lines(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  return out;
}

void append_exchange(std::string& out, const Exchange& e, std::size_t max_body) {
  std::string title = fmt::format("{} {} {}", e.phase, e.request.method, e.request.target);
  if (e.response) title += fmt::format(" \u2192 {}", e.response->status);
  if (!e.transport_error.empty()) title += " \u2192 no response";
  title += fmt::format(" ({:.3f} ms", e.elapsed_ms < 0 ? 0.0 : e.elapsed_ms);
  if (e.attempts > 1) title += fmt::format(", {} attempts", e.attempts);
  title += ")";
  out += "<div class=\"exchange\"><h5>" + html_text(title) + "</h5>\n";
  out += pre_block("request",
                   fmt::format("{} {}\n{}\n", e.request.method, e.request.target,
                               header_lines(e.request.headers)) +
                       e.request.body,
                   max_body);
  if (e.response) {
    const std::string note = e.response->body_truncated
                                 ? "\n<span class=\"more\">(the body hit the size cap)</span>"
                                 : "";
    out += pre_block(
        "response",
        fmt::format("HTTP {}\n{}\n", e.response->status, header_lines(e.response->headers)) +
            e.response->body,
        max_body, note);
  } else {
    out += "<p>No response: " + html_text(e.transport_error) + "</p>\n";
  }
  out += "</div>\n";
}

const CoverageEntry* entry_for(const RunResult& result, std::string_view code) {
  for (const CoverageEntry& e : result.coverage) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

// What a case is: its catalog row, endpoint, file, reason, findings, leaks,
// curl commands and exchanges (open for a failure, collapsed otherwise).
void append_case_body(std::string& out, const RunResult& result, const CaseResult& c,
                      bool failure) {
  if (!c.summary.empty()) out += "<p>" + html_text(c.summary) + "</p>\n";
  out += "<dl class=\"meta\">\n";
  if (const CoverageEntry* entry = entry_for(result, c.code)) {
    out += "<dt>Catalog</dt><dd>" +
           html_text(fmt::format("{} \u00b7 {} \u00b7 \u201c{}\u201d", entry->code,
                                 http_status(*entry), entry->message)) +
           (entry->extension ? " (extension)" : "") + "</dd>\n";
  }
  if (!c.endpoint.empty()) out += "<dt>Endpoint</dt><dd>" + html_text(c.endpoint) + "</dd>\n";
  if (!c.file.empty()) out += "<dt>File</dt><dd>" + html_text(c.file) + "</dd>\n";
  if (!c.reason.empty()) out += "<dt>Reason</dt><dd>" + html_text(c.reason) + "</dd>\n";
  out += fmt::format("<dt>Time</dt><dd>{} s</dd>\n</dl>\n", internal::format_seconds(c.elapsed_ms));
  if (!c.findings.empty()) {
    out += "<ul class=\"findings\">\n";
    for (const Finding& f : c.findings) {
      out += fmt::format("<li class=\"{}\">{}</li>\n", to_string(f.severity),
                         html_text(internal::finding_line(f)));
    }
    out += "</ul>\n";
  }
  for (const std::string& leak : c.leaks) {
    out += "<p class=\"note\">Left on the target: " + html_text(leak) + "</p>\n";
  }
  if (!c.curl.empty()) {
    out += "<h5>Reproduce (setup steps, then the trigger)</h5>\n<pre class=\"curl\">";
    for (const std::string& command : c.curl) out += html_text(command) + "\n";
    out += "</pre>\n";
  }
  if (!c.exchanges.empty()) {
    out += fmt::format("<details class=\"exchanges\"{}><summary>Exchanges ({})</summary>\n",
                       failure ? " open" : "", c.exchanges.size());
    for (const Exchange& e : c.exchanges) {
      append_exchange(out, e, failure ? kMaxFailedBodyBytes : kMaxOtherBodyBytes);
    }
    out += "</details>\n";
  }
}

std::string case_attributes(const CaseResult& c) {
  return fmt::format("id=\"case-{}\" class=\"case v-{}\" data-module=\"{}\" data-verdict=\"{}\"",
                     html_text(c.case_id), case_verdict(c.verdict).name,
                     html_text(module_key(c.code)), case_verdict(c.verdict).name);
}

void append_header(std::string& out, const RunResult& result) {
  const std::string verdict = run_verdict(result);
  const RunTotals& t = result.totals;
  const internal::DocumentedCoverage coverage = internal::count_documented_coverage(result);
  fmt::format_to(std::back_inserter(out),
                 "<header class=\"run v-{}\">\n<h1><span class=\"badge v-{}\">{}</span> "
                 "errcontract run</h1>\n<dl class=\"facts\">\n",
                 verdict, verdict, run_verdict_text(verdict));
  const std::pair<std::string_view, std::string> facts[] = {
      {"Target", html_text(result.target)},
      {"Run id", html_text(result.run_id)},
      {"Started", html_text(result.started_at)},
      {"Duration", internal::format_seconds(result.elapsed_ms) + " s"},
      {"Cases", fmt::format("{}: {} passed, {} failed, {} errors, {} skipped", t.total(), t.passed,
                            t.failed, t.errors, t.skipped)},
      {"Requests", std::to_string(t.requests)},
      {"Documented codes verified", fmt::format("{}/{}", coverage.verified, coverage.documented)},
      {"(code, endpoint) pairs verified",
       fmt::format("{}/{}", coverage.pairs_verified, coverage.pairs)},
      {"Exit code", std::to_string(run_exit_code(result, /*short_of_coverage=*/false))},
  };
  for (const auto& [name, value] : facts) {
    fmt::format_to(std::back_inserter(out), "<dt>{}</dt><dd>{}</dd>\n", name, value);
  }
  out += "</dl>\n";
  if (!result.unreachable.empty()) {
    out += "<p class=\"note\">The target could not be reached: " + html_text(result.unreachable) +
           "</p>\n";
  }
  if (result.interrupted) {
    out += "<p class=\"note\">" + std::string(internal::kInterruptedNote) + "</p>\n";
  }
  if (result.stopped_after_failures > 0) {
    out += "<p class=\"note\">" +
           internal::stopped_note(result.stopped_after_failures, "--max-failures") + "</p>\n";
  }
  if (!result.disabled_checks.empty()) {
    out += "<p>Disabled checks (--disable-check): " +
           html_text(internal::id_list(result.disabled_checks, ", ")) + ".</p>\n";
  }
  for (const std::string& note : result.fixture_notes) {
    out += "<p>Fixtures: " + html_text(note) + "</p>\n";
  }
  out += "</header>\n";
}

// Shown only once the script runs (hidden otherwise: without the script,
// filters could not work and the page shows everything).
void append_filters(std::string& out, const std::map<std::string, std::string>& modules) {
  out +=
      "<form id=\"filters\" class=\"filters\" hidden>\n<label>Module <select "
      "id=\"filter-module\"><option value=\"\">all modules</option>\n";
  for (const auto& [key, name] : modules) {
    fmt::format_to(std::back_inserter(out), "<option value=\"{}\">{}</option>\n", html_text(key),
                   html_text(name.empty() ? key : key + " " + name));
  }
  out += "</select></label>\n<fieldset><legend>Verdict</legend>\n";
  for (const CodeStatus s : {CodeStatus::kVerified, CodeStatus::kFailed}) {
    const CellVerdict v = verdict_of(s);
    fmt::format_to(std::back_inserter(out),
                   "<label><input type=\"checkbox\" value=\"{}\" checked> {} {}</label>\n", v.name,
                   v.icon, s == CodeStatus::kVerified ? "verified / passed" : v.name);
  }
  for (const CellVerdict v :
       {kErrorVerdict, verdict_of(CodeStatus::kSkipped), verdict_of(CodeStatus::kNoCase)}) {
    fmt::format_to(std::back_inserter(out),
                   "<label><input type=\"checkbox\" value=\"{}\" checked> {} {}</label>\n", v.name,
                   v.icon, v.name);
  }
  out += "</fieldset>\n<output id=\"filter-count\"></output>\n</form>\n";
}

void append_cell(std::string& out, const CoverageEntry& entry, const CaseIndex& cases) {
  const CellVerdict v = cell_verdict(entry, cases);
  const std::string code = html_text(entry.code);
  const std::string status = http_status(entry);
  const std::string title =
      html_text(fmt::format("{} \u00b7 {} \u00b7 {} \u00b7 {}{}", entry.code, status, entry.message,
                            v.name, entry.extension ? " \u00b7 extension" : ""));
  fmt::format_to(std::back_inserter(out),
                 "<li class=\"cell v-{}{}\" data-code=\"{}\" data-module=\"{}\" "
                 "data-verdict=\"{}\">",
                 v.name, entry.extension ? " ext" : "", code, html_text(module_key(entry.code)),
                 v.name);
  // The code is a link to its first case, or (no case) a focusable span, so
  // the tooltip opens from the keyboard too.
  const std::string open =
      entry.case_ids.empty()
          ? std::string("<span class=\"code\" tabindex=\"0\"")
          : "<a class=\"code\" href=\"#case-" + html_text(entry.case_ids.front()) + "\"";
  fmt::format_to(std::back_inserter(out),
                 "{} title=\"{}\" aria-describedby=\"tip-{}\">{}<span class=\"icon\" "
                 "aria-hidden=\"true\">{}</span><span class=\"sr\"> {}</span>{}",
                 open, title, code, code, v.icon, v.name,
                 entry.case_ids.empty() ? "</span>" : "</a>");
  fmt::format_to(
      std::back_inserter(out),
      "<span class=\"tip\" role=\"tooltip\" id=\"tip-{}\"><strong>{} {} {}</strong>{}<br>{}<br>{}",
      code, code, v.icon, v.name, entry.extension ? " (extension)" : "", html_text(status),
      html_text(entry.message));
  if (!entry.case_ids.empty()) {
    out += "<br>cases:";
    for (const std::string& id : entry.case_ids) {
      const std::string shown = html_text(id);
      fmt::format_to(std::back_inserter(out), " <a href=\"#case-{}\">{}</a>", shown, shown);
    }
  }
  out += "</span></li>\n";
}

void append_grid(std::string& out, const RunResult& result, const CaseIndex& cases,
                 const std::map<std::string, std::string>& modules) {
  out += "<section id=\"table\">\n<h2>Error table</h2>\n<ul class=\"legend\">";
  for (const CellVerdict v :
       {verdict_of(CodeStatus::kVerified), verdict_of(CodeStatus::kFailed), kErrorVerdict,
        verdict_of(CodeStatus::kSkipped), verdict_of(CodeStatus::kNoCase)}) {
    out += "<li>" + badge(v) + "</li>";
  }
  out += "<li>double border: extension (not in the error table)</li></ul>\n";
  const internal::DocumentedCoverage coverage = internal::count_documented_coverage(result);
  fmt::format_to(std::back_inserter(out),
                 "<div id=\"grid\" class=\"modules\" data-documented=\"{}\">\n",
                 coverage.documented);
  for (const auto& [key, name] : modules) {
    int total = 0, verified = 0;
    for (const CoverageEntry& e : result.coverage) {
      if (module_key(e.code) != key) continue;
      ++total;
      verified += e.status == CodeStatus::kVerified;
    }
    if (total == 0) continue;  // cases that name no code: listed below, no cell
    fmt::format_to(std::back_inserter(out),
                   "<section class=\"module\" data-filter-group><h3>{} <small>{}/{} "
                   "verified</small></h3>\n<ul class=\"cells\">\n",
                   html_text(name.empty() ? key : key + " " + name), verified, total);
    for (const CoverageEntry& e : result.coverage) {
      if (module_key(e.code) == key) append_cell(out, e, cases);
    }
    out += "</ul></section>\n";
  }
  out += "</div>\n</section>\n";
}

// Failed and errored cases, grouped by what went wrong (FailureGroups::key:
// the first error finding, or the transport error), groups in the order
// they first appear.
void append_failures(std::string& out, const RunResult& result) {
  std::vector<std::pair<std::string, std::vector<const CaseResult*>>> groups;
  for (const CaseResult& c : result.cases) {
    if (c.verdict != Verdict::kFailed && c.verdict != Verdict::kError) continue;
    const std::string key =
        fmt::format("{} {}", to_string(c.verdict), internal::FailureGroups::key(c));
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) {
      groups.emplace_back(key, std::vector<const CaseResult*>{});
      it = std::prev(groups.end());
    }
    it->second.push_back(&c);
  }
  out += "<section id=\"failures\">\n<h2>Failures</h2>\n";
  if (groups.empty()) out += "<p>No case failed or ended in an error.</p>\n";
  for (const auto& [key, members] : groups) {
    const CaseResult& first = *members.front();
    fmt::format_to(std::back_inserter(out),
                   "<section class=\"group\" data-filter-group>\n<h3>{}: {} {} case{}</h3>\n",
                   html_text(internal::FailureGroups::key(first)), members.size(),
                   first.verdict == Verdict::kError ? "errored" : "failed",
                   members.size() == 1 ? "" : "s");
    for (const CaseResult* c : members) {
      out += "<article " + case_attributes(*c) + ">\n<h4>" + badge(case_verdict(c->verdict)) + " " +
             html_text(internal::case_label(*c)) + "</h4>\n";
      append_case_body(out, result, *c, /*failure=*/true);
      out += "</article>\n";
    }
    out += "</section>\n";
  }
  out += "</section>\n";
}

void append_other_cases(std::string& out, const RunResult& result) {
  out += "<section id=\"cases\">\n<h2>Passed and skipped cases</h2>\n";
  bool any = false;
  for (const CaseResult& c : result.cases) {
    if (c.verdict != Verdict::kPassed && c.verdict != Verdict::kSkipped) continue;
    any = true;
    out += "<details " + case_attributes(c) + "><summary>" + badge(case_verdict(c.verdict)) + " " +
           html_text(internal::case_label(c)) + "</summary>\n";
    append_case_body(out, result, c, /*failure=*/false);
    out += "</details>\n";
  }
  if (!any) out += "<p>None.</p>\n";
  out += "</section>\n";
}

}  // namespace

std::string render_html(const RunResult& result) {
  CaseIndex cases;
  for (const CaseResult& c : result.cases) cases.emplace(c.case_id, &c);
  std::map<std::string, std::string> modules;  // "212" -> "bucket": every module of the catalog
  for (const CoverageEntry& e : result.coverage) {
    std::string& name = modules[module_key(e.code)];
    if (name.empty()) name = e.module_name;
  }
  for (const CaseResult& c : result.cases) {
    std::string& name = modules[module_key(c.code)];
    if (name.empty()) name = c.module_name;
  }

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  fmt::format_to(std::back_inserter(out), "<title>errcontract: {} \u2014 {}</title>\n",
                 run_verdict(result), html_text(result.target));
  out += "<style>";
  out += internal::kHtmlStyle;
  out += "</style>\n</head>\n<body>\n";
  append_header(out, result);
  append_filters(out, modules);
  out += "<main>\n";
  append_grid(out, result, cases, modules);
  append_failures(out, result);
  append_other_cases(out, result);
  out += "</main>\n<script>";
  out += internal::kHtmlScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace errcontract
