// What every fuzz report shows the same way (errcontract/fuzz_report.h): the
// summary line, the "R of N" figure, a row's violations.
#include "errcontract/fuzz_report.h"

#include <fmt/format.h>

#include "errcontract/exit_codes.h"

namespace errcontract {

int fuzz_exit_code(const FuzzResult& result) {
  if (result.unreachable) return kExitUnreachable;
  return result.violations.empty() ? kExitOk : kExitFailure;
}

std::string fuzz_summary_line(const FuzzReport& report) {
  const FuzzResult& r = report.result;
  return fmt::format(
      "requests: {}; response classes: {}; documented codes reached: {}/{}; violations: {}; "
      "time: {:.1f} s",
      r.requests, r.classes, r.codes_reached.size(), report.codes_documented, r.violations.size(),
      r.seconds);
}

std::string violation_line(const FuzzViolation& v) {
  return fmt::format("{} on {}{}{}: {}", v.finding, v.endpoint,
                     v.code.empty() ? "" : " (error_code " + v.code + ")",
                     v.status == 0 ? "" : fmt::format(" [HTTP {}]", v.status), v.detail);
}

std::string documented_reached_text(const FuzzEndpoint& endpoint) {
  if (endpoint.codes_documented.empty()) return "-";
  return fmt::format("{} of {}", endpoint.documented_reached(), endpoint.codes_documented.size());
}

std::vector<const FuzzViolation*> violations_of(const FuzzReport& report,
                                                const FuzzEndpoint& endpoint) {
  std::vector<const FuzzViolation*> out;
  for (const std::size_t index : endpoint.violations) {
    if (index < report.result.violations.size()) out.push_back(&report.result.violations[index]);
  }
  return out;
}

}  // namespace errcontract
