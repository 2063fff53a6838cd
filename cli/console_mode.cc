#include "console_mode.h"

namespace errcontract::cli {

bool use_color(const std::string& mode, bool is_terminal, const char* no_color) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const bool no_color_set = no_color != nullptr && no_color[0] != '\0';
  return is_terminal && !no_color_set;
}

bool use_progress(bool is_terminal, bool verbose) { return is_terminal && !verbose; }

}  // namespace errcontract::cli
