// The message of a body.not_json finding: where (byte, line, column), what
// was found there (shown even when it is a quote, a NUL or a bad byte), a
// hint for the usual mistakes (single quotes, trailing commas, comments, a
// byte order mark, bare words) and what RapidJSON itself said.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errcontract::internal {

std::string describe_syntax_error(std::string_view body, std::size_t offset,
                                  std::string_view rapidjson_text);

// "'x'", "'é' (U+00E9)", "byte 0x00 (NUL)", "byte 0xFF", or "the end of the body".
std::string describe_byte_at(std::string_view body, std::size_t offset);

}  // namespace errcontract::internal
