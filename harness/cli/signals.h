// SIGINT/SIGTERM handling for long-running subcommands: the first signal sets
// a flag the runner polls between cases; the process is not killed mid-case.
#pragma once

#include <atomic>

namespace errcontract::cli {

// Installs the handlers; returns the flag they set.
const std::atomic<bool>& install_stop_signals();

}  // namespace errcontract::cli
