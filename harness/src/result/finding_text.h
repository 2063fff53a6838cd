// Small helpers for writing findings: one constructor with the usual
// defaults, and renderings of body values inside messages (quoted, control
// characters escaped, bad bytes shown as \xNN, long values cut) so a message
// is always one readable line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "errcontract/finding.h"

namespace errcontract::internal {

inline Finding make_finding(std::string id, std::string message,
                            std::optional<std::size_t> offset = std::nullopt,
                            std::string pointer = {}, Severity severity = Severity::kError) {
  Finding finding;
  finding.id = std::move(id);
  finding.severity = severity;
  finding.message = std::move(message);
  finding.offset = offset;
  finding.pointer = std::move(pointer);
  return finding;
}

// `text` as a double-quoted string, at most about `max_bytes` bytes of it
// followed by "..." when cut.
std::string quote_snippet(std::string_view text, std::size_t max_bytes = 80);

}  // namespace errcontract::internal
