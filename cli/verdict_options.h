// The options that say how strictly a response is judged, defined once for
// every command that judges responses (`run`, `fuzz-api`): --lenient and
// --strict-status.
#pragma once

#include <CLI/CLI.hpp>

namespace errcontract::cli {

struct VerdictCli {
  bool lenient = false;        // a numeric error_code, a non-JSON Content-Type: warnings
  bool strict_status = false;  // a documented alternative status: a failure
};

// Adds the options to `cmd`, filling `out` when it is parsed.
void add_verdict_options(CLI::App* cmd, VerdictCli& out);

}  // namespace errcontract::cli
