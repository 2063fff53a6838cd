#include "errcontract/utf8.h"

#include <cstdint>
#include <cstring>

namespace errcontract {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// The second byte of a multi-byte sequence has a narrower range than the
// plain continuation range for some lead bytes: this is what rules out
// overlong forms (E0, F0), UTF-16 surrogates (ED) and code points above
// U+10FFFF (F4).
bool second_byte_ok(unsigned char lead, unsigned char b) {
  switch (lead) {
    case 0xE0:
      return b >= 0xA0 && b <= 0xBF;
    case 0xED:
      return b >= 0x80 && b <= 0x9F;
    case 0xF0:
      return b >= 0x90 && b <= 0xBF;
    case 0xF4:
      return b >= 0x80 && b <= 0x8F;
    default:
      return b >= 0x80 && b <= 0xBF;
  }
}

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;  // a continuation byte, C0, C1 or F5..FF can never start a character
}

}  // namespace

Utf8Step utf8_step(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t need = sequence_length(lead);
  if (need == 1) return {1, true};
  if (need == 0) return {1, false};
  std::size_t have = 1;
  while (have < need && pos + have < text.size()) {
    const auto b = static_cast<unsigned char>(text[pos + have]);
    const bool ok = have == 1 ? second_byte_ok(lead, b) : (b >= 0x80 && b <= 0xBF);
    if (!ok) break;
    ++have;
  }
  return {have, have == need};
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Eight ASCII bytes at a time: most of a case file or a body is ASCII.
    if (std::uint64_t word; text.size() - pos >= 8) {
      std::memcpy(&word, text.data() + pos, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        pos += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Step step = utf8_step(text, pos);
    if (!step.valid) return pos;
    pos += step.length;
  }
  return std::string_view::npos;
}

void append_utf8_replacing_invalid(std::string& out, std::string_view text) {
  std::size_t pos = 0;
  std::size_t run_start = 0;  // start of the well-formed bytes not yet copied
  while (pos < text.size()) {
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Utf8Step step = utf8_step(text, pos);
    if (step.valid) {
      pos += step.length;
      continue;
    }
    out.append(text.substr(run_start, pos - run_start));
    out.append(kReplacementCharacter);
    pos += step.length;
    run_start = pos;
  }
  out.append(text.substr(run_start));
}

}  // namespace errcontract
