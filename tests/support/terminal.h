// Runs a program on a pseudo-terminal, as a person at a terminal would, and
// shows what they would see: the raw bytes the terminal received, and the
// screen those bytes leave (carriage return, erase to end of line and
// colour sequences applied). Used to test what errcontract does only for a
// terminal (the progress line, colours).
#pragma once

#include <string>
#include <vector>

namespace errcontract::testing {

struct TerminalRun {
  int exit_code = -1;  // -1 when the child did not exit normally
  std::string bytes;   // everything written to the terminal (stdout and stderr)
};

// Runs `program` with `args` (execv: give /usr/bin/env to set variables)
// with standard input, output and error on a new pseudo-terminal of 100
// columns; waits at most 120 s, then kills it.
TerminalRun run_in_terminal(const std::string& program, const std::vector<std::string>& args);

// The lines left on the screen by `bytes`: "\r" moves to the line's start,
// "\n" to the next line, "ESC [ ... K" erases to the end of the line, other
// "ESC [ ... X" sequences (colours) take no room.
std::vector<std::string> final_screen(const std::string& bytes);

}  // namespace errcontract::testing
