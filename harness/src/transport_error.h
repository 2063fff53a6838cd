// The wording of transport errors that the exit code depends on: an error
// whose message starts with kUnreachablePrefix means the target could not be
// reached at all (no connection, no TLS session), as opposed to a target that
// answered too slowly or broke off a response. A run in which every case
// ended in such an error exits with 3 ("target unreachable").
#pragma once

#include <string_view>

namespace errcontract::internal {

inline constexpr std::string_view kUnreachablePrefix = "target unreachable: ";

inline bool is_unreachable_error(std::string_view message) {
  return message.substr(0, kUnreachablePrefix.size()) == kUnreachablePrefix;
}

}  // namespace errcontract::internal
