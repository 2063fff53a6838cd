// The wording that starts the message of a transport error whose kind means
// the target could not be reached at all (is_unreachable()). Only wording:
// decisions are taken from TransportErrorKind, never from this text.
#pragma once

#include <string_view>

namespace errcontract::internal {

inline constexpr std::string_view kUnreachablePrefix = "target unreachable: ";

}  // namespace errcontract::internal
