// A saved JSON report (docs/reports.md) read back into the result model, so
// that `errcontract report render|merge|diff` can write any report from it:
// render_json(read(render_json(run))) == render_json(run).
#pragma once

#include <string>
#include <string_view>

#include "errcontract/result.h"
#include "errcontract/run_result.h"

namespace errcontract {

// What the report holds: the run's header, every case with its findings,
// exchanges (bodies byte for byte, through body_base64), curl commands and
// leaks, the coverage and the totals as written. A file that is not JSON is
// an error naming "file:line:column (byte N)"; one that is not a report of
// this format, or has a member of the wrong shape, names the file and the
// member ("file: cases[3].verdict: \"done\" is not a verdict").
Result<RunResult> parse_json_report(std::string_view json, std::string_view file);
Result<RunResult> load_json_report(const std::string& path);

}  // namespace errcontract
