// Where the case library is: the tool finds it at run time, so that an
// installed binary works from any directory and no source path is compiled
// in.
#pragma once

#include <string>

#include "errcontract/result.h"

namespace errcontract::cli {

// In order: `explicit_dir` (--cases) when not empty; $ERRC_CASES_DIR when
// set and not empty; the installed share/errcontract/cases next to the
// executable's bin/ folder; share/errcontract/cases inside the executable's
// own folder (a build folder, where CMake links it to the source tree).
// An error names every place it looked.
Result<std::string> find_cases_dir(const std::string& explicit_dir);

// What --help says of --cases.
inline constexpr const char* kCasesHelp =
    "directory of *.cases.json files (default: $ERRC_CASES_DIR, else the installed case library)";

}  // namespace errcontract::cli
