// SIGINT/SIGTERM handling for long-running subcommands: the first signal sets
// a flag the runner polls between cases (and says so on stderr); the process
// is not killed mid-case, so started cases tear down and reports are written.
// A second signal ends the process at once, the default way.
#pragma once

#include <atomic>

namespace errcontract::cli {

// Installs the handlers; returns the flag they set.
const std::atomic<bool>& install_stop_signals();

}  // namespace errcontract::cli
