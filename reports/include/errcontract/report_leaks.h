// Reads back, from a JSON report (docs/reports.md), the teardowns its run
// could not complete, for `errcontract teardown --from REPORT.json`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/result.h"
#include "errcontract/run_result.h"

namespace errcontract {

struct ReportLeak {
  std::string case_id;
  LeakedTeardown teardown;
};

// Every case's "leaked_teardowns", in report order. A file that is not JSON
// is an error naming "file:line:column (byte N)"; one that is not a JSON
// report, or whose entries have the wrong shape, names the file and the
// member ("file: cases[3].leaked_teardowns[0].target: not a string").
Result<std::vector<ReportLeak>> parse_report_leaks(std::string_view json, std::string_view file);
Result<std::vector<ReportLeak>> load_report_leaks(const std::string& path);

}  // namespace errcontract
