#include "verdict_options.h"

namespace errcontract::cli {

void add_verdict_options(CLI::App* cmd, VerdictCli& out) {
  cmd->add_flag("--lenient", out.lenient,
                "a numeric error_code and a non-JSON Content-Type are warnings, not failures "
                "(extra members always are)");
  cmd->add_flag("--strict-status", out.strict_status,
                "a status the catalog documents only as an alternative for the code "
                "(status.alternative) is a failure, not a warning");
}

}  // namespace errcontract::cli
