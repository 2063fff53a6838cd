// The --fault MODE and --fault-code CODE options shared by `serve` and `run`
// (the embedded server): a reference server that breaks its own contract on
// purpose, so the harness can be seen failing (docs/fault-modes.md).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "errcontract/reference_server.h"

namespace errcontract::cli {

struct FaultOptions {
  std::string mode;  // "" = no fault
  std::string code;  // "" = every error response
};

// Adds both options to `cmd`; an unknown mode or a code that is not five
// digits is a parse error (exit 2) that lists the valid modes.
void add_fault_options(CLI::App* cmd, FaultOptions& options, const std::string& what_for);

// Applies the options to `server`; returns a one-line description for the
// banner ("" when no fault is set).
std::string apply_fault_options(const FaultOptions& options, ReferenceServer& server);

}  // namespace errcontract::cli
