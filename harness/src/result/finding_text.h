// Small helpers for writing findings' messages: renderings of body values
// (quoted, control characters escaped, bad bytes shown as \xNN, long values
// cut) so a message is always one readable line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "errcontract/finding.h"

namespace errcontract::internal {

// `text` as a double-quoted string, at most about `max_bytes` bytes of it
// followed by "..." when cut.
std::string quote_snippet(std::string_view text, std::size_t max_bytes = 80);

}  // namespace errcontract::internal
