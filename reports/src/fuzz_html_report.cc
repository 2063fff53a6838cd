// fuzz-api's HTML report: one self-contained page (inline style and script,
// nothing loaded from anywhere) with the summary, the per-endpoint table and
// every violation. Every text from the target or the run goes through
// html_text, so a hostile body cannot inject markup. Without the script the
// page shows everything.
#include <fmt/format.h>

#include <string>

#include "errcontract/fuzz_report.h"
#include "html_assets.h"
#include "html_text.h"

namespace errcontract {
namespace {

using internal::html_text;

std::string code_list(const std::vector<std::string>& codes) {
  return html_text(fmt::format("{}", fmt::join(codes, " ")));
}

void append_facts(std::string& out, const FuzzReport& report) {
  const FuzzResult& r = report.result;
  const std::pair<const char*, std::string> facts[] = {
      {"Target", report.target},
      {"Started", report.started_at},
      {"Seed", std::to_string(report.seed)},
      {"Requests", fmt::format("{} (budget {})", r.requests, report.max_requests)},
      {"Response classes", std::to_string(r.classes)},
      {"Documented codes reached",
       fmt::format("{}/{}", r.codes_reached.size(), report.codes_documented)},
      {"Violations", std::to_string(r.violations.size())},
      {"Warnings", std::to_string(r.warnings)},
      {"Time", fmt::format("{:.1f} s", r.seconds)},
  };
  out += "<dl class=\"facts\">\n";
  for (const auto& [name, value] : facts) {
    fmt::format_to(std::back_inserter(out), "<dt>{}</dt><dd>{}</dd>\n", name, html_text(value));
  }
  out += "</dl>\n";
}

void append_endpoints(std::string& out, const FuzzReport& report) {
  out +=
      "<h2>Endpoints</h2>\n"
      "<form id=\"filters\" class=\"filters\" hidden><label><input type=\"checkbox\" "
      "name=\"only-violations\"> only endpoints with violations</label> <output></output></form>\n"
      "<table class=\"fuzz\" id=\"endpoints\">\n<thead><tr><th>Endpoint</th><th>Requests</th>"
      "<th>Classes</th><th>Documented codes reached</th><th>Codes carried</th>"
      "<th>Codes the catalog lists</th><th>Violations</th></tr></thead>\n<tbody>\n";
  for (const FuzzEndpoint& e : report.result.endpoints) {
    const bool failed = !e.violations.empty();
    fmt::format_to(
        std::back_inserter(out),
        "<tr class=\"{}\"><td><code>{}</code></td><td class=\"n\">{}</td>"
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td>"
        "<td class=\"n\">{}</td></tr>\n",
        failed ? "v-failed" : "v-clean", html_text(e.endpoint), e.requests, e.classes,
        html_text(documented_reached_text(e)), code_list(e.codes_reached),
        code_list(e.codes_documented),
        failed ? fmt::format("<span class=\"mark\">\u2717 {}</span>", e.violations.size()) : "0");
  }
  out += "</tbody>\n</table>\n";
}

void append_violations(std::string& out, const FuzzReport& report) {
  const FuzzResult& r = report.result;
  if (r.violations.empty()) {
    out += "<h2>Violations</h2>\n<p>None: every response held to the contract.</p>\n";
    return;
  }
  out +=
      "<h2>Violations</h2>\n<table class=\"fuzz\" id=\"violations\">\n<thead><tr><th>Endpoint</th>"
      "<th>Finding</th><th>Code</th><th>Status</th><th>Detail</th><th>Mutation</th>"
      "<th>Baseline</th></tr></thead>\n<tbody>\n";
  for (const FuzzViolation& v : r.violations) {
    fmt::format_to(std::back_inserter(out),
                   "<tr class=\"v-failed\"><td><code>{}</code></td><td><code>{}</code></td>"
                   "<td>{}</td><td class=\"n\">{}</td><td class=\"detail\">{}</td><td>{}</td>"
                   "<td>{}</td></tr>\n",
                   html_text(v.endpoint), html_text(v.finding), html_text(v.code),
                   v.status == 0 ? std::string("-") : std::to_string(v.status), html_text(v.detail),
                   v.mutation.empty() ? "(the baseline)" : html_text(v.mutation),
                   html_text(v.case_id));
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string render_fuzz_html(const FuzzReport& report) {
  const FuzzResult& r = report.result;
  const char* verdict = r.unreachable ? "unreachable" : r.violations.empty() ? "passed" : "failed";
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  fmt::format_to(std::back_inserter(out), "<title>errcontract fuzz-api: {} \u2014 {}</title>\n",
                 html_text(report.target), verdict);
  out += "<style>";
  out += internal::kHtmlStyle;
  out += internal::kFuzzHtmlStyle;
  out += "</style>\n</head>\n<body>\n<main>\n";
  fmt::format_to(std::back_inserter(out),
                 "<header class=\"run v-{}\">\n<h1>errcontract fuzz-api <span class=\"badge "
                 "v-{}\">{}</span></h1>\n<p><code>{}</code></p>\n",
                 verdict, verdict, verdict, html_text(fuzz_summary_line(report)));
  append_facts(out, report);
  if (r.unreachable) {
    fmt::format_to(std::back_inserter(out), "<p class=\"note\">Target unreachable: {}</p>\n",
                   html_text(r.unreachable_error));
  }
  out += "</header>\n";
  append_endpoints(out, report);
  append_violations(out, report);
  if (!r.leaks.empty()) {
    out += "<h2>Left behind</h2>\n<p>Teardown steps of the baselines that failed:</p>\n<ul>\n";
    for (const std::string& leak : r.leaks) out += "<li>" + html_text(leak) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</main>\n<script>";
  out += internal::kFuzzHtmlScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace errcontract
