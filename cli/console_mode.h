// How `errcontract run` talks to the console: colours (--color auto|always|
// never, NO_COLOR) and the progress line, both only for a person at a
// terminal, never in a CI log.
#pragma once

#include <string>

namespace errcontract::cli {

// --color: "auto" colours a terminal unless NO_COLOR is set to a non-empty
// value (no-color.org); "always" colours even a pipe and despite NO_COLOR;
// "never" does not colour.
bool use_color(const std::string& mode, bool is_terminal, const char* no_color);

// The progress line is drawn on a terminal only, and not with -v (whose
// lines per case already show progress).
bool use_progress(bool is_terminal, bool verbose);

}  // namespace errcontract::cli
