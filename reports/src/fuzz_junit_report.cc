// fuzz-api's JUnit XML report: one <testsuite> for the run, one <testcase>
// per endpoint of the API surface (and one for the paths it does not have),
// failed when violations were found on it, so a CI test tab shows which
// endpoints break the contract. Same schema and escaping as the run's report
// (junit_reporter.cc).
#include <fmt/format.h>

#include <string>

#include "errcontract/fuzz_report.h"
#include "report_text.h"
#include "xml_text.h"

namespace errcontract {
namespace {

using internal::attr;
using internal::text;

std::string joined(const std::vector<std::string>& codes) {
  return codes.empty() ? "none" : fmt::format("{}", fmt::join(codes, " "));
}

void append_testcase(std::string& out, const FuzzReport& report, const FuzzEndpoint& e) {
  fmt::format_to(std::back_inserter(out),
                 "    <testcase classname=\"errcontract.fuzz-api\" name=\"{}\" time=\"0.000\">\n",
                 attr(e.endpoint));
  const std::vector<const FuzzViolation*> violations = violations_of(report, e);
  if (!violations.empty()) {
    std::string body;
    for (const FuzzViolation* v : violations) {
      body += violation_line(*v) + "\n";
      if (!v->mutation.empty()) body += "  after: " + v->mutation + "\n";
      if (!v->case_id.empty()) body += "  baseline: " + v->case_id + "\n";
    }
    fmt::format_to(std::back_inserter(out),
                   "      <failure message=\"{} violation{}: {}\" type=\"{}\">{}</failure>\n",
                   violations.size(), violations.size() == 1 ? "" : "s",
                   attr(violation_line(*violations.front())), attr(violations.front()->finding),
                   text(body));
  }
  fmt::format_to(std::back_inserter(out),
                 "      <system-out>requests: {}\nresponse classes: {}\n"
                 "documented codes reached: {}\ncodes its responses carried: {}\n"
                 "codes the catalog lists for it: {}</system-out>\n",
                 e.requests, e.classes, documented_reached_text(e), joined(e.codes_reached),
                 joined(e.codes_documented));
  out += "    </testcase>\n";
}

}  // namespace

std::string render_fuzz_junit(const FuzzReport& report) {
  const FuzzResult& r = report.result;
  std::size_t failures = 0;
  for (const FuzzEndpoint& e : r.endpoints) failures += e.violations.empty() ? 0 : 1;
  const std::size_t tests = r.endpoints.size() + (r.unreachable ? 1 : 0);
  const std::string seconds = internal::format_seconds(r.seconds * 1000.0);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  fmt::format_to(std::back_inserter(out),
                 "<testsuites name=\"errcontract fuzz-api\" tests=\"{}\" failures=\"{}\" "
                 "errors=\"{}\" time=\"{}\">\n",
                 tests, failures, r.unreachable ? 1 : 0, seconds);
  fmt::format_to(std::back_inserter(out),
                 "  <testsuite name=\"errcontract.fuzz-api\" tests=\"{}\" failures=\"{}\" "
                 "errors=\"{}\" skipped=\"0\" time=\"{}\" timestamp=\"{}\">\n",
                 tests, failures, r.unreachable ? 1 : 0, seconds, attr(report.started_at));
  fmt::format_to(std::back_inserter(out),
                 "    <properties>\n"
                 "      <property name=\"target\" value=\"{}\"/>\n"
                 "      <property name=\"seed\" value=\"{}\"/>\n"
                 "      <property name=\"max_requests\" value=\"{}\"/>\n"
                 "      <property name=\"requests\" value=\"{}\"/>\n"
                 "      <property name=\"response_classes\" value=\"{}\"/>\n"
                 "      <property name=\"codes_reached\" value=\"{}/{}\"/>\n"
                 "      <property name=\"violations\" value=\"{}\"/>\n"
                 "      <property name=\"summary\" value=\"{}\"/>\n"
                 "    </properties>\n",
                 attr(report.target), report.seed, report.max_requests, r.requests, r.classes,
                 r.codes_reached.size(), report.codes_documented, r.violations.size(),
                 attr(fuzz_summary_line(report)));
  if (r.unreachable) {
    fmt::format_to(std::back_inserter(out),
                   "    <testcase classname=\"errcontract.fuzz-api\" name=\"target\" "
                   "time=\"0.000\">\n      <error message=\"{}\" type=\"transport\"/>\n"
                   "    </testcase>\n",
                   attr("target unreachable: " + r.unreachable_error));
  }
  for (const FuzzEndpoint& e : r.endpoints) append_testcase(out, report, e);
  if (!r.leaks.empty()) {
    std::string leaks;
    for (const std::string& leak : r.leaks) leaks += "leaked: " + leak + "\n";
    fmt::format_to(std::back_inserter(out), "    <system-err>{}</system-err>\n", text(leaks));
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace errcontract
