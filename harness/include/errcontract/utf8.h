// UTF-8 well-formedness at the byte level, shared by the strict envelope
// parser (to say which bytes are bad) and the envelope builder (to replace
// them with U+FFFD). Follows the Unicode "maximal subpart" practice, so an
// ill-formed run is replaced the same way browsers and ICU replace it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errcontract {

// One step over `text` starting at `pos` (pos < text.size()).
struct Utf8Step {
  std::size_t length = 0;  // bytes consumed: the whole character, or the ill-formed subpart (>= 1)
  bool valid = false;      // true when those bytes are one well-formed character
};

Utf8Step utf8_step(std::string_view text, std::size_t pos);

// Offset of the first byte of the first ill-formed sequence, or npos.
std::size_t find_invalid_utf8(std::string_view text);

// Appends `text` to `out`, with each ill-formed subpart replaced by U+FFFD.
void append_utf8_replacing_invalid(std::string& out, std::string_view text);

}  // namespace errcontract
