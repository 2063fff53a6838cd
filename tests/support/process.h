// Runs a program as a child process with given arguments and standard input,
// and collects its exit code, standard output and standard error. Used by the
// CLI tests, which check the real binary end to end.
#pragma once

#include <string>
#include <vector>

namespace errcontract::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when the child did not exit normally
  int signal = 0;      // the signal that ended it, if any
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdin_data = "");

// The errcontract binary of this build.
std::string errcontract_binary();

}  // namespace errcontract::testing
