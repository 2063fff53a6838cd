// Base64 (RFC 4648, padded): how the JSON report keeps the exact bytes of a
// body that is not well-formed UTF-8 ("body_base64"), written and read back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace errcontract::internal {

std::string base64_encode(std::string_view bytes);
// The bytes, or nothing when `text` is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace errcontract::internal
