// The reports of `errcontract fuzz-api --report FORMAT=PATH`: the summary
// line's figures, the per-endpoint table (FuzzResult::endpoints) and every
// violation, in each format of the report-format table
// (errcontract/report_formats.h, its render_fuzz column). They only read the
// result: fixture values are already ${fixture:NAME} in the requests and
// "***" in the details. Described in docs/fuzz-api.md and docs/reports.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "errcontract/api_fuzzer.h"
#include "errcontract/result.h"

namespace errcontract {

struct FuzzReport {
  std::string target;      // the target URL, or "embedded reference server"
  std::string started_at;  // ISO 8601 UTC
  std::uint64_t seed = 0;
  std::size_t max_requests = 0;
  int jobs = 1;
  std::size_t codes_documented = 0;  // of the catalog (Catalog::documented_count): the 144
  FuzzResult result;
};

// The exit code fuzz-api gives this result: 3 unreachable, 1 violations, 0.
int fuzz_exit_code(const FuzzResult& result);

// "requests: 20151; response classes: 8153; documented codes reached:
// 144/144; violations: 0; time: 11.9 s": fuzz-api's last line, and every
// report's headline.
std::string fuzz_summary_line(const FuzzReport& report);

// "status.mismatch on PUT /buckets/ (error_code 21204) [HTTP 409]: detail":
// a violation as fuzz-api prints it after "violation ", not yet escaped.
std::string violation_line(const FuzzViolation& violation);

// "3 of 5": the documented codes an endpoint's responses carried, of those
// the catalog lists for it ("-" for none listed, as for the unknown row).
std::string documented_reached_text(const FuzzEndpoint& endpoint);

// The violations counted on `endpoint`'s row, in the order they were found.
std::vector<const FuzzViolation*> violations_of(const FuzzReport& report,
                                                const FuzzEndpoint& endpoint);

// The reports as text: what the file reporters write (FileReporter::on_fuzz_end).
// JUnit: one <testcase> per endpoint, a <failure> when it has violations.
std::string render_fuzz_junit(const FuzzReport& report);
// The structure of docs/reports.md ("The fuzz report (JSON)").
Result<std::string> render_fuzz_json(const FuzzReport& report);
// The summary, the per-endpoint table and the violations as Markdown tables.
std::string render_fuzz_markdown(const FuzzReport& report);
// One self-contained HTML page, nothing loaded from anywhere.
std::string render_fuzz_html(const FuzzReport& report);

}  // namespace errcontract
